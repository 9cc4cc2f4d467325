/**
 * The dashboard page's script: builds the page from the report's JSON view (src/core/dashboard.ts)
 * with createElement and textContent only (no HTML is built from strings, so no value of the
 * workbook can become markup). The view comes from the inlined JSON element of tong-hop.html, or
 * from the add-on through google.script.run (getDashboardData). The buttons call the add-on's
 * dashboardConsolidate and dashboardPreview (runConsolidation and previewReminders returning only
 * a short result to the page: src/gas/main.ts).
 */
import {
  DASHBOARD as T,
  DASHBOARD_DATA_ID,
  DASHBOARD_VIEW_VERSION,
  formatNumberVi,
  formatPercentVi,
  matchKey,
  type DashboardIndicator,
  type DashboardView,
} from '../core';

/** The part of google.script.run the page uses (https://developers.google.com/apps-script/guides/html/reference/run). */
interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: unknown) => void): ScriptRun;
  [server: string]: unknown;
}

function scriptRun(): ScriptRun | null {
  const g = (window as unknown as { google?: { script?: { run?: ScriptRun } } }).google;
  return g && g.script && g.script.run ? g.script.run : null;
}

type Child = Node | string | null | false | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const pct = (p: number | null): string => formatPercentVi(p);
const num = (n: number | null): string => (n === null ? '—' : formatNumberVi(n));
/** A bar's width: the percent on a 0–100 scale. */
const width = (p: number | null): string => `${String(Math.max(0, Math.min(100, p ?? 0)))}%`;

function errorText(e: unknown): string {
  if (e && typeof (e as Error).message === 'string') return (e as Error).message;
  return String(e);
}

// ---------------------------------------------------------------------------------------------

let status: HTMLElement;
let buttons: HTMLButtonElement[] = [];

function say(text: string): void {
  status.textContent = text;
}

function busy(on: boolean): void {
  for (const b of buttons) b.disabled = on;
}

/** Call a server function; `then` runs with its result. */
function call(name: string, then: (value: unknown) => void): void {
  const run = scriptRun();
  if (!run) return;
  busy(true);
  say(T.running);
  const runner = run
    .withSuccessHandler((value) => {
      busy(false);
      then(value);
    })
    .withFailureHandler((e) => {
      busy(false);
      say(T.actionFailed(errorText(e)));
    });
  invoke(runner, name);
}

/** runner.name(): called on the runner (google.script.run's functions are its methods). */
function invoke(runner: ScriptRun, name: string): void {
  const fn = runner[name];
  if (typeof fn !== 'function') throw new Error(name);
  (fn as (this: ScriptRun) => void).call(runner);
}

function load(after?: string): void {
  call('getDashboardData', (v) => {
    render(v as DashboardView);
    if (after) say(after);
  });
}

function actions(): HTMLElement {
  const section = el('section', { 'aria-labelledby': 'h-actions' }, el('h2', { id: 'h-actions' }, T.actionsTitle));
  if (!scriptRun()) {
    section.appendChild(el('p', { class: 'note' }, T.offline));
    buttons = [];
    return section;
  }
  const button = (id: string, label: string, onClick: () => void): HTMLButtonElement => {
    const b = el('button', { type: 'button', id }, label);
    b.addEventListener('click', onClick);
    return b;
  };
  buttons = [
    button('btn-consolidate', T.consolidate, () => {
      call('dashboardConsolidate', (r) => {
        const result = r as { status?: string; message?: string } | null;
        if (result && result.status === 'done') load(T.actionDone);
        else say(result && result.message ? result.message : '');
      });
    }),
    button('btn-preview', T.preview, () => {
      call('dashboardPreview', () => {
        say('');
      });
    }),
    button('btn-refresh', T.refresh, () => {
      load();
    }),
  ];
  section.appendChild(el('div', { class: 'buttons' }, ...buttons));
  return section;
}

function barRow(kind: string, label: string, value: number | null): HTMLElement {
  const fill = el('span', { class: `fill fill-${kind}` });
  fill.style.width = width(value);
  return el(
    'div',
    { class: 'bar-row', 'data-kind': kind },
    el('span', { class: 'bar-label' }, label),
    el('span', { class: 'track', 'aria-hidden': 'true' }, fill),
    el('span', { class: 'bar-value' }, value === null ? T.noTarget : formatPercentVi(value, kind === 'target' && Number.isInteger(value) ? 0 : 1)),
  );
}

function indicator(ind: DashboardIndicator): HTMLElement {
  const frac = ind.denominator === null ? '' : T.fraction(num(ind.numerator ?? 0), num(ind.denominator));
  const head = el('div', { class: 'ind-head' }, el('h3', {}, ind.name), el('span', { class: `chip chip-${ind.status}` }, T.statusLabel[ind.status]));
  const bars = el(
    'div',
    { class: 'bars' },
    barRow('percent', T.rate, ind.percent),
    ind.target === null ? null : barRow('expected', T.expected, ind.expected),
    barRow('target', T.target, ind.target),
  );
  return el('article', { class: 'ind', 'data-code': ind.code }, head, bars, frac ? el('p', { class: 'frac' }, frac) : null);
}

/** A month-by-month line of one indicator: the points with their numbers as text. */
function historyChart(ind: DashboardIndicator): HTMLElement {
  const W = 280;
  const H = 110;
  // room for the first and last labels, centred on their points
  const left = 28;
  const right = 28;
  const top = 18;
  const bottom = 22;
  const n = ind.history.length;
  const x = (i: number) => left + (n === 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (n - 1));
  const y = (p: number) => top + ((100 - Math.max(0, Math.min(100, p))) * (H - top - bottom)) / 100;
  const chart = svg('svg', { viewBox: `0 0 ${String(W)} ${String(H)}`, width: '100%', role: 'img', 'aria-labelledby': `hist-${ind.code}` });
  chart.appendChild(svg('line', { x1: left, x2: W - right, y1: y(0), y2: y(0), class: 'axis' }));
  if (ind.target !== null) chart.appendChild(svg('line', { x1: left, x2: W - right, y1: y(ind.target), y2: y(ind.target), class: 'target-line' }));
  const pts = ind.history.map((h, i) => (h.percent === null ? null : `${x(i).toFixed(1)},${y(h.percent).toFixed(1)}`)).filter((s): s is string => s !== null);
  if (pts.length > 1) chart.appendChild(svg('polyline', { points: pts.join(' '), class: 'line' }));
  ind.history.forEach((h, i) => {
    if (h.percent !== null) {
      chart.appendChild(svg('circle', { cx: x(i), cy: y(h.percent), r: 3, class: h.current ? 'dot dot-current' : 'dot' }));
      chart.appendChild(svg('text', { x: x(i), y: y(h.percent) - 6, 'text-anchor': 'middle', class: 'pt-value' }, pct(h.percent)));
    }
    chart.appendChild(svg('text', { x: x(i), y: H - 6, 'text-anchor': 'middle', class: 'pt-label' }, h.current ? T.current : h.label));
  });
  const caption = ind.history.map((h) => `${h.current ? T.current : h.label}: ${pct(h.percent)}`).join('; ');
  return el('figure', { class: 'hist', 'data-code': ind.code }, el('figcaption', { id: `hist-${ind.code}` }, `${ind.short} — ${caption}`), chart);
}

function completeness(view: DashboardView): HTMLElement {
  const c = view.completeness;
  const section = el('section', { 'aria-labelledby': 'h-comp' }, el('h2', { id: 'h-comp' }, T.completenessTitle));
  const seg = (cls: string, n: number) => {
    const s = el('span', { class: `seg ${cls}` });
    s.style.width = c.due > 0 ? `${String((100 * n) / c.due)}%` : '0%';
    return s;
  };
  section.appendChild(
    el('div', { class: 'stack', 'aria-hidden': 'true' }, seg('seg-ontime', c.onTime), seg('seg-late', c.late), seg('seg-missing', c.missing)),
  );
  const item = (key: string, label: string, n: number, cls = '') =>
    el(
      'div',
      { class: 'comp-item', 'data-key': key },
      el('dt', {}, cls ? el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }) : null, cls ? ' ' : null, label),
      el('dd', {}, T.units(num(n))),
    );
  section.appendChild(
    el(
      'dl',
      { class: 'comp' },
      item('due', T.due, c.due),
      item('reported', T.reported, c.reported),
      item('onTime', T.onTime, c.onTime, 'seg-ontime'),
      item('late', T.late, c.late, 'seg-late'),
      item('missing', T.missing, c.missing, 'seg-missing'),
    ),
  );
  return section;
}

/** Groups of at most this many units start unfolded. */
const OPEN_GROUP_MAX = 12;

function laggards(view: DashboardView): HTMLElement {
  const section = el('section', { 'aria-labelledby': 'h-lag' }, el('h2', { id: 'h-lag' }, `${T.laggardsTitle} (${num(view.laggards.total)})`));
  if (!view.laggards.groups.length) {
    section.appendChild(el('p', {}, T.laggardsNone));
    return section;
  }
  const input = el('input', { type: 'search', id: 'unit-search', autocomplete: 'off', placeholder: T.searchPlaceholder });
  section.appendChild(el('div', { class: 'search' }, el('label', { for: 'unit-search' }, T.search), input));
  const noMatch = el('p', { class: 'note', id: 'no-match' }, T.noMatch);
  noMatch.hidden = true;
  const groups: { box: HTMLDetailsElement; count: HTMLElement; items: { li: HTMLElement; key: string }[] }[] = [];
  for (const g of view.laggards.groups) {
    const count = el('span', { class: 'count' }, T.groupCount(num(g.units.length), num(g.units.length)));
    const items = g.units.map((u) => ({
      li: el('li', { 'data-code': u.code }, el('span', { class: 'code' }, u.code), ' ', u.name),
      key: matchKey(`${u.code} ${u.name}`),
    }));
    // a long group starts folded (a province has ~250 units); a search opens the groups it finds units in
    const box = el(
      'details',
      { class: 'group', 'data-reason': g.reason },
      el('summary', {}, T.reasonLabel[g.reason], ' ', count),
      el('ul', {}, ...items.map((i) => i.li)),
    );
    box.open = items.length <= OPEN_GROUP_MAX;
    groups.push({ box, count, items });
    section.appendChild(box);
  }
  section.appendChild(noMatch);
  input.addEventListener('input', () => {
    const q = matchKey(input.value);
    let any = false;
    for (const g of groups) {
      let shown = 0;
      for (const i of g.items) {
        const on = q === '' || i.key.includes(q);
        i.li.hidden = !on;
        if (on) shown++;
      }
      g.box.hidden = shown === 0;
      g.box.open = q === '' ? g.items.length <= OPEN_GROUP_MAX : shown > 0;
      g.count.textContent = T.groupCount(num(shown), num(g.items.length));
      if (shown) any = true;
    }
    noMatch.hidden = any;
  });
  return section;
}

function render(view: DashboardView | null): void {
  const app = document.getElementById('app');
  if (!app) return;
  app.textContent = '';
  if (!view || view.v !== DASHBOARD_VIEW_VERSION) {
    app.appendChild(el('p', {}, T.noData));
    return;
  }
  app.appendChild(
    el(
      'header',
      {},
      el('h1', {}, T.heading(view.periodLabel)),
      el('p', { class: 'sub' }, view.department),
      el('p', { class: 'sub' }, T.dates(view.today, view.deadline)),
      view.closed ? el('p', { class: 'sub' }, T.closed) : null,
    ),
  );
  status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  app.appendChild(actions());
  app.appendChild(status);

  const inds = el('section', { 'aria-labelledby': 'h-ind' }, el('h2', { id: 'h-ind' }, T.indicatorsTitle), el('p', { class: 'note' }, T.indicatorsNote));
  if (view.indicators.length) for (const ind of view.indicators) inds.appendChild(indicator(ind));
  else inds.appendChild(el('p', {}, T.noIndicators));
  app.appendChild(inds);

  app.appendChild(completeness(view));

  const hist = el('section', { 'aria-labelledby': 'h-hist' }, el('h2', { id: 'h-hist' }, T.historyTitle));
  const withHistory = view.indicators.filter((i) => i.history.length > 0);
  if (withHistory.length) for (const ind of withHistory) hist.appendChild(historyChart(ind));
  else hist.appendChild(el('p', { class: 'note' }, T.historyNone));
  app.appendChild(hist);

  app.appendChild(laggards(view));
}

function start(): void {
  document.title = T.title;
  status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const inline = document.getElementById(DASHBOARD_DATA_ID);
  if (inline) {
    render(JSON.parse(inline.textContent || 'null') as DashboardView);
    return;
  }
  const app = document.getElementById('app');
  if (!scriptRun()) {
    render(null);
    return;
  }
  if (app) app.appendChild(el('p', {}, T.loading));
  const run = scriptRun();
  if (!run) return;
  const runner = run
    .withSuccessHandler((v) => {
      render(v as DashboardView);
    })
    .withFailureHandler((e) => {
      if (app) app.textContent = T.loadFailed(errorText(e));
    });
  invoke(runner, 'getDashboardData');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
