/** The dashboard's JSON view of a report (src/core/dashboard.ts). */
import { consolidate } from '../../src/core/consolidate';
import {
  DASHBOARD_DATA_ID,
  DASHBOARD_DATA_SLOT,
  DASHBOARD_REASONS,
  dashboardDataScript,
  dashboardPageWithData,
  dashboardView,
  roundPercent,
  scriptSafeJson,
} from '../../src/core/dashboard';
import { INDICATORS } from '../../src/core/schema';
import { generateProvince } from '../../src/demo';
import { provinceWithHistory } from '../helpers/dashboard';

/** The value, or a failed test. */
function must<T>(v: T | null | undefined): T {
  if (v === null || v === undefined) throw new Error('missing value');
  return v;
}

describe('dashboardView', () => {
  const { snapshot, report, view } = provinceWithHistory();

  it('has the province’s indicators with the report’s numbers', () => {
    const codes = INDICATORS.filter((c) => report.province.indicators[c]);
    expect(view.indicators.map((i) => i.code)).toEqual(codes);
    expect(codes.length).toBeGreaterThan(3);
    for (const ind of view.indicators) {
      const v = must(report.province.indicators[ind.code]);
      expect(ind.numerator).toBe(v.numerator);
      expect(ind.denominator).toBe(v.denominator);
      expect(ind.percent).toBe(Math.round(must(v.percent) * 10) / 10);
      expect(ind.target).toBe(v.target);
      expect(ind.expected).toBe(v.expected === null ? null : Math.round(v.expected * 10) / 10);
      expect(ind.status).toBe(v.status);
      expect(ind.name).toBe(must(report.settings.targets.find((t) => t.code === ind.code)).name);
    }
  });

  it('has the reporting completeness: due, reported, on time, late, missing', () => {
    const c = report.province.completeness;
    expect(view.completeness).toEqual({
      due: c.expected,
      reported: c.submitted,
      onTime: c.onTime,
      late: c.submitted - c.onTime,
      missing: c.expected - c.submitted,
    });
    expect(view.completeness.late + view.completeness.onTime + view.completeness.missing).toBe(view.completeness.due);
  });

  it('groups the lagging units by reason (code and name only), every reason of every laggard', () => {
    const laggards = report.units.filter((u) => u.laggard);
    expect(laggards.length).toBeGreaterThan(0);
    expect(view.laggards.total).toBe(laggards.length);
    expect(view.laggards.groups.map((g) => g.reason)).toEqual(DASHBOARD_REASONS.filter((r) => laggards.some((u) => u.reasons.includes(r))));
    for (const g of view.laggards.groups) {
      expect(g.units).toEqual(laggards.filter((u) => u.reasons.includes(g.reason)).map((u) => ({ code: u.code, name: u.name })));
      for (const u of g.units) expect(Object.keys(u).sort()).toEqual(['code', 'name']);
    }
  });

  it('has a month-by-month line per indicator: the closed months, then this one', () => {
    for (const ind of view.indicators) {
      expect(ind.history.map((h) => [h.period, h.current])).toEqual([
        ['2026-09', false],
        ['2026-10', false],
        ['2026-11', true],
      ]);
      expect(ind.history[2].percent).toBe(ind.percent);
    }
    // the closed months' figures are those of the province in each close (computed on that day)
    const october = consolidate(snapshot, { today: '2026-10-28' });
    for (const ind of view.indicators) expect(ind.history[1].percent).toBe(roundPercent(must(october.province.indicators[ind.code]).percent));
    expect(view.indicators.some((i) => i.history[0].percent !== i.history[2].percent)).toBe(true);
  });

  it('has no history line without closed months', () => {
    const plain = consolidate(generateProvince({ seed: 7, units: 20, learners: 500 }).snapshot, { today: '2026-11-20' });
    expect(plain.provinceHistory).toBeUndefined();
    expect(dashboardView(plain).indicators.every((i) => i.history.length === 0)).toBe(true);
  });

  it('holds no CCCD, e-mail address, learner or focal point name', () => {
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/\d{9}/);
    expect(json).not.toContain('@');
    const names = new Set<string>();
    for (const t of report.tables) {
      const nameColumn = t.kind === 'learners' ? t.columns.name : undefined;
      if (nameColumn === undefined) continue;
      const sheet = must(snapshot.sheets.find((s) => s.name === t.sheet));
      for (const row of sheet.values.slice(t.headerRow)) {
        const n = row[nameColumn];
        if (typeof n === 'string' && n.trim().length >= 8) names.add(n.trim());
      }
    }
    for (const u of report.units) if (u.contactName.trim().length >= 8) names.add(u.contactName.trim());
    expect(names.size).toBeGreaterThan(100);
    const leaked = [...names].filter((n) => json.includes(n));
    expect(leaked).toEqual([]);
    // and the view is small: a few KB for 40 units
    expect(json.length).toBeLessThan(20000);
  });
});

describe('the offline page’s data element', () => {
  const hostile = { a: '</script><script>alert(1)</script>', b: '<!-- x -->', c: 'a & b > c', d: 'line\u2028sep\u2029end' };

  it('escapes <, >, &, U+2028 and U+2029 and parses back to the same value', () => {
    const json = scriptSafeJson(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(hostile);
  });

  it('goes into the page’s data slot, once', () => {
    const { view } = provinceWithHistory({ units: 10, learners: 300 });
    const page = `<html><body><main id="app"></main>${DASHBOARD_DATA_SLOT}<script>x</script></body></html>`;
    const out = dashboardPageWithData(page, view);
    expect(out).not.toContain(DASHBOARD_DATA_SLOT);
    expect(out).toContain(dashboardDataScript(view));
    const m = out.match(new RegExp(`<script type="application/json" id="${DASHBOARD_DATA_ID}">([^<]*)</script>`));
    expect(JSON.parse(must(m)[1])).toEqual(view);
    expect(() => dashboardPageWithData('<html></html>', view)).toThrow();
  });
});
