import { describe, expect, it } from 'vitest';
import { CHART_PALETTE, renderChartSvg } from '../../../shared/export/chartSvg.js';
import { figurePanels, figureValue } from '../../../shared/export/chartRows.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { AGE_TABLE, CLA_TABLE, ETHNICITY_TABLE, FIGURE_LABEL, INJECTION_LABEL, LOCAL_FIGURES, LOCAL_TOTAL_ONLY, SDQ_TABLE } from './fixtures.js';

const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;
const bars = (svg: string) => count(svg, /<rect class="bar[" ]/g);
const texts = (svg: string, cls: string) => [...svg.matchAll(new RegExp(`<text [^>]*class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]);

describe('grouped bars', () => {
  const chart = renderChartSvg(AGE_TABLE);

  it('draws one bar per category and year, none for a suppressed figure but a c in its place', () => {
    // 5 age bands x 3 years, less the suppressed under-1 bar of 2023.
    expect(bars(chart.svg)).toBe(14);
    expect(texts(chart.svg, 'suppressed-mark')).toEqual(['c']);
    expect(texts(chart.svg, 'footnote')).toEqual(['c = suppressed to protect confidentiality']);
  });

  it('prints every value beside its bar', () => {
    expect(texts(chart.svg, 'value')).toEqual(['27', '20', '54', '53', '58', '74', '77', '81', '221', '212', '230', '134', '140', '147']);
  });

  it('has an accessible name and description that carry the figures', () => {
    expect(chart.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="680" height="\d+" viewBox="0 0 680 \d+" role="img" aria-labelledby="chart-age-title chart-age-desc"/);
    expect(chart.svg).toContain('<title id="chart-age-title">Age of children looked after at 31 March</title>');
    expect(chart.summary).toContain('Under 1: 31 March 2021 27, 31 March 2022 20, 31 March 2023 suppressed');
    expect(chart.svg).toContain(`<desc id="chart-age-desc">${chart.summary}</desc>`);
  });

  it('tells the years apart by pattern as well as colour, with a legend', () => {
    const patterns = [...chart.svg.matchAll(/<pattern id="chart-age-p(\d)"[^>]*><rect width="8" height="8" fill="([^"]+)"\/>(.*?)<\/pattern>/g)];
    expect(patterns.map((p) => p[2])).toEqual(CHART_PALETTE.slice(0, 3));
    // Solid, then two different overlays.
    expect(new Set(patterns.map((p) => p[3])).size).toBe(3);
    expect(count(chart.svg, /class="legend-item"/g)).toBe(3);
    expect(chart.svg).toContain('>31 March 2023</text>');
    // Every bar has a dark outline (non-text contrast).
    expect(count(chart.svg, /<rect class="bar" [^>]*stroke="#0b0c0c"/g)).toBe(14);
  });

  it('turns horizontal when the categories are many or long, and still draws every bar', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({
      key: `R${i}`,
      label: `Placement type with a long descriptive name ${i}`,
      group: null,
      values: { 2022: { count: 10 + i, percent: 5 }, 2023: { count: 20 + i, percent: 5 } },
    }));
    const result: PackResult = { ...AGE_TABLE.result, pack: 'placement-type', years: [2022, 2023], rows, total: {} };
    const c = renderChartSvg({ result, chart: 'grouped-bar', timing: 'snapshot' });
    expect(bars(c.svg)).toBe(24);
    // Horizontal bars all start at the same x (the value axis origin).
    const xs = new Set([...c.svg.matchAll(/<rect class="bar" x="([\d.]+)"/g)].map((m) => m[1]));
    expect(xs.size).toBe(1);
    expect(c.height).toBeGreaterThan(12 * 2 * 16);
  });

  it('leaves averages and base rows out of a chart of shares', () => {
    const c = renderChartSvg(SDQ_TABLE);
    // submitted and three bands: 4 rows x 2 years; the average and the base (eligible) are not drawn.
    expect(bars(c.svg)).toBe(8);
    expect(c.summary).not.toContain('Average score');
    expect(c.summary).not.toContain('Eligible');
    expect(c.partial).toBe(true);
    expect(c.summary).toContain('It draws the main rows; the table has every row.');
  });

  it('draws the groups of a pack with subtotals, not the groups and their parts', () => {
    const v = (n: number) => ({ 2023: { count: n, percent: n / 10 } });
    const result: PackResult = {
      ...AGE_TABLE.result,
      pack: 'legal-status',
      years: [2023],
      rows: [
        { key: 'care', label: 'Care orders', group: 'Care orders', subtotal: true, values: v(300) },
        { key: 'C1', label: 'Interim care order', group: 'Care orders', values: v(100) },
        { key: 'C2', label: 'Full care order', group: 'Care orders', values: v(200) },
        { key: 'V2', label: 'Single period of accommodation', group: 'Voluntary', values: v(50) },
        { key: 'avg', label: 'Average age', group: null, values: { 2023: { count: 350, value: 11.2 } } },
      ],
      total: { 2023: { count: 350 } },
    };
    const c = renderChartSvg({ result, chart: 'grouped-bar', timing: 'snapshot' });
    expect(bars(c.svg)).toBe(2);
    expect(c.summary).toContain('Care orders: 31 March 2023 300');
    expect(c.summary).toContain('Single period of accommodation: 31 March 2023 50');
    expect(c.summary).not.toContain('Interim');
    expect(c.summary).not.toContain('Average age');
  });

  it('compares the latest three years at most, fewer when the categories are many', () => {
    const years = [2019, 2020, 2021, 2022, 2023, 2024];
    const rowsOf = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ key: `r${i}`, label: `Row ${i}`, group: null, values: Object.fromEntries(years.map((y) => [y, { count: 10 + i, percent: 5 }])) }));
    const five = renderChartSvg({ result: { ...AGE_TABLE.result, years, rows: rowsOf(5), total: {} }, chart: 'grouped-bar', timing: 'flow' });
    expect(five.years).toEqual([2022, 2023, 2024]);
    expect(bars(five.svg)).toBe(15);
    expect(five.summary).toContain('The chart compares the latest 3 years; the table has every year.');
    expect(five.svg).toContain('>2021/22</text>');
    expect(five.svg).not.toContain('>2020/21</text>');
    const twenty = renderChartSvg({ result: { ...AGE_TABLE.result, years, rows: rowsOf(20), total: {} }, chart: 'grouped-bar', timing: 'flow' });
    expect(twenty.years).toEqual([2024]);
    // Lines keep every year along their axis.
    expect(renderChartSvg({ ...CLA_TABLE }).years).toEqual(CLA_TABLE.result.years);
    expect(renderChartSvg({ ...CLA_TABLE }).partial).toBe(false);
  });
});

describe('line chart (cla)', () => {
  const chart = renderChartSvg(CLA_TABLE);

  it('draws one line per measure with a marker at each year and labels at the ends', () => {
    expect(count(chart.svg, /<path class="line"/g)).toBe(4);
    expect(count(chart.svg, /class="point"/g)).toBe(20);
    expect(texts(chart.svg, 'value')).toHaveLength(20);
    expect(chart.svg).toContain('>Looked after at 31</tspan>');
    for (const year of ['2018/19', '2022/23']) expect(chart.svg).toContain(`>${year}</text>`);
  });

  it('tells lines apart by dash and marker shape, not by colour alone', () => {
    const dashes = [...chart.svg.matchAll(/<path class="line"[^>]*?(?: stroke-dasharray="([^"]+)")?\/>/g)].map((m) => m[1] ?? 'solid');
    expect(new Set(dashes).size).toBe(4);
    const shapes = [...chart.svg.matchAll(/<g class="series"><path class="line"[^>]*\/>(<(circle|rect|path))/g)].map((m) => m[2]);
    expect(shapes).toEqual(['circle', 'rect', 'path', 'path']);
  });

  it('breaks a line at a suppressed year rather than drawing through it', () => {
    const result = structuredClone(CLA_TABLE.result);
    result.rows[1]!.values[2021] = { count: null, suppressed: true };
    const c = renderChartSvg({ ...CLA_TABLE, result });
    const started = [...c.svg.matchAll(/<path class="line" d="([^"]+)"/g)][1]![1]!;
    expect(started.match(/M/g)).toHaveLength(2);
    expect(texts(c.svg, 'suppressed-mark')).toEqual(['c']);
  });
});

describe('100% stacked bars', () => {
  const chart = renderChartSvg(ETHNICITY_TABLE);

  it('splits each year into the rows shown, plus one hatched segment for what suppression hid', () => {
    // 2022: six rows; 2023: five rows (African suppressed) + the suppressed segment.
    expect(bars(chart.svg)).toBe(12);
    expect(count(chart.svg, /<rect class="bar suppressed"/g)).toBe(1);
    expect(chart.svg).toContain('>Suppressed (c)</tspan>');
  });

  it('labels segments tall enough to hold their percentage', () => {
    expect(texts(chart.svg, 'value')).toEqual(expect.arrayContaining(['79.9%', '78.7%', '8.7%']));
  });

  it('labels every segment: inside it where its tag fits, else beside its bar with a leader, never dropped (Legal status 2024: 5.5%)', () => {
    // Legal status at 31 March: Placement order 5.8% (a tag fits, 19.7 px) then 5.5% (18.7 px: it does not).
    const years = [2019, 2020, 2021, 2022, 2023, 2024];
    const shares: Record<string, number[]> = { C: [80.7, 78.1, 77.8, 77.9, 79.3, 80.6], E: [5.8, 6.9, 6.9, 6.4, 6.2, 5.5], V: [13.5, 15.0, 15.3, 15.7, 14.5, 13.9] };
    const legal: PackResult = {
      pack: 'legal-status',
      title: 'Legal status of children looked after',
      definition: '',
      years,
      rows: Object.entries(shares).map(([key, ps]) => ({ key, label: `Status ${key}`, group: null, values: Object.fromEntries(years.map((y, i) => [y, { count: Math.round(ps[i]! * 10), percent: ps[i]! }])) })),
      total: Object.fromEntries(years.map((y) => [y, { count: 1000 }])),
      notes: [],
    };
    const svg = renderChartSvg({ result: legal, chart: 'stacked-100', timing: 'snapshot' }).svg;
    const labels = texts(svg, 'value');
    for (const [, ps] of Object.entries(shares)) for (const p of ps) expect(labels).toContain(`${p.toFixed(1)}%`);
    expect(labels).toHaveLength(18);
    // The one too thin for its tag is beside its bar, joined to it, to the right of the bar's edge.
    expect(count(svg, /<line class="leader"/g)).toBe(1);
    const beside = /<line class="leader" x1="([\d.]+)"[^>]*\/><text x="([\d.]+)"[^>]*class="value">5\.5%<\/text>/.exec(svg);
    expect(beside).not.toBeNull();
    expect(Number(beside![2])).toBeGreaterThan(Number(beside![1]));
    // Nothing drawn past the chart's right edge.
    const ends = [...svg.matchAll(/<text x="([\d.]+)"[^>]*text-anchor="start"[^>]*class="value">([^<]*)<\/text>/g)].map((m) => Number(m[1]) + m[2]!.length * 12 * 0.58);
    expect(Math.max(...ends)).toBeLessThanOrEqual(680);
    // With too many years for a label beside each bar, the chart says the table has the figures instead.
    const many = Array.from({ length: 14 }, (_, i) => 2011 + i);
    const crowded: PackResult = { ...legal, years: many, rows: legal.rows.map((r) => ({ ...r, values: Object.fromEntries(many.map((y) => [y, r.values[2024]!])) })), total: Object.fromEntries(many.map((y) => [y, { count: 1000 }])) };
    const squeezed = renderChartSvg({ result: crowded, chart: 'stacked-100', timing: 'snapshot' }).svg;
    expect(count(squeezed, /<line class="leader"/g)).toBe(0);
    expect(texts(squeezed, 'footnote')).toContain('A segment too thin to label has its figure in the table.');
  });

  it('escapes labels, so a formula or markup in a code is only text', () => {
    expect(chart.svg).not.toContain('"http://example.invalid');
    expect(chart.svg).toContain('=HYPERLINK(&quot;http://example.i');
    expect(chart.summary).toContain(INJECTION_LABEL);
    const evil = structuredClone(ETHNICITY_TABLE.result);
    evil.rows[0]!.label = '<script>alert(1)</script>';
    const c = renderChartSvg({ ...ETHNICITY_TABLE, result: evil });
    expect(c.svg).not.toContain('<script>');
    expect(c.svg).toContain('&lt;script&gt;');
  });
});

describe("a local pack's figures besides the count", () => {
  const days = FIGURE_LABEL;
  const result = LOCAL_FIGURES;
  const table = { result, chart: 'grouped-bar' as const, timing: 'flow' as const };

  it('reach the chart model as a panel of their own, with their unit', () => {
    const panels = figurePanels(result);
    expect(panels.map((p) => [p.title, p.unit, p.rows.map((r) => r.label)])).toEqual([[days, 'days', ['Stage 1', 'Stage 2', 'All escalations']]]);
    expect(panels[0]!.rows.map((r) => [figureValue(r.values['2023']), figureValue(r.values['2024'])])).toEqual([
      [null, 12.5],
      [16, null], // suppressed: a gap
      [16, 13.6],
    ]);
  });

  it('are drawn under the counts, on an axis titled in days; a suppressed figure is a gap marked c, one with no rows a gap', () => {
    const chart = renderChartSvg(table);
    // The counts: 2 stages x 2 years; the figure: 3 rows x 2 years less the two gaps.
    expect(bars(chart.svg)).toBe(4 + 4);
    expect(texts(chart.svg, 'value')).toEqual(['6', '7', '4', '3', '12.5', '16.0', '16.0', '13.6']);
    expect(texts(chart.svg, 'axis-title')).toEqual(['Days']);
    expect(texts(chart.svg, 'suppressed-mark')).toEqual(['c']);
    // Only the figures' panel has something suppressed: the counts' chart has no "c =" line.
    expect(texts(chart.svg, 'footnote')).toEqual(['c = suppressed to protect confidentiality']);
    expect(texts(chart.svg, 'figure-title')).toEqual([days]);
    expect(chart.summary).toContain('Under it, a chart of the figures besides the count: Average days from raised to resolved. Bar chart of the average days from raised to resolved (days) in each category');
    expect(chart.summary).toContain('Stage 1: 2022/23 no figure, 2023/24 12.5; Stage 2: 2022/23 16.0, 2023/24 suppressed; All escalations: 2022/23 16.0, 2023/24 13.6');
    expect(chart.svg).toContain(`<desc id="chart-local-escalations-all-desc">${chart.summary.replace(/'/g, '&#39;')}</desc>`);
    // Without figures, the chart is the counts' alone, as before.
    const counts = renderChartSvg({ ...table, result: { ...result, rows: result.rows.slice(0, 2), local: { ...result.local!, measures: [], measureUnits: [] } } });
    expect(bars(counts.svg)).toBe(4);
    expect(counts.summary).not.toContain('besides the count');
  });

  it('of a pack counted without a breakdown (its total only) are drawn under a counts chart of that total, not an empty one', () => {
    const chart = renderChartSvg({ result: LOCAL_TOTAL_ONLY, chart: 'grouped-bar', timing: 'flow' });
    // The counts: "All escalations" in 2 years; the figure: 2 years.
    expect(bars(chart.svg)).toBe(2 + 2);
    expect(texts(chart.svg, 'value')).toEqual(['10', '12', '16.0', '13.6']);
    expect(chart.summary).toContain('All escalations');
    // Over months, a line of the total.
    const line = renderChartSvg({ result: LOCAL_TOTAL_ONLY, chart: 'line', timing: 'flow' });
    expect(line.summary).toMatch(/All escalations[^.;]*10[^.;]*12/);
  });
});
