import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildTableModel,
  displayText,
  fitInto,
  formatTimestamp,
  generalNotes,
  needsFormulaGuard,
  periodText,
  plainText,
  pngSize,
  sourceLine,
  tableLegend,
  withGroupHeadings,
  yearLabel,
} from '../../../shared/export/model.js';
import { AGE_TABLE, CLA_TABLE, ETHNICITY_TABLE, META, SDQ_TABLE } from './fixtures.js';
import { tableToHtml, tableToTsv } from '../../../shared/export/clipboard.js';
import { packResultToCsv } from '../../../shared/packs/csv.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { suppressResult } from '../../../shared/packs/suppression.js';
import { TOTAL } from '../../../shared/packs/types.js';

describe('year labels and periods', () => {
  it('labels snapshots "31 March 2023" and flows "2022/23", or the DfE forms', () => {
    expect(yearLabel(2023, 'snapshot')).toBe('31 March 2023');
    expect(yearLabel(2023, 'flow')).toBe('2022/23');
    expect(yearLabel(2023, 'snapshot', 'dfe')).toBe('2023');
    expect(yearLabel(2023, 'flow', 'dfe')).toBe('2022-23');
    expect(yearLabel(2010, 'flow')).toBe('2009/10');
  });

  it('says which years a table covers', () => {
    expect(periodText([2021, 2022, 2023], 'snapshot')).toBe('Snapshot at 31 March each year: 31 March 2021 to 31 March 2023');
    expect(periodText([2022, 2023], 'flow')).toBe('During each year (1 April to 31 March): 2021/22 and 2022/23');
    expect(periodText([2019, 2021, 2023], 'flow')).toBe('During each year (1 April to 31 March): 2018/19, 2020/21 and 2022/23');
    expect(periodText([2023], 'flow')).toBe('During the year 1 April 2022 to 31 March 2023: 2022/23');
    expect(periodText([2023], 'snapshot')).toBe('Snapshot at 31 March: 31 March 2023');
  });

  it('reads timestamps from the string, never through the local clock', () => {
    expect(formatTimestamp('2023-06-01T09:30:00Z')).toBe('1 June 2023, 09:30 UTC');
    expect(formatTimestamp('2023-06-01T09:30:00.123+01:00')).toBe('1 June 2023, 09:30 (UTC+01:00)');
    expect(formatTimestamp('2024-02-29')).toBe('29 February 2024');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });

  it('names the returns, files and latest import in the source line', () => {
    expect(sourceLine(META, [2022, 2023])).toBe(
      'Source: SSDA903 returns for 2021/22 and 2022/23 (3 files, last imported 3 May 2023); file names and checksums are in the notes.',
    );
    expect(sourceLine({ ...META, sources: [] }, [2023])).toBe('Source: SSDA903 returns for 2022/23.');
  });

  it('says when the figures come from the bundled synthetic sample data', () => {
    const sample = readFileSync(resolve('sample-data/returns/2023/header.csv'));
    const sha256 = createHash('sha256').update(sample).digest('hex');
    const sources = [...META.sources, { year: 2023, file: 'header.csv', sha256, rows: 1, importedAt: '2023-05-03T10:00:00Z' }];
    expect(sourceLine({ ...META, sources }, [2023])).toMatch(/^Source: synthetic sample data \(made-up SSDA903 returns, no real children\) for 2022\/23 \(/);
    // Only the years shown count: a table of real years is not called synthetic.
    expect(sourceLine({ ...META, sources }, [2022])).toMatch(/^Source: SSDA903 returns for 2021\/22/);
  });
});

describe('the table model', () => {
  it('lays out Number and % per year, then the change since the previous year', () => {
    const m = buildTableModel(AGE_TABLE);
    expect(m.columns.map((c) => `${c.group}|${c.sub}`)).toEqual([
      '31 March 2021|Number',
      '31 March 2021|%',
      '31 March 2022|Number',
      '31 March 2022|%',
      '31 March 2023|Number',
      '31 March 2023|%',
      'Change since 31 March 2022|Number',
      'Change since 31 March 2022|% points',
    ]);
    expect(m.rowHeading).toBe('Age at 31 March');
    expect(m.rows.map((r) => r.label)).toEqual(['Under 1', '1 to 4', '5 to 9', '10 to 15', '16 and over', 'Total']);
  });

  it('shows figures as people read them: suppressed as c, and so is any change worked from one', () => {
    const m = buildTableModel(AGE_TABLE);
    const text = (label: string) => m.rows.find((r) => r.label === label)!.cells.map(displayText);
    expect(text('Under 1')).toEqual(['27', '5.3%', '20', '4.0%', 'c', 'c', 'c', 'c']);
    // 230 - 212 = 18; 44.2 - 42.2 = 2.0 points
    expect(text('10 to 15')).toEqual(['221', '43.3%', '212', '42.2%', '230', '44.2%', '+18', '+2.0']);
    // The total has no percentages: those cells are blank, not "no figure".
    expect(text('Total')).toEqual(['510', '', '502', '', '520', '', '+18', '']);
    expect(m.hasSuppressed).toBe(true);
    expect(m.hasMissing).toBe(false);
  });

  it('uses a true minus sign and thousands separators for display, raw numbers for pasting', () => {
    const m = buildTableModel(ETHNICITY_TABLE);
    const white = m.rows.find((r) => r.key === 'WBRI')!;
    // 78.7 - 79.9 = -1.2 points
    expect(white.cells.map(displayText)).toEqual(['401', '79.9%', '409', '78.7%', '+8', '−1.2']);
    expect(white.cells.map(plainText)).toEqual(['401', '79.9', '409', '78.7', '8', '-1.2']);
    expect(m.rows.at(-1)!.cells.map(displayText)).toEqual(['502', '100.0%', '520', '100.0%', '+18', '0.0']);
  });

  it('keeps an average as a one-decimal value with its change, and no percentage', () => {
    const m = buildTableModel(SDQ_TABLE);
    const avg = m.rows.find((r) => r.key === 'average')!;
    // 13.9 - 14.2 = -0.3 (not -0.29999...)
    expect(avg.cells).toEqual([
      { kind: 'number', value: 14.2, format: 'decimal' },
      { kind: 'blank' },
      { kind: 'number', value: 13.9, format: 'decimal' },
      { kind: 'blank' },
      { kind: 'number', value: -0.3, format: 'change-decimal' },
      { kind: 'blank' },
    ]);
    expect(avg.cells.map(displayText)).toEqual(['14.2', '', '13.9', '', '−0.3', '']);
    // SDQ has no total row.
    expect(m.rows.some((r) => r.isTotal)).toBe(false);
  });

  it('shows the average, not the count it was taken over, when a pack gives both', () => {
    const table = {
      ...AGE_TABLE,
      result: { ...AGE_TABLE.result, rows: [{ key: 'days', label: 'Average days', group: null, values: { 2021: { count: 8, value: 155.5 }, 2022: { count: 21, value: 201.7 }, 2023: { count: 20, value: 190 } } }] },
    };
    const m = buildTableModel(table);
    expect(m.rows[0]!.cells.map(displayText)).toEqual(['155.5', '201.7', '190.0', '−11.7']);
  });

  it('shows no figure for an average over no children, and no change from or to it (never the count or its change)', () => {
    const table = {
      ...AGE_TABLE,
      result: { ...AGE_TABLE.result, rows: [{ key: 'days', label: 'Average days', group: null, values: { 2021: { count: 2, value: 30 }, 2022: { count: 0, value: null }, 2023: { count: 0, value: null } } }] },
    };
    const m = buildTableModel(table);
    expect(m.rows[0]!.cells.map(displayText)).toEqual(['30.0', '–', '–', '–']);
  });

  it('shows c for the percentage of a row suppressed in every year', () => {
    const table = {
      ...AGE_TABLE,
      result: { ...AGE_TABLE.result, rows: [{ key: 'x', label: 'X', group: null, values: Object.fromEntries([2021, 2022, 2023].map((y) => [y, { count: null, percent: null, suppressed: true }])) }] },
    };
    expect(buildTableModel(table).rows[0]!.cells.map(displayText)).toEqual(['c', 'c', 'c', 'c', 'c', 'c', 'c', 'c']);
  });

  it('leaves out % columns when the pack has no percentages', () => {
    const m = buildTableModel(CLA_TABLE);
    expect(m.columns.map((c) => c.sub)).toEqual(['Number', 'Number', 'Number', 'Number', 'Number', 'Number']);
    expect(m.columns.at(-1)!.group).toBe('Change since 2021/22');
    expect(m.hasPercent).toBe(false);
  });

  it('marks a year the pack has no figure for as missing (–)', () => {
    const table = {
      ...AGE_TABLE,
      result: { ...AGE_TABLE.result, rows: [{ key: 'x', label: 'X', group: null, values: { 2023: { count: 4, percent: 0.8 } } }] },
    };
    const m = buildTableModel(table);
    expect(m.rows[0]!.cells.map(displayText)).toEqual(['–', '–', '–', '–', '4', '0.8%', '–', '–']);
    expect(m.hasMissing).toBe(true);
    expect(generalNotes(META, [m])).toContain('– = no figure for that year (nothing recorded, or a percentage of none).');
  });

  it('lets a subtotal head its group: bold, no heading row above it, its parts indented', () => {
    const v = { 2023: { count: 10, percent: 5 } };
    const table = {
      ...AGE_TABLE,
      result: {
        ...AGE_TABLE.result,
        years: [2023],
        rows: [
          { key: 'care', label: 'Care orders', group: 'Care orders', subtotal: true, values: v },
          { key: 'C1', label: 'Interim', group: 'Care orders', values: v },
          { key: 'V2', label: 'Section 20', group: 'Voluntary', values: v },
          { key: 'n', label: 'Base', group: null, values: { 2023: { count: 30 } } },
        ],
      },
    };
    const m = buildTableModel(table);
    expect(withGroupHeadings(m).map((i) => (i.kind === 'group' ? `# ${i.label}` : i.row.key))).toEqual(['care', 'C1', '# Voluntary', 'V2', 'n', '__total']);
    expect(m.rows.map((r) => [r.key, r.isSubtotal, r.inGroup])).toEqual([
      ['care', true, false],
      ['C1', false, true],
      ['V2', false, true],
      ['n', false, false],
      ['__total', false, false],
    ]);
    expect(m.rowHeading).toBe('Age at 31 March');
    expect(buildTableModel({ ...table, rowHeading: undefined, result: { ...table.result, pack: 'legal-status' } }).rowHeading).toBe('Legal status');
  });

  it('puts a heading before each new group', () => {
    const items = withGroupHeadings(buildTableModel(ETHNICITY_TABLE));
    expect(items.map((i) => (i.kind === 'group' ? `# ${i.label}` : i.row.key))).toEqual([
      '# White',
      'WBRI',
      'WOTH',
      '# Mixed or Multiple ethnic groups',
      'MWBC',
      '# Black, African, Caribbean or Black British',
      'BAFR',
      '=X',
      '+1',
      '__total',
    ]);
  });
});

describe('helpers', () => {
  it('spots text a spreadsheet could run as a formula', () => {
    for (const s of ['=1+1', '+44', '-3 more', '@SUM(A1)', '\tx', '\rx']) expect(needsFormulaGuard(s)).toBe(true);
    for (const s of ['Under 1', ' =1', '1-4', 'c', '']) expect(needsFormulaGuard(s)).toBe(false);
  });

  it('reads a PNG size from its header and fits it into a box', () => {
    // Signature, IHDR length and type, then width 800 and height 400 (big-endian).
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 3, 32, 0, 0, 1, 144]);
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    expect(pngSize(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(fitInto({ width: 800, height: 400 }, 640)).toEqual({ width: 640, height: 320 });
    expect(fitInto({ width: 800, height: 400 }, 1000, 200)).toEqual({ width: 400, height: 200 });
  });
});

describe('the change column compares years with figures', () => {
  const x = { count: null, notCollected: true as const };
  const notIn2022 = (years: number[]) => ({
    ...AGE_TABLE,
    result: {
      ...AGE_TABLE.result,
      years,
      rows: AGE_TABLE.result.rows.map((r) => ({ ...r, values: { ...r.values, 2022: x } })),
      total: { ...AGE_TABLE.result.total, 2022: x },
    },
  });

  it('passes over a year not collected (x): "Change since" names the year compared with, and a line says why', () => {
    const table = notIn2022([2021, 2022, 2023]);
    const model = buildTableModel(table);
    const change = model.columns.filter((c) => c.role === 'change-count' || c.role === 'change-points');
    expect(change.map((c) => [c.group, c.since])).toEqual([
      ['Change since 31 March 2021', 2021],
      ['Change since 31 March 2021', 2021],
    ]);
    const note = 'The change compares 31 March 2023 with 31 March 2021, as 31 March 2022 has no figures: not collected (x).';
    expect(model.changeNote).toBe(note);
    expect(tableLegend(model, META)).toContain(note);
    // 1 to 4: 58 in 2023 against 54 in 2021.
    const row = model.rows.find((r) => r.key === '1-4')!;
    expect(displayText(row.cells[model.columns.findIndex((c) => c.role === 'change-count')]!)).toBe('+4');
    // The clipboard carries the same line, in HTML and in TSV.
    expect(tableToHtml(table)).toContain(note);
    expect(tableToTsv(table)).toContain(note);
  });

  it('has no change column when no earlier year has figures, and says so', () => {
    const model = buildTableModel(notIn2022([2022, 2023]));
    expect(model.columns.map((c) => c.role)).toEqual(['count', 'percent', 'count', 'percent']);
    expect(model.changeNote).toBe("No change is shown, as no earlier year's return collected this (x): only 31 March 2023's did.");
    expect(generalNotes(META, [model]).some((n) => n.startsWith('Change compares'))).toBe(false);
  });
});

describe('a percentage whose base is suppressed', () => {
  // Reviews held late by gender, as the engine suppresses them: "Held late" (base of its parts) is
  // hidden in 2023 to protect the small "not known" count, while its Female part is shown; "Empty:
  // female" has a base of 0 in 2023, so no percentage at all that year.
  const raw: PackResult = {
    pack: 'review-timeliness',
    title: 'Timeliness of reviews',
    definition: '',
    years: [2022, 2023],
    rows: [
      { key: 'on-time', label: 'Held on time', group: null, values: { 2022: { count: 60, percent: 60 }, 2023: { count: 57, percent: 57 } } },
      { key: 'late', label: 'Held late', group: null, values: { 2022: { count: 40, percent: 40 }, 2023: { count: 40, percent: 40 } } },
      { key: 'unknown', label: 'Not known', group: null, values: { 2022: { count: 0, percent: 0 }, 2023: { count: 3, percent: 3 } } },
      { key: 'late-female', label: 'Held late: female', group: null, values: { 2022: { count: 18, percent: 45 }, 2023: { count: 32, percent: 80 } } },
      { key: 'empty-female', label: 'Empty: female', group: null, values: { 2022: { count: 0, percent: 0 }, 2023: { count: 0, percent: null } } },
    ],
    total: { 2022: { count: 100 }, 2023: { count: 100 } },
    notes: [],
  };
  const result = suppressResult(raw, {
    threshold: 5,
    sets: [{ parent: TOTAL, members: ['on-time', 'late', 'unknown'] }],
    bases: { 'on-time': TOTAL, late: TOTAL, unknown: TOTAL, 'late-female': 'late', 'empty-female': 'empty' },
  });
  const table = { result, commentary: [], timing: 'flow' as const, chart: 'grouped-bar' as const, section: '' };

  it('is c in every export (Word/HTML, Excel cells, clipboard, CSV), as is its change in points; a percentage of none stays –', () => {
    const row = (key: string) => result.rows.find((r) => r.key === key)!;
    // The engine hides the same cells as before: the small count and the heading protecting it.
    expect(row('unknown').values['2023']!.suppressed).toBe(true);
    expect(row('late').values['2023']!.suppressed).toBe(true);
    expect(row('late-female').values['2023']).toEqual({ count: 32, percent: null, percentWithheld: true });
    const m = buildTableModel(table);
    const cells = (key: string) => m.rows.find((r) => r.key === key)!.cells;
    // 2022 number, %; 2023 number, %; change number, points.
    expect(cells('late-female').map(displayText)).toEqual(['18', '45.0%', '32', 'c', '+14', 'c']);
    expect(cells('late-female').map(plainText)).toEqual(['18', '45', '32', 'c', '14', 'c']);
    expect(cells('empty-female').map(displayText)).toEqual(['0', '0.0%', '0', '–', '0', '–']);
    expect(tableToTsv(table)).toMatch(/Held late: female\t18\t45\t32\tc\t14\tc/);
    expect(tableToHtml(table)).toMatch(/>32<\/td><td[^>]*>c<\/td>/);
    const csv = packResultToCsv(result).split('\r\n');
    expect(csv.find((l) => l.startsWith('late-female'))).toBe('late-female,Held late: female,,18,45,32,c');
    expect(csv.find((l) => l.startsWith('empty-female'))).toBe('empty-female,Empty: female,,0,0,0,');
  });
});
