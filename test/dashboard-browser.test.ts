/// <reference lib="dom" />
// (the DOM types: the functions given to page.evaluate run in the browser)
/**
 * The dashboard page in a real browser (issue 14 §1): build/dashboard.html in headless Chromium
 * (Debian's `chromium`, driven by playwright-core), with a stub of google.script.run serving the
 * view of a generated province's report (two closed months, then this one). Checks that the bars
 * and numbers are the report's, the search filters the lagging units, the buttons call the
 * sidebar's server functions, the keyboard reaches every control with a visible focus, text has
 * enough contrast, nothing is loaded from elsewhere, and there is no console error. The offline
 * page of the command line (the view inlined) renders the same. Screenshots go to
 * test-artifacts/ (not committed; docs/dashboard.png is one of them).
 *
 * Skipped, saying why, when Chromium is not installed (.ci/run installs Debian's `chromium`).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dashboardPageWithData, type DashboardView } from '../src/core/dashboard';
import { DASHBOARD, formatNumberVi, formatPercentVi } from '../src/core/messages';
import { matchKey } from '../src/core/text';
import { provinceWithHistory } from './helpers/dashboard';

const CHROMIUM = process.env.BDHVS_CHROMIUM ?? '/usr/bin/chromium';
const PAGE_FILE = join(__dirname, '../build/dashboard.html');
const ARTIFACTS = join(__dirname, '../test-artifacts');
const ORIGIN = 'http://bdhvs.test';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  process.stdout.write(
    `dashboard-browser.test.ts skipped: no Chromium at ${CHROMIUM} (install Debian's \`chromium\` package, as .ci/run does, or set BDHVS_CHROMIUM)\n`,
  );
const maybe = haveChromium ? test : test.skip;

let browser: Browser | null = null;
let page = '';
let view: DashboardView;

beforeAll(async () => {
  if (!haveChromium) return;
  if (!existsSync(PAGE_FILE)) throw new Error('build/dashboard.html is missing: run `npm run build` first (npm test does)');
  page = readFileSync(PAGE_FILE, 'utf8');
  view = provinceWithHistory().view;
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60000);

afterAll(async () => {
  if (browser) await browser.close();
});

interface Opened {
  tab: Page;
  problems: string[];
  requests: string[];
}

/** The stub of google.script.run: records each call, answers asynchronously like Apps Script. */
function stubScript(data: DashboardView): string {
  return `(() => {
    const data = ${JSON.stringify(data)};
    const answers = {
      getDashboardData: () => data,
      dashboardConsolidate: () => ({ status: 'done', message: 'xong' }),
      dashboardPreview: () => 3,
    };
    window.__calls = [];
    function runner(ok, fail) {
      const r = {
        withSuccessHandler: (f) => runner(f, fail),
        withFailureHandler: (f) => runner(ok, f),
      };
      for (const name of Object.keys(answers))
        r[name] = function () {
          if (this !== r) throw new Error('google.script.run functions are called as methods');
          window.__calls.push(name);
          setTimeout(() => ok && ok(answers[name]()), 5);
        };
      return r;
    }
    window.google = { script: { run: runner(null, null) } };
  })();`;
}

async function open(html: string, stub: DashboardView | null, width = 320): Promise<Opened> {
  if (!browser) throw new Error('no browser');
  const tab = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  tab.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // the page itself; any other request is a failure (the page must be self-contained)
  await tab.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/`) await route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
    else {
      requests.push(url);
      await route.abort();
    }
  });
  if (stub) await tab.addInitScript(stubScript(stub));
  await tab.goto(`${ORIGIN}/`);
  await tab.waitForSelector('article.ind');
  return { tab, problems, requests };
}

const text = (tab: Page, selector: string) => tab.locator(selector).first().textContent();

async function expectBars(tab: Page, v: DashboardView) {
  expect(await tab.locator('article.ind').count()).toBe(v.indicators.length);
  for (const ind of v.indicators) {
    const card = `article.ind[data-code="${ind.code}"]`;
    expect(await text(tab, `${card} h3`)).toBe(ind.name);
    expect(await text(tab, `${card} .chip`)).toBe(DASHBOARD.statusLabel[ind.status]);
    const bars: [string, number | null, number][] = [
      ['percent', ind.percent, 1],
      ['expected', ind.expected, 1],
      ['target', ind.target, ind.target !== null && Number.isInteger(ind.target) ? 0 : 1],
    ];
    for (const [kind, value, decimals] of bars) {
      const row = `${card} .bar-row[data-kind="${kind}"]`;
      expect(await text(tab, `${row} .bar-value`)).toBe(formatPercentVi(value, decimals));
      // the bar's length is the number (0–100 % of its track)
      const fill = await tab.locator(`${row} .fill`).evaluate((e) => {
        const track = (e.parentElement as HTMLElement).getBoundingClientRect().width;
        return { style: (e as HTMLElement).style.width, share: (100 * e.getBoundingClientRect().width) / track };
      });
      expect(fill.style).toBe(`${String(Math.max(0, Math.min(100, value ?? 0)))}%`);
      expect(fill.share).toBeCloseTo(Math.max(0, Math.min(100, value ?? 0)), 0);
    }
    if (ind.denominator !== null)
      expect(await text(tab, `${card} .frac`)).toBe(DASHBOARD.fraction(formatNumberVi(ind.numerator ?? 0), formatNumberVi(ind.denominator)));
  }
  const c = v.completeness;
  for (const [key, n] of Object.entries(c)) expect(await text(tab, `.comp-item[data-key="${key}"] dd`)).toBe(DASHBOARD.units(formatNumberVi(n)));
  // the month-by-month lines: one per indicator, every point's number as text
  const withHistory = v.indicators.filter((i) => i.history.length > 0);
  expect(await tab.locator('figure.hist').count()).toBe(withHistory.length);
  for (const ind of withHistory) {
    const fig = `figure.hist[data-code="${ind.code}"]`;
    const labels = await tab.locator(`${fig} text.pt-value`).allTextContents();
    expect(labels).toEqual(ind.history.filter((h) => h.percent !== null).map((h) => formatPercentVi(h.percent)));
    expect(await tab.locator(`${fig} circle`).count()).toBe(labels.length);
  }
}

/** Text whose contrast with its background is below `min` (WCAG 2 relative luminance). */
async function lowContrast(tab: Page, min = 4.5): Promise<{ low: string[]; checked: number }> {
  return tab.evaluate((minimum) => {
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (c: number) => {
        const x = c / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (e: Element | null): number[] => {
      for (let n = e; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out: string[] = [];
    let checked = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const e = t.parentElement;
      if (!e || !(t.textContent ?? '').trim() || e.closest('[hidden]') || e.closest('details:not([open]) > ul')) continue;
      const style = getComputedStyle(e);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const fg = lum(rgb(style.fill && e instanceof SVGElement ? style.fill : style.color));
      const bg = lum(background(e instanceof SVGElement ? e.closest('figure') : e));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      checked++;
      if (ratio < minimum) out.push(`${(t.textContent ?? '').trim().slice(0, 30)}: ${ratio.toFixed(2)}`);
    }
    return { low: out, checked };
  }, min);
}

maybe(
  'the sidebar: bars, history, search, buttons, keyboard, contrast, no console error',
  async () => {
    const { tab, problems, requests } = await open(page, view);
    expect(await tab.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(await tab.title()).toBe(DASHBOARD.title);
    await expectBars(tab, view);
    expect(await lowContrast(tab)).toEqual({ low: [], checked: expect.any(Number) as number });
    expect((await lowContrast(tab)).checked).toBeGreaterThan(60);
    await tab.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: false });
    // the whole page, wider (docs/dashboard.png is this one)
    await tab.setViewportSize({ width: 640, height: 900 });
    await tab.screenshot({ path: join(ARTIFACTS, 'dashboard-full.png'), fullPage: true });
    await tab.setViewportSize({ width: 320, height: 900 });

    // the search: by code, by a name typed without diacritics, and nothing
    const search = tab.getByLabel(DASHBOARD.search);
    expect(await search.count()).toBe(1);
    const all = view.laggards.groups.flatMap((g) => g.units);
    const unit = all[Math.floor(all.length / 2)];
    const visibleCodes = () => tab.locator('.group:not([hidden]) li:not([hidden])').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-code')));
    await search.fill(unit.code);
    const byCode = await visibleCodes();
    expect(byCode.length).toBeGreaterThan(0);
    expect(new Set(byCode)).toEqual(new Set(all.filter((u) => matchKey(`${u.code} ${u.name}`).includes(matchKey(unit.code))).map((u) => u.code)));
    const groupsOfUnit = view.laggards.groups.filter((g) => g.units.some((u) => u.code === unit.code)).length;
    expect(byCode.filter((c) => c === unit.code)).toHaveLength(groupsOfUnit);
    expect(await tab.locator('.group:not([hidden])').count()).toBeGreaterThanOrEqual(groupsOfUnit);
    const words = unit.name.split(' ');
    const fragment = words.slice(-2).join(' ');
    const plain = fragment
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toUpperCase();
    await search.fill(plain);
    const byName = await visibleCodes();
    expect(byName).toContain(unit.code);
    expect(new Set(byName)).toEqual(new Set(all.filter((u) => matchKey(`${u.code} ${u.name}`).includes(matchKey(plain))).map((u) => u.code)));
    await search.fill('không có đơn vị nào như thế này');
    expect(await visibleCodes()).toEqual([]);
    expect(await tab.locator('#no-match').isVisible()).toBe(true);
    await search.fill('');
    expect(await tab.locator('.group[hidden], .group li[hidden]').count()).toBe(0);
    expect(await tab.locator('.group li').count()).toBe(all.length);

    // the keyboard: Tab from the top reaches the buttons and the search box, focus visible
    // (a click on the heading: where sequential focus navigation starts)
    await tab.click('h1');
    const reached: string[] = [];
    for (let i = 0; i < 6; i++) {
      await tab.keyboard.press('Tab');
      const focus = await tab.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        return e ? { name: e.id || e.tagName.toLowerCase(), outline: getComputedStyle(e).outlineStyle, width: getComputedStyle(e).outlineWidth } : null;
      });
      if (!focus) continue;
      reached.push(focus.name);
      expect(focus.outline).not.toBe('none');
      expect(focus.width).not.toBe('0px');
    }
    // the buttons, the search box, then the groups of units (their <summary> folds and unfolds them)
    expect(reached).toEqual(['btn-consolidate', 'btn-preview', 'btn-refresh', 'unit-search', 'summary', 'summary']);

    // the buttons call the sidebar's server functions (Enter on the focused button, then clicks)
    await tab.focus('#btn-consolidate');
    await tab.keyboard.press('Enter');
    await tab.waitForFunction(() => (window as unknown as { __calls: string[] }).__calls.length >= 3);
    await tab.waitForSelector('article.ind');
    expect(await tab.locator('.status').textContent()).toBe(DASHBOARD.actionDone);
    await tab.click('#btn-preview');
    await tab.waitForFunction(() => (window as unknown as { __calls: string[] }).__calls.includes('dashboardPreview'));
    await tab.click('#btn-refresh');
    await tab.waitForFunction(() => (window as unknown as { __calls: string[] }).__calls.length >= 5);
    expect(await tab.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([
      'getDashboardData',
      'dashboardConsolidate',
      'getDashboardData',
      'dashboardPreview',
      'getDashboardData',
    ]);
    await expectBars(tab, view);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await tab.close();
  },
  30000,
);

maybe(
  'the offline page (tong-hop.html): the view inlined, the same bars, no buttons',
  async () => {
    const { tab, problems, requests } = await open(dashboardPageWithData(page, view), null, 900);
    await expectBars(tab, view);
    expect(await tab.locator('button').count()).toBe(0);
    expect(await tab.locator('p.note', { hasText: DASHBOARD.offline }).count()).toBe(1);
    expect(await lowContrast(tab)).toEqual({ low: [], checked: expect.any(Number) as number });
    expect((await lowContrast(tab)).checked).toBeGreaterThan(60);
    await tab.screenshot({ path: join(ARTIFACTS, 'tong-hop-html.png'), fullPage: false });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await tab.close();
  },
  30000,
);
