import { describe, expect, it } from 'vitest';
import type { PackSummary } from '../../shared/api.js';
import type { CellValue, PackResult } from '../../shared/packs/result.js';
import { bridgeTransport, clientFromEnveloped, takeSessionToken, ApiCallError } from '../../renderer/src/api.js';
import { guessYear, groupByYear, type PendingFile } from '../../renderer/src/lib/files.js';
import { formatCount, formatPercent, formatSigned, yearLabel } from '../../renderer/src/lib/format.js';
import { chartRows } from '../../shared/export/chartRows.js';
import { buildTableModel, displayText } from '../../shared/export/model.js';
import { renderChartSvg } from '../../shared/export/chartSvg.js';
import { buildFigureCharts, buildPackChart, latestYearSentence, legendExtra, wrapLabel, yearColours } from '../../renderer/src/lib/packChart.js';
import { gridRows, packTable } from '../../renderer/src/lib/packTable.js';
import { rowsToCsv } from '../../renderer/src/lib/tableText.js';
import { activityRow } from '../../renderer/src/lib/activity.js';
import { drillCellText, drillHeading } from '../../renderer/src/lib/drillColumns.js';
import { encodeWire } from '../../shared/wire.js';
import { LOCAL_FIGURES, LOCAL_TOTAL_ONLY } from '../unit/export/fixtures.js';

const summary: PackSummary = { id: 'legal-status', title: 'Legal status', section: 'CLA at 31 March', timing: 'snapshot', chart: 'grouped-bar' };
const result: PackResult = {
  pack: 'legal-status',
  title: 'Legal status',
  definition: 'Children looked after at 31 March by legal status.',
  years: [2023, 2024],
  rows: [
    { key: 'C2', label: 'C2 Full care order', group: 'Care orders', values: { '2023': { count: 1200, percent: 60 }, '2024': { count: 1250, percent: 62.5 } } },
    { key: 'L1', label: 'L1 Police protection', group: 'Other', values: { '2023': { count: null, percent: null, suppressed: true }, '2024': { count: 0, percent: 0 } } },
    { key: 'V2', label: 'V2 Section 20', group: 'Voluntary', values: { '2023': { count: 800, percent: 40 } } },
  ],
  total: { '2023': { count: 2000 }, '2024': { count: 2000 } },
  notes: [],
};

describe('formatting', () => {
  it('labels snapshot and flow years as the report does', () => {
    expect(yearLabel(2023, 'snapshot')).toBe('31 March 2023');
    expect(yearLabel(2023, 'flow')).toBe('2022/23');
    expect(yearLabel(2000, 'flow')).toBe('1999/00');
    // A local pack by month: its columns are months as yyyymm.
    expect(yearLabel(202304, 'month')).toBe('Apr 2023');
    expect(yearLabel(202412, 'month')).toBe('Dec 2024');
  });
  it('shows c for suppressed, – for missing, thousands separators and one-decimal percents', () => {
    expect(formatCount({ count: 1250 })).toBe('1,250');
    expect(formatCount({ count: null, suppressed: true })).toBe('c');
    expect(formatCount(undefined)).toBe('–');
    expect(formatCount({ value: 13.456 })).toBe('13.5');
    // An average's cell also carries the number averaged over; the average is what is shown.
    expect(formatCount({ count: 195, value: 13.62 })).toBe('13.6');
    // An average over no children is no figure, not "0" (it would read as 0 days).
    expect(formatCount({ count: 0, value: null })).toBe('–');
    expect(formatPercent({ count: 3, percent: 62.5 })).toBe('62.5%');
    expect(formatPercent({ count: 3, percent: 0 })).toBe('0.0%');
    expect(formatSigned(50)).toBe('+50');
    expect(formatSigned(-3)).toBe('−3');
    expect(formatSigned(0)).toBe('0');
    expect(formatSigned(0, 1)).toBe('0.0');
    expect(formatSigned(2.5, 1, ' pts')).toBe('+2.5 pts');
  });
});

describe('pack table', () => {
  it('puts years as columns, each cell holding the number and/or percent, then the group and the change', () => {
    const both = packTable(result, summary, { measure: 'both', years: [2023, 2024] });
    expect(both.columns.map((c) => c.id)).toEqual(['label', 'group', 'y2023', 'y2024', 'change']);
    expect(both.columns[2]!.header).toBe('31 March 2023');
    expect(both.columns[4]!.title).toBe('Change from 31 March 2023 to 31 March 2024; percentages change in points');
    const [c2, l1, , total] = both.rows;
    expect(both.cell(c2!, both.columns[3]!).parts).toEqual([
      { colId: 'y2024-count', measure: 'count', text: '1,250' },
      { colId: 'y2024-percent', measure: 'percent', text: '62.5%' },
    ]);
    expect(both.cell(c2!, both.columns[4]!).parts.map((p) => p.text)).toEqual(['+50', '+2.5 pts']);
    // Only a non-zero, unsuppressed count opens the children behind it.
    expect(both.cell(c2!, both.columns[3]!).drillYear).toBe(2024);
    expect(both.cell(l1!, both.columns[2]!)).toMatchObject({ suppressed: true, drillYear: undefined });
    expect(both.cell(l1!, both.columns[2]!).parts.map((p) => p.text)).toEqual(['c', 'c']);
    expect(both.cell(l1!, both.columns[3]!).drillYear).toBeUndefined();
    // The total's percent is blank (it is the base), not a dash.
    expect(both.cell(total!, both.columns[3]!).parts.map((p) => p.text)).toEqual(['2,000', '']);
    const countOnly = packTable(result, summary, { measure: 'count', years: [2024] });
    expect(countOnly.columns.map((c) => c.id)).toEqual(['label', 'group', 'y2024']);
    expect(countOnly.cell(c2!, countOnly.columns[2]!).parts.map((p) => p.colId)).toEqual(['y2024-count']);
    const percentOnly = packTable(result, summary, { measure: 'percent', years: [2023, 2024] });
    expect(percentOnly.cell(c2!, percentOnly.columns[4]!).parts.map((p) => p.text)).toEqual(['+2.5 pts']);
    expect(both.columns[0]!.header).toBe('Category');
  });

  it('shows c for a percentage withheld because its base is suppressed, and for its change in points; – for a percentage of none', () => {
    // Held late, Female, 2019/20 on the sample: 32 shown, its heading (the base of its %) is c.
    const parts: PackResult = {
      ...result,
      rows: [
        { key: 'late|female', label: 'Female', group: null, values: { '2023': { count: 28, percent: 43.1 }, '2024': { count: 32, percent: null, percentWithheld: true } } },
        { key: 'none|female', label: 'Female', group: null, values: { '2023': { count: 0, percent: 0 }, '2024': { count: 0, percent: null } } },
      ],
    };
    const t = packTable(parts, summary, { measure: 'both', years: [2023, 2024] });
    const [late, none] = t.rows;
    const [y2024, change] = [t.columns.find((c) => c.id === 'y2024')!, t.columns.find((c) => c.id === 'change')!];
    expect(t.cell(late!, y2024).parts.map((p) => p.text)).toEqual(['32', 'c']);
    // The count is shown and opens its children; only the percentage is withheld.
    expect(t.cell(late!, y2024)).toMatchObject({ suppressed: false, drillYear: 2024 });
    expect(t.cell(late!, change).parts.map((p) => p.text)).toEqual(['+4', 'c']);
    expect(t.cell(none!, y2024).parts.map((p) => p.text)).toEqual(['0', '–']);
    expect(t.cell(none!, change).parts.map((p) => p.text)).toEqual(['0', '–']);
  });

  it('shows x for a code not in a year\'s code list, and x for its change: no move from a year it was not collected', () => {
    const codes: PackResult = {
      ...result,
      rows: [
        { key: 'K3', label: 'Supported accommodation (Ofsted-registered)', group: null, values: { '2023': { count: null, notCollected: true }, '2024': { count: 33, percent: 7 } } },
        { key: 'H5', label: 'Semi-independent living accommodation', group: null, values: { '2023': { count: 31, percent: 6.8 }, '2024': { count: null, notCollected: true } } },
      ],
    };
    const t = packTable(codes, summary, { measure: 'both', years: [2023, 2024] });
    const change = t.columns.find((c) => c.id === 'change')!;
    const [k3, h5] = t.rows;
    expect(t.cell(k3!, t.columns.find((c) => c.id === 'y2023')!).parts.map((p) => p.text)).toEqual(['x', 'x']);
    expect(t.cell(k3!, change).parts.map((p) => p.text)).toEqual(['x', 'x']);
    expect(t.cell(h5!, change).parts.map((p) => p.text)).toEqual(['x', 'x']);
  });

  it('shows x, not c, for the change of a breakdown part that is c one year and x the other (x when either year is x), on screen and in exports', () => {
    // Placement type by gender at 5: H5's Male part c at 31 March 2023, x at 31 March 2024; K3's the other way round.
    const parts: PackResult = {
      ...result,
      rows: [
        { key: 'H5|male', label: 'Male', group: 'H5', values: { '2023': { count: null, percent: null, suppressed: true }, '2024': { count: null, notCollected: true } } },
        { key: 'K3|female', label: 'Female', group: 'K3', values: { '2023': { count: null, notCollected: true }, '2024': { count: null, percent: null, suppressed: true } } },
      ],
    };
    const t = packTable(parts, summary, { measure: 'both', years: [2023, 2024] });
    const change = t.columns.find((c) => c.id === 'change')!;
    const partRows = t.rows.filter((r) => !r.isTotal);
    expect(partRows).toHaveLength(2);
    for (const row of partRows) {
      expect(t.cell(row, change).parts.map((p) => p.text)).toEqual(['x', 'x']);
      expect(t.cell(row, change).suppressed).toBe(false);
    }
    const model = buildTableModel({ result: parts, commentary: [], timing: 'snapshot', chart: 'grouped-bar', section: '' });
    for (const key of ['H5|male', 'K3|female']) expect(model.rows.find((r) => r.key === key)!.cells.slice(-2).map(displayText)).toEqual(['x', 'x']);
  });

  it("heads a local pack's row labels with the columns it counts by, or what it counts", () => {
    const local = (by: string[]): PackResult => ({ ...result, pack: 'local-x', local: { unit: { one: 'escalation', many: 'escalations' }, by } });
    expect(packTable(local(['stage', 'outcome']), summary, { measure: 'both', years: [2024] }).columns[0]!.header).toBe('Stage and outcome');
    expect(packTable(local([]), summary, { measure: 'both', years: [2024] }).columns[0]!.header).toBe('Escalations');
  });

  it("writes an average's change to one decimal place, as the exports and commentary do", () => {
    const averages: PackResult = {
      ...result,
      rows: [{ key: 'average', label: 'Average score', group: null, values: { '2023': { count: 200, value: 14 }, '2024': { count: 195, value: 13 } } }],
    };
    const t = packTable(averages, summary, { measure: 'count', years: [2023, 2024] });
    expect(t.cell(t.rows[0]!, t.columns.find((c) => c.id === 'change')!).parts.map((p) => p.text)).toEqual(['−1.0']);
  });

  it("gives no change for an average where a year has none, never the change in the children it is over", () => {
    const averages: PackResult = {
      ...result,
      rows: [{ key: 'average', label: 'Average days', group: null, values: { '2023': { count: 0, value: null }, '2024': { count: 3, value: 41.7 } } }],
    };
    const t = packTable(averages, summary, { measure: 'count', years: [2023, 2024] });
    expect(t.columns.filter((c) => c.id !== 'label').map((c) => t.cell(t.rows[0]!, c).parts.map((p) => p.text).join(' '))).toEqual(['–', '41.7', '–']);
  });

  it('compares the latest year with the latest before it that has figures: never a year not collected (x)', () => {
    const x = { count: null, notCollected: true as const };
    const three: PackResult = {
      ...result,
      years: [2022, 2023, 2024],
      rows: [{ key: 'one', label: 'One', group: null, values: { '2022': { count: 40, percent: 40 }, '2023': x, '2024': { count: 45, percent: 45 } } }],
      total: { '2022': { count: 100 }, '2023': x, '2024': { count: 100 } },
    };
    const t = packTable(three, summary, { measure: 'both', years: [2022, 2023, 2024] });
    const change = t.columns.find((c) => c.id === 'change')!;
    expect(change.title).toBe('Change from 31 March 2022 to 31 March 2024; percentages change in points');
    expect(t.cell(t.rows[0]!, change).parts.map((p) => p.text)).toEqual(['+5', '+5.0 pts']);
    // Shown from 2023: no earlier year with figures, so no change column at all.
    expect(packTable(three, summary, { measure: 'both', years: [2023, 2024] }).columns.map((c) => c.id)).toEqual(['label', 'y2023', 'y2024']);
  });

  it('shows a change worked from a suppressed figure as c, as the exports do, and – only where there is no figure', () => {
    const t = packTable(result, summary, { measure: 'both', years: [2023, 2024] });
    const change = t.columns.find((c) => c.id === 'change')!;
    const byId = (id: string) => t.cell(t.rows.find((r) => r.id === id)!, change);
    // L1: 2023 suppressed, 2024 0: the change would give 2023 away, so it is withheld (c), styled as suppressed.
    expect(byId('L1').parts.map((p) => p.text)).toEqual(['c', 'c']);
    expect(byId('L1').suppressed).toBe(true);
    // V2 has no 2024 row at all: no figure (–), not withheld.
    expect(byId('V2').parts.map((p) => p.text)).toEqual(['–', '–']);
    expect(byId('V2').suppressed).toBe(false);
    // Every row's change reads the same on screen as in the exports' model (Word, Excel, clipboard).
    const model = buildTableModel({ result, timing: 'snapshot', commentary: [], chart: 'grouped-bar', section: 'CLA at 31 March' });
    const changeCols = model.columns.flatMap((c, i) => (c.role === 'change-count' || c.role === 'change-points' ? [i] : []));
    for (const row of t.rows) {
      const exported = model.rows.find((r) => r.key === row.id)!.cells;
      const screen = t.cell(row, change).parts.map((p) => p.text.replace(' pts', ''));
      expect(screen, row.id).toEqual(changeCols.map((i) => displayText(exported[i]!)));
    }
  });

  it('adds the total as the last row', () => {
    expect(gridRows(result).map((r) => r.id)).toEqual(['C2', 'L1', 'V2', '__total']);
  });

});

describe('pack chart', () => {
  it('draws grouped bars: one trace per year, categories along the axis, suppressed as gaps', () => {
    const chart = buildPackChart(result, summary, 'count', [2023, 2024]);
    expect(chart.data.map((d) => d.name)).toEqual(['31 March 2023', '31 March 2024']);
    expect((chart.data[0] as { x: string[] }).x).toEqual(['C2 Full care order', 'L1 Police protection', 'V2 Section 20']);
    expect((chart.data[0] as { y: (number | null)[] }).y).toEqual([1200, null, 800]);
    expect((chart.data[1] as { y: (number | null)[] }).y).toEqual([1250, 0, null]);
    expect(chart.layout.barmode).toBe('group');
    expect(chart.summary).toContain('31 March 2023 to 31 March 2024');
    // The years drawn, for the export's caption: only those shown that the result has.
    expect(chart.years).toEqual([2023, 2024]);
    const one = buildPackChart(result, summary, 'count', [2024, 2030]);
    expect(one.years).toEqual([2024]);
    expect(one.data.map((d) => d.name)).toEqual(['31 March 2024']);
  });

  it('tells the years apart by pattern as well as colour, and says what a missing bar is (WCAG 1.4.1)', () => {
    const chart = buildPackChart(result, summary, 'count', [2023, 2024]);
    const patterns = chart.data.map((d) => (d as { marker: { pattern: { shape: string; bgcolor: string } } }).marker.pattern);
    expect(new Set(patterns.map((p) => p.shape)).size).toBe(2);
    expect(patterns.map((p) => p.bgcolor)).toEqual(chart.data.map((d) => (d as { marker: { color: string } }).marker.color));
    // L1 2023 is c, V2 2024 has no figure.
    expect(chart.summary).toContain('A missing bar is a suppressed figure (c) or no figure (–), not 0.');
    const whole = { ...result, rows: [result.rows[0]!] };
    expect(buildPackChart(whole, summary, 'count', [2023, 2024]).summary).not.toContain('missing bar');
    const onlyC = { ...result, rows: [result.rows[1]!] };
    expect(buildPackChart(onlyC, summary, 'count', [2023]).summary).toContain('A missing bar is a suppressed figure (c), not 0.');
  });

  it("draws a local pack's figures besides the count in a chart each: values as labels, the unit as axis title, a suppressed figure a gap", () => {
    const days = 'Average days from raised to resolved';
    const figure = (key: string, label: string, v2023: number | 'c', v2024: number | null) => ({
      key,
      label,
      group: days,
      role: 'measure' as const,
      values: { 2023: v2023 === 'c' ? { value: null, suppressed: true } : { count: 3, value: v2023 }, 2024: v2024 === null ? { value: null } : { count: 4, value: v2024 } },
    });
    const local: PackResult = {
      ...result,
      pack: 'local-escalations',
      years: [2023, 2024],
      rows: [...result.rows, figure('m1', 'Stage 1', 'c', 26), figure('m2', 'All escalations', 13.6, 14)],
      local: { unit: { one: 'escalation', many: 'escalations' }, by: ['stage'], measures: [days], measureUnits: ['days'] },
    };
    const localSummary: PackSummary = { ...summary, id: 'local-escalations', timing: 'flow' };
    const [chart, ...more] = buildFigureCharts(local, localSummary, [2023, 2024]);
    expect(more).toEqual([]);
    expect(chart!.data.map((d) => d.name)).toEqual(['2022/23', '2023/24']);
    expect((chart!.data[0] as { x: string[] }).x).toEqual(['Stage 1', 'All escalations']);
    expect(chart!.data.map((d) => (d as { y: (number | null)[] }).y)).toEqual([
      [null, 13.6],
      [26, 14],
    ]);
    expect(chart!.data.map((d) => (d as { text: string[] }).text)).toEqual([
      ['', '13.6'],
      ['26.0', '14.0'],
    ]);
    expect((chart!.layout.yaxis as { title: { text: string } }).title.text).toBe('Days');
    expect(chart!.summary).toBe('Bar chart of the average days from raised to resolved (days) in each category and of all rows, one bar per year, 2022/23 to 2023/24. A missing bar is a figure suppressed or without rows.');
    // The counts' chart is unchanged: the figures are not categories.
    expect((buildPackChart(local, localSummary, 'count', [2023, 2024]).data[0] as { x: string[] }).x).toEqual(['C2 Full care order', 'L1 Police protection', 'V2 Section 20']);
    // A pack without figures has none.
    expect(buildFigureCharts(result, summary, [2023, 2024])).toEqual([]);
  });

  it('draws lines per row over the years, and 100% stacks per year', () => {
    const lines = buildPackChart(result, { ...summary, chart: 'line' }, 'percent', [2023, 2024]);
    expect(lines.data.map((d) => d.name)).toEqual(['C2 Full care order', 'L1 Police protection', 'V2 Section 20']);
    expect((lines.data[0] as { y: number[] }).y).toEqual([60, 62.5]);
    const dashes = lines.data.map((d) => (d as { line: { dash: string } }).line.dash);
    expect(new Set(dashes).size).toBe(3);
    const stacked = buildPackChart(result, { ...summary, chart: 'stacked-100' }, 'count', [2023, 2024]);
    expect(stacked.layout.barmode).toBe('stack');
    // Each row's share of the year as the table gives it, not rescaled by Plotly over the rows drawn.
    expect(stacked.layout.barnorm).toBeUndefined();
    expect(stacked.data.map((d) => (d as { y: (number | null)[] }).y)).toEqual([[60, 62.5], [null, 0], [40, null]]);
    const shapes = stacked.data.map((d) => (d as { marker: { pattern: { shape: string } } }).marker.pattern.shape);
    expect(new Set(shapes).size).toBe(3);
  });

  it('a 100% stack with a suppressed row draws the others at their shares of the whole year and what was hidden as a segment of its own, as the exports do', () => {
    const hiding: PackResult = {
      ...result,
      years: [2023],
      rows: [
        { key: 'C2', label: 'C2 Full care order', group: 'Care orders', values: { '2023': { count: 1200, percent: 60 } } },
        { key: 'L1', label: 'L1 Police protection', group: 'Other', values: { '2023': { count: null, percent: null, suppressed: true } } },
        { key: 'V2', label: 'V2 Section 20', group: 'Voluntary', values: { '2023': { count: 700, percent: 35 } } },
      ],
      total: { '2023': { count: 2000 } },
    };
    const stacked = buildPackChart(hiding, { ...summary, chart: 'stacked-100' }, 'count', [2023]);
    const bars = stacked.data.map((d) => [d.name, (d as { y: (number | null)[] }).y]);
    // Plotly's percent mode would have drawn Care orders at 1,200 / 1,900 = 63.2%.
    expect(bars).toEqual([['C2 Full care order', [60]], ['L1 Police protection', [null]], ['V2 Section 20', [35]], ['Suppressed (c)', [5]]]);
    expect(renderChartSvg({ result: hiding, timing: 'snapshot', chart: 'stacked-100' }).svg).toContain('class="bar suppressed"');
    // What the chart does, said under it on screen and in a saved image (not "its shares are of the figures drawn").
    const said = 'Each bar\'s shares are of the year\'s whole total: what is suppressed (c) is the grey segment "Suppressed (c)".';
    expect(stacked.gapNote).toBe(said);
    expect(stacked.summary).toContain(said);
    expect(stacked.summary).not.toContain('figures drawn');
  });

  it('escapes every code and label it draws: Plotly would read tags in them (a live link, 40 px red text) and %{...} in hover text', () => {
    const link = '<a href="http://example.invalid/x">P1</a>';
    const big = '<span style="font-size:40px;color:red">Big</span> & %{y}';
    const evil: PackResult = {
      ...result,
      rows: [
        { key: link, label: link, group: null, values: { '2024': { count: 5, percent: 50 } } },
        { key: 'B', label: big, group: null, values: { '2024': { count: 5, percent: 50 } } },
      ],
    };
    const drawn: unknown[] = [];
    for (const chart of ['grouped-bar', 'line', 'stacked-100'] as const) {
      drawn.push(buildPackChart(evil, { ...summary, chart }, 'count', [2024]).data);
      drawn.push(buildPackChart({ ...evil, rows: [...evil.rows, ...Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, label: `Row ${i}`, group: null, values: {} }))] }, { ...summary, chart }, 'count', [2024]).data);
    }
    const text = JSON.stringify(drawn);
    expect(text).not.toMatch(/<a |<span|%\{y\} /);
    expect(text).toContain('&lt;a href=\\"http://example.invalid/x\\"&gt;P1&lt;/a&gt;');
    expect(text).toContain('&lt;span style=\\"font-size:40px;color:red\\"&gt;Big&lt;/span&gt; &amp; %&#123;y}');
    const line = buildPackChart(evil, { ...summary, chart: 'line' }, 'count', [2024]).data[0] as { hovertemplate: string };
    expect(line.hovertemplate).toBe('%{fullData.name}<br>%{x}: %{y:,}<extra></extra>');
    expect(wrapLabel('<b>bold</b> text that is long enough to be wrapped on two lines')).toBe('&lt;b&gt;bold&lt;/b&gt; text that is<br>long enough to be wrapped on<br>two lines');
  });

  it('colours years in the house palette\'s order, as the exported charts do, wrapping round it', () => {
    expect(yearColours(1)).toEqual(['#12436D']);
    expect(yearColours(3)).toEqual(['#12436D', '#28A197', '#801650']);
    expect(yearColours(3, ['#111111', '#EEEEEE'])).toEqual(['#111111', '#EEEEEE', '#111111']);
  });

  it('draws in the house colours and font when given them', () => {
    const look = { palette: ['#1D5C3A', '#B8860B'], font: 'Verdana' };
    const row = (key: string, count: number) => ({ key, label: key, group: null, values: { '2024': { count } } });
    const result: PackResult = { pack: 'cla', title: 'Children', definition: '', years: [2024], rows: [row('a', 1), row('b', 2), row('c', 3)], total: {}, notes: [] };
    const chart = buildPackChart(result, { ...summary, chart: 'line' }, 'count', [2024], false, look);
    expect((chart.data as { line: { color: string } }[]).map((d) => d.line.color)).toEqual(['#1D5C3A', '#B8860B', '#1D5C3A']);
    expect(chart.layout.font?.family).toMatch(/^"Verdana", /);
  });
});

describe('which rows a chart draws', () => {
  const c = (count: number, percent?: number) => ({ '2024': percent === undefined ? { count } : { count, percent } });
  const grouped: PackResult = {
    pack: 'ethnicity',
    title: 'Ethnicity',
    definition: '',
    years: [2024],
    rows: [
      { key: 'white', label: 'White', group: 'White', subtotal: true, values: c(80, 80) },
      { key: 'WBRI', label: 'White British', group: 'White', values: c(70, 70) },
      { key: 'WOTH', label: 'Any other White', group: 'White', values: c(10, 10) },
      { key: 'OOTH', label: 'Any other ethnic group', group: 'Other', values: c(20, 20) },
      { key: 'known', label: 'Recorded (base)', group: null, role: 'base', values: c(100) },
      { key: 'bme', label: 'BME share', group: null, role: 'measure', values: c(30, 30) },
    ],
    total: { '2024': { count: 100 } },
    notes: [],
  };

  it('draws the groups, not groups and their parts, and leaves out bases, measures and caveats', () => {
    expect(chartRows(grouped, 'grouped-bar').map((r) => r.key)).toEqual(['white', 'OOTH']);
    // A category without a group (an unrecognised code) is one of the groups; a caveat row never is.
    const more: PackResult = {
      ...grouped,
      rows: [...grouped.rows, { key: 'XXXX', label: 'XXXX', group: null, values: c(1, 1) }, { key: 'of-whom', label: 'Of whom: not in the returns', group: null, role: 'note', values: c(40, 40) }],
    };
    expect(chartRows(more, 'grouped-bar').map((r) => r.key)).toEqual(['white', 'OOTH', 'XXXX']);
    // Age by sex: the parts of each group, not "All male" / "All female".
    expect(chartRows({ ...grouped, chartLevel: 'parts' }, 'grouped-bar').map((r) => r.key)).toEqual(['WBRI', 'WOTH', 'OOTH']);
    const rows = gridRows(grouped);
    expect(rows.filter((r) => r.isChild).map((r) => r.id)).toEqual(['WBRI', 'WOTH']);
    expect(rows.filter((r) => r.isSubtotal).map((r) => r.id)).toEqual(['white']);
  });

  it('leaves out base rows and averages, and stacks only rows that make up the total', () => {
    const participation: PackResult = {
      ...grouped,
      rows: [
        { key: 'PN0', label: 'PN0', group: null, values: c(30, 30) },
        { key: 'PN1', label: 'PN1', group: null, values: c(60, 60) },
        { key: 'PN7', label: 'PN7', group: null, values: c(10, 10) },
        { key: 'eligible', label: 'Aged 4 or over', group: null, values: c(70) },
        { key: 'participated', label: 'Participated', group: null, values: c(60, 85.7) },
        { key: 'average', label: 'Average', group: null, values: { '2024': { value: 13.5 } } },
      ],
    };
    expect(chartRows(participation, 'stacked-100').map((r) => r.key)).toEqual(['PN0', 'PN1', 'PN7']);
    expect(chartRows(participation, 'grouped-bar').map((r) => r.key)).toEqual(['PN0', 'PN1', 'PN7', 'participated']);
  });

  it("draws a local pack counted without a breakdown as its total, on screen as in the exports (not an empty chart)", () => {
    expect(chartRows(LOCAL_TOTAL_ONLY, 'line').map((r) => [r.label, r.values])).toEqual([['All escalations', LOCAL_TOTAL_ONLY.total]]);
    const summary: PackSummary = { id: LOCAL_TOTAL_ONLY.pack, title: LOCAL_TOTAL_ONLY.title, section: 'Local', timing: 'flow', chart: 'line' };
    const chart = buildPackChart(LOCAL_TOTAL_ONLY, summary, 'count', [2023, 2024]);
    expect(chart.data.map((d) => [(d as { name: string }).name, (d as { y: number[] }).y])).toEqual([['All escalations', [10, 12]]]);
    // A pack with categories draws them, never its total besides.
    expect(chartRows(LOCAL_FIGURES, 'grouped-bar').map((r) => r.label)).toEqual(['Stage 1', 'Stage 2']);
  });

  it('wraps long axis labels onto at most three lines', () => {
    expect(wrapLabel('Black, African, Caribbean or Black British')).toBe('Black, African, Caribbean or<br>Black British');
    expect(wrapLabel('White')).toBe('White');
    expect(wrapLabel('a'.repeat(10) + ' ' + 'b'.repeat(25) + ' ' + 'c'.repeat(25) + ' ' + 'd'.repeat(25))).toBe(`${'a'.repeat(10)}<br>${'b'.repeat(25)}<br>${'c'.repeat(25)}…`);
  });
});

describe('files', () => {
  it('guesses the collection year from names and folders', () => {
    expect(guessYear('returns/2023/header.csv')).toBe(2023);
    expect(guessYear('SSDA903_2022-23_episodes.csv')).toBe(2023);
    expect(guessYear('903 2022_23 header.csv')).toBe(2023);
    expect(guessYear('old/2019/then/2024/header.csv')).toBe(2024);
    expect(guessYear('header.csv')).toBeNull();
    expect(guessYear('export_20240331.csv')).toBeNull();
    // Not a collection-year pair: better no guess than a wrong one.
    expect(guessYear('2022-25 header.csv')).toBeNull();
  });

  it('groups dropped files by year', () => {
    const f = (name: string, relativePath: string): PendingFile => ({ id: name + relativePath, name, relativePath, size: 1 });
    const groups = groupByYear([f('header.csv', 'r/2023/header.csv'), f('header.csv', 'r/2024/header.csv'), f('episodes.csv', 'r/2024/episodes.csv'), f('x.csv', '')], null);
    expect([...groups.keys()]).toEqual([2023, 2024, null]);
    expect(groups.get(2024)!.map((g) => g.name)).toEqual(['header.csv', 'episodes.csv']);
  });

  it('writes CSV with quoting and a guard against spreadsheet formulas', () => {
    expect(rowsToCsv(['child', 'note', 'n'], [{ child: '=cmd()', note: 'a, "b"', n: -3 }])).toBe('child,note,n\r\n\'=cmd(),"a, ""b""",-3\r\n');
  });
});

describe('api client', () => {
  it('posts to /api/<channel> with the token and unwraps envelopes, throwing on errors', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      const body = url.endsWith('pack.run')
        ? { ok: false, error: { code: 'not-found', message: 'There is no pack called x.' } }
        : { ok: true, value: { fileName: 'r.xlsx', data: new Uint8Array([80, 75]) } };
      return new Response(encodeWire(body));
    }) as typeof fetch;
    const api = clientFromEnveloped(bridgeTransport('tok', fetchFn));
    const out = await api['export.xlsx']({ packs: ['age'], charts: { age: new Uint8Array([1]) } });
    expect(Array.from(out.data)).toEqual([80, 75]);
    expect(seen[0]!.url).toBe('/api/export.xlsx');
    expect((seen[0]!.init.headers as Record<string, string>)['X-Workbench-Token']).toBe('tok');
    expect(seen[0]!.init.body).toBe('{"packs":["age"],"charts":{"age":{"$bytes":"AQ=="}}}');
    await expect(api['pack.run']({ id: 'x' })).rejects.toMatchObject({ name: 'ApiCallError', code: 'not-found', message: 'There is no pack called x.' });
    await expect(api['pack.run']({ id: 'x' })).rejects.toBeInstanceOf(ApiCallError);
  });

  it('says so plainly when the bridge is gone', async () => {
    const api = clientFromEnveloped(bridgeTransport('tok', (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch));
    await expect(api['packs.list']({})).rejects.toThrow(/not running any more/);
  });

  it('takes the token from the URL fragment, keeps it for the tab and removes it from the address', () => {
    window.history.replaceState(null, '', '/index.html#token=abc_DEF-123');
    expect(takeSessionToken(window)).toBe('abc_DEF-123');
    expect(window.location.hash).toBe('');
    expect(takeSessionToken(window)).toBe('abc_DEF-123');
    window.sessionStorage.clear();
    expect(takeSessionToken(window)).toBeNull();
  });
});

describe('the sentence under a chart', () => {
  const cell = (count: number, percent: number) => ({ count, percent });
  const flow: PackSummary = { id: 'reasons-ceased', title: 'Reasons', section: 'Leaving care', timing: 'flow', chart: 'grouped-bar' };
  const reasons: PackResult = {
    pack: 'reasons-ceased',
    title: 'Reasons',
    definition: '',
    years: [2024],
    category: 'reason',
    rows: [
      { key: 'home', label: 'Returned home', group: null, values: { '2024': cell(51, 24.1) } },
      { key: 'independent', label: 'Independent living', group: null, values: { '2024': cell(53, 25.0) } },
      { key: 'other', label: 'Other reasons', group: null, values: { '2024': cell(63, 29.7) } },
      { key: 'rest', label: 'Adoption', group: null, values: { '2024': cell(45, 21.2) } },
    ],
    total: { '2024': { count: 212 } },
    notes: [],
  };

  it('names the most common category over every category ("other" too), as the table writes it', () => {
    expect(latestYearSentence(reasons, flow, [2024])).toBe('In 2023/24 the most common reason was Other reasons (29.7%).');
  });

  it('for a breakdown, names the category drawn highest, not the pack\'s own most common row (the chart draws the total split by category)', () => {
    const byGender: PackResult = {
      ...reasons,
      rows: [
        ...reasons.rows,
        { key: '__all|1', label: 'Male', group: 'All', values: { '2024': cell(120, 56.6) } },
        { key: '__all|2', label: 'Female', group: 'All', values: { '2024': cell(92, 43.4) } },
      ],
      breakdown: { by: 'gender', label: 'Gender', categories: [{ key: '1', label: 'Male' }, { key: '2', label: 'Female' }], chartKeys: ['__all|1', '__all|2'] },
    };
    expect(latestYearSentence(byGender, flow, [2024], 'count')).toBe('In 2023/24 the gender drawn highest was Male (120).');
  });

  it("for a breakdown, says nothing when a suppressed part could be drawn as high, or of a tie", () => {
    const parts = (male: CellValue, female: CellValue): PackResult => ({
      ...reasons,
      rows: [
        ...reasons.rows,
        { key: '__all', label: 'All', group: null, values: { '2024': { count: 212 } } },
        { key: '__all|1', label: 'Male', group: 'All', values: { '2024': male } },
        { key: '__all|2', label: 'Female', group: 'All', values: { '2024': female } },
      ],
      breakdown: { by: 'gender', label: 'Gender', categories: [{ key: '1', label: 'Male' }, { key: '2', label: 'Female' }], chartKeys: ['__all|1', '__all|2'] },
    });
    const hidden = { count: null, percent: null, suppressed: true };
    // Female hidden: it holds 212 - 120 = 92, fewer than 120, so Male is drawn highest for certain; at 100 shown it is not.
    expect(latestYearSentence(parts(cell(120, 56.6), hidden), flow, [2024], 'count')).toBe('In 2023/24 the gender drawn highest was Male (120).');
    expect(latestYearSentence(parts(cell(100, 47.2), hidden), flow, [2024], 'count')).toBeNull();
    expect(latestYearSentence(parts(cell(106, 50.0), cell(106, 50.0)), flow, [2024], 'count')).toBeNull();
  });

  it('for measures, says nothing when one is suppressed (measures do not add up, so it could be the highest), or of a tie', () => {
    const measures = (second: CellValue): PackResult => ({
      ...reasons,
      category: undefined,
      rows: [
        { key: 'HA', label: 'Had their annual health assessment', group: null, values: { '2024': cell(270, 84.6) } },
        { key: 'HC', label: 'Development assessments (under 5s)', group: null, values: { '2024': second } },
      ],
    });
    const summary = { ...flow, id: 'health' };
    expect(latestYearSentence(measures(cell(60, 88.2)), summary, [2024], 'count')).toBe('In 2023/24 the measure drawn highest was Had their annual health assessment (270).');
    expect(latestYearSentence(measures({ count: null, percent: null, suppressed: true }), summary, [2024], 'count')).toBeNull();
    // Its percentage withheld (its base is hidden) in 2023/24, shown the year before: drawn as a gap, it could be the highest.
    const withheld = measures({ count: 60, percent: null, percentWithheld: true });
    withheld.rows[1]!.values['2023'] = cell(50, 80.0);
    expect(latestYearSentence(withheld, summary, [2024], 'percent')).toBeNull();
    expect(latestYearSentence(measures(cell(270, 90.0)), summary, [2024], 'count')).toBeNull();
  });

  it('calls a measure a measure, by what the chart draws', () => {
    const health: PackResult = {
      ...reasons,
      category: undefined,
      rows: [
        { key: 'cohort', label: 'Cohort (base)', group: null, role: 'base', values: { '2024': { count: 319 } } },
        { key: 'HA', label: 'Had their annual health assessment', group: null, values: { '2024': cell(270, 84.6) } },
        { key: 'HC', label: 'Development assessments (under 5s)', group: null, values: { '2024': cell(60, 88.2) } },
      ],
    };
    const summary = { ...flow, id: 'health' };
    expect(latestYearSentence(health, summary, [2024], 'count')).toBe('In 2023/24 the measure drawn highest was Had their annual health assessment (270).');
    expect(latestYearSentence(health, summary, [2024], 'percent')).toBe('In 2023/24 the measure drawn highest was Development assessments (under 5s) (88.2%).');
  });

  it('on a 100% stacked bar names the largest part, not the one drawn highest (the top segment)', () => {
    const workers: PackResult = {
      ...reasons,
      category: undefined,
      rows: [
        { key: 'one', label: '1 social worker (no change)', group: null, values: { '2024': cell(192, 63.2) } },
        { key: 'two', label: '2 social workers', group: null, values: { '2024': cell(80, 26.3) } },
        { key: 'three-or-more', label: '3 or more', group: null, values: { '2024': cell(32, 10.5) } },
      ],
    };
    const summary = { ...flow, id: 'social-workers', chart: 'stacked-100' as const };
    expect(latestYearSentence(workers, summary, [2024], 'count')).toBe('In 2023/24 the largest part of the bar was 1 social worker (no change) (192).');
  });

  it('says nothing of a year resting on missing history', () => {
    const marked: PackResult = { ...reasons, rows: reasons.rows.map((r, i) => (i === 0 ? { ...r, values: { '2024': { ...r.values['2024']!, history: { affected: 3, share: 5.9 } } } } : r)) };
    expect(latestYearSentence(marked, flow, [2024])).toBeNull();
  });
});

describe('the activity log in words', () => {
  it('says when (dd/mm/yyyy), what, who, which year and which files', () => {
    const files = ['header.csv', 'episodes.csv', 'reviews.csv', 'oc2.csv', 'ad1.csv'].map((name) => ({ name, sha256: 'x', rows: 1 }));
    expect(activityRow({ at: '2024-05-03 14:07:09.123', action: 'import', detail: { year: 2024, replaced: true, user: 'sam', files } })).toEqual({
      when: '03/05/2024 14:07',
      what: 'Imported (replacing the earlier import)',
      who: 'sam',
      years: '2023/24',
      files: 'header.csv, episodes.csv, reviews.csv and 2 more',
    });
    expect(activityRow({ at: '2024-05-03 14:08:00', action: 'export', detail: { format: 'docx', packs: ['age'], suppress: 5 } })).toMatchObject({ what: 'Exported age to Word, 1 to 5 suppressed', who: 'not recorded', years: '' });
    expect(activityRow({ at: '2024-05-03 14:09:00', action: 'export', detail: { format: 'csv', childLevel: true, pack: 'age', year: 2024, masked: true, rows: 12 } }).what).toBe(
      'Saved child-level rows (CSV, ids masked): age, 12 rows',
    );
  });
});

describe('drill-down columns', () => {
  it('heads columns in words, shows dates dd/mm/yyyy and codes with their labels', () => {
    expect(drillHeading('age_31_march')).toBe('Age at 31 March');
    expect(drillHeading('sdq_score')).toBe('SDQ score');
    expect(drillHeading('has_oc2')).toBe('Has OC2');
    expect(drillCellText('dob', '2023-05-08')).toBe('08/05/2023');
    expect(drillCellText('legal_status', 'C2')).toBe('C2 Full care order');
    expect(drillCellText('placement', 'U3')).toMatch(/^U3 \S/);
    // A code not in the list, and a column that holds no codes, stay as they are.
    expect(drillCellText('legal_status', 'Z9')).toBe('Z9');
    expect(drillCellText('child', 'C2')).toBe('C2');
  });
});

describe('chart keys', () => {
  it('give a key that wraps into rows its own room, so the plot keeps its height', () => {
    expect(legendExtra(['2023', '2024'])).toBe(0);
    const long = Array.from({ length: 6 }, (_, i) => `PN${i} A long description of how the child took part in the review`);
    expect(legendExtra(long)).toBe(5 * 24);
  });
});
