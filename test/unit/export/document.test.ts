import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { breakableFileName, buildDocument } from '../../../shared/export/document.js';
import type { ExportTable } from '../../../shared/export/types.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { tooFewMessage } from '../../../shared/packs/suppression.js';
import { AGE_TABLE, CLA_TABLE, ETHNICITY_REPORT_ROWS, ETHNICITY_TABLE, INJECTION_LABEL, META, TIMELINESS_TABLE, withheldAgeResult } from './fixtures.js';

const PIXEL = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of each paragraph of a piece of WordprocessingML. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((p) => unescape([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
}

/** Each table as rows of cell texts (a merged-down cell's continuation is an empty string). */
function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => paragraphs(tc[0]).join(' '))),
  );
}

let doc: string;
let styles: string;
let zip: JSZip;

beforeAll(async () => {
  const bytes = await buildDocument([{ ...AGE_TABLE, chartPng: PIXEL, chartAlt: 'Bar chart of ages' }, ETHNICITY_TABLE, CLA_TABLE, TIMELINESS_TABLE], META);
  zip = await JSZip.loadAsync(bytes);
  doc = await zip.file('word/document.xml')!.async('string');
  styles = await zip.file('word/styles.xml')!.async('string');
});

/** How many of a table's rows (w:tr) are kept with the next (keepNext on their paragraphs), header rows first. */
function keptRows(table: string): boolean[] {
  return [...table.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((tr) => tr[0].includes('<w:keepNext/>'));
}

describe('Word document', () => {
  it('captions each table "Table N: title" in the Caption style, grouped under section headings', () => {
    const text = paragraphs(doc);
    expect(text).toEqual(
      expect.arrayContaining([
        'IRO annual report tables 2022/23',
        'Generated 1 June 2023, 09:30 UTC.',
        'Children looked after',
        'Table 1: Age of children looked after at 31 March',
        'Table 2: Ethnicity of children looked after at 31 March',
        'Table 3: Children looked after',
        'Reviews',
        'Table 4: Timeliness of reviews',
        'Figure 1: Age of children looked after at 31 March, 31 March 2021 to 31 March 2023',
        'Notes and sources',
      ]),
    );
    expect(doc).toMatch(/<w:pStyle w:val="Caption"\/>[\s\S]{0,400}Table 1: Age of children looked after at 31 March/);
    // "Children looked after" is one section for the first three tables: one heading, not three.
    expect(text.filter((t) => t === 'Children looked after')).toHaveLength(1);
  });

  it('writes a real table: header rows that repeat, years as columns, counts and %, c, a Total row', () => {
    const age = tables(doc)[0]!;
    expect(age[0]).toEqual(['Age at 31 March', '31 March 2021', '31 March 2022', '31 March 2023', 'Change since 31 March 2022']);
    expect(age[1]).toEqual(['', 'Number', '%', 'Number', '%', 'Number', '%', 'Number', '% points']);
    expect(age[2]).toEqual(['Under 1', '27', '5.3%', '20', '4.0%', 'c', 'c', 'c', 'c']);
    expect(age[5]).toEqual(['10 to 15', '221', '43.3%', '212', '42.2%', '230', '44.2%', '+18', '+2.0']);
    expect(age[7]).toEqual(['Total', '510', '', '502', '', '520', '', '+18', '']);
    const ageXml = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(doc)![0];
    const rows = [...ageXml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((r) => r[0]);
    expect(rows.slice(0, 2).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
    expect(rows.slice(2).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    // Figures are right-aligned: the "221" cell's paragraph is justified right.
    expect(rows[5]).toMatch(/<w:jc w:val="right"\/>[\s\S]*?<w:t[^>]*>221<\/w:t>/);
  });

  it('writes four-digit counts with a thousands separator and changes with a true minus', () => {
    const timeliness = tables(doc)[3]!;
    expect(timeliness.slice(2)).toEqual([
      ['On time', '1,467', '91.7%', '1,512', '92.7%', '+45', '+1.0'],
      ['Late', '133', '8.3%', '119', '7.3%', '−14', '−1.0'],
      ['Total', '1,600', '', '1,631', '', '+31', ''],
    ]);
  });

  it('shows groups as heading rows and keeps formula-like labels as plain text', () => {
    const eth = tables(doc)[1]!;
    expect(eth.map((r) => r[0])).toEqual(['Ethnicity', '', ...ETHNICITY_REPORT_ROWS]);
    expect(doc).not.toContain('<w:fldSimple w:instr="=');
  });

  it('sets a pack without percentages with the years under one heading', () => {
    const cla = tables(doc)[2]!;
    expect(cla[0]).toEqual(['Measure', 'Year (1 April to 31 March)', 'Change since 2021/22']);
    expect(cla[1]).toEqual(['', '2018/19', '2019/20', '2020/21', '2021/22', '2022/23', 'Number']);
    expect(cla[2]).toEqual(['Looked after at 31 March', '515', '484', '510', '502', '520', '+18']);
  });

  it('adds the commentary, source line, symbols and definition around each table', () => {
    const text = paragraphs(doc);
    expect(text).toEqual(
      expect.arrayContaining([
        ...AGE_TABLE.commentary,
        'Source: SSDA903 returns for 2020/21, 2021/22 and 2022/23 (5 files, last imported 3 May 2023); file names and checksums are in the notes.',
        'c = suppressed to protect confidentiality: a count from 1 to 5, or a figure from which one could be worked out.',
        `Definition: ${AGE_TABLE.result.definition}`,
        AGE_TABLE.result.notes[0]!,
      ]),
    );
  });

  it('embeds the chart image with alt text, only where one was given', async () => {
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && !zip.files[f]!.dir);
    expect(media).toHaveLength(1);
    expect(doc).toContain('descr="Bar chart of ages"');
    expect(paragraphs(doc).filter((t) => t.startsWith('Figure '))).toEqual(['Figure 1: Age of children looked after at 31 March, 31 March 2021 to 31 March 2023']);
  });

  it('puts the definition and notes under the table, before the commentary and the chart', () => {
    const text = paragraphs(doc);
    const at = (t: string) => text.indexOf(t);
    expect(at(`Definition: ${AGE_TABLE.result.definition}`)).toBeGreaterThan(at('Table 1: Age of children looked after at 31 March'));
    expect(at(AGE_TABLE.result.notes[0]!)).toBeLessThan(at(AGE_TABLE.commentary[0]!));
    expect(at(AGE_TABLE.commentary[0]!)).toBeLessThan(at('Figure 1: Age of children looked after at 31 March, 31 March 2021 to 31 March 2023'));
  });

  it('says a pack withheld in every year is too few to publish, instead of a table of c and a chart', async () => {
    const withheld = withheldAgeResult();
    const z = await JSZip.loadAsync(await buildDocument([{ ...AGE_TABLE, result: withheld, chartPng: PIXEL }], { ...META, suppression: 5 }));
    const xml = await z.file('word/document.xml')!.async('string');
    expect(paragraphs(xml)).toContain(tooFewMessage(5));
    // Only the sources table: no table of c, no figure.
    expect(tables(xml)).toHaveLength(1);
    expect(paragraphs(xml).some((p) => p.startsWith('Figure 1'))).toBe(false);
  });

  it('captions a chart with the years it draws', async () => {
    const z = await JSZip.loadAsync(await buildDocument([{ ...AGE_TABLE, chartPng: PIXEL, chartYears: [2023, 2022] }], META));
    const text = paragraphs(await z.file('word/document.xml')!.async('string'));
    expect(text).toContain('Figure 1: Age of children looked after at 31 March, 31 March 2022 to 31 March 2023');
  });

  it('lists the source files with rows, import time and checksum', () => {
    const sources = tables(doc).at(-1)!;
    expect(sources[0]).toEqual(['Collection year', 'File', 'Rows', 'Imported', 'SHA-256 checksum']);
    expect(sources[1]).toEqual(['2020/21', 'episodes.csv', '1,204', '2 May 2023, 14:05 UTC', 'b'.repeat(64)]);
    expect(sources).toHaveLength(6);
  });

  it('gives long file names a wider column, and lets a name still too long break only after _ - / or before its extension', async () => {
    const long = [
      { year: 2019, file: 'placed_for_adoption.csv', sha256: 'c'.repeat(64), rows: 50, importedAt: '2026-12-05T05:01:00Z' },
      { year: 2019, file: 'previous_permanence.csv', sha256: 'd'.repeat(64), rows: 207, importedAt: '2026-12-05T05:01:00Z' },
    ];
    const xml = await (await JSZip.loadAsync(await buildDocument([CLA_TABLE], { ...META, sources: [...META.sources, ...long] }))).file('word/document.xml')!.async('string');
    const sourcesXml = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].at(-1)![0];
    const grid = [.../<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(sourcesXml)![1]!.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    // The file column grew from 1,900 twips; the checksum keeps room for its two lines.
    expect(grid[1]).toBeGreaterThan(2400);
    expect(grid[4]).toBeGreaterThanOrEqual(2600);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - 2 * 1134);
    const names = tables(xml).at(-1)!.map((r) => r[1]);
    expect(names).toContain('placed_\u200bfor_\u200badoption\u200b.csv');
    // Short names are as written.
    expect(names).toContain('episodes.csv');
    expect(breakableFileName('returns/2024/episodes.csv', 100)).toBe('returns/\u200b2024/\u200bepisodes\u200b.csv');
    expect(breakableFileName('oc3.csv', 2000)).toBe('oc3.csv');
  });

  it('is A4 with Arial 11 body text and 10 pt tables', () => {
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*?<w:rFonts w:ascii="Arial"[\s\S]*?<w:sz w:val="22"\/>/);
    const ageXml = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(doc)![0];
    const sizes = new Set([...ageXml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => m[1]));
    expect([...sizes]).toEqual(['20']);
  });

  it('splits a table too wide for the page into numbers and percentages', async () => {
    const years = [2018, 2019, 2020, 2021, 2022, 2023];
    const result: PackResult = {
      pack: 'gender',
      title: 'Gender',
      definition: 'Children looked after at 31 March by sex.',
      years,
      rows: [
        { key: 'male', label: 'Male', group: null, values: Object.fromEntries(years.map((y) => [y, { count: 270, percent: 54.0 }])) },
        { key: 'female', label: 'Female', group: null, values: Object.fromEntries(years.map((y) => [y, { count: 230, percent: 46.0 }])) },
      ],
      total: Object.fromEntries(years.map((y) => [y, { count: 500 }])),
      notes: [],
    };
    const table: ExportTable = { result, commentary: [], timing: 'snapshot', chart: 'grouped-bar', section: '' };
    const z = await JSZip.loadAsync(await buildDocument([table], { ...META, suppression: null }));
    const xml = await z.file('word/document.xml')!.async('string');
    const [numbers, percents] = tables(xml);
    expect(paragraphs(xml)).toEqual(expect.arrayContaining(['Table 1: Gender (numbers)', 'Table 1 (continued): Gender (percentages)', 'No figures are suppressed.']));
    // A snapshot's years sit under one "At 31 March", so each column needs only the year.
    expect(numbers![0]).toEqual(['Sex', 'At 31 March', 'Change since 2022']);
    expect(numbers![1]).toEqual(['', '2018', '2019', '2020', '2021', '2022', '2023', 'Number']);
    expect(numbers![2]).toEqual(['Male', '270', '270', '270', '270', '270', '270', '0']);
    expect(numbers!.at(-1)).toEqual(['Total', '500', '500', '500', '500', '500', '500', '0']);
    expect(percents![0]).toEqual(['Sex', 'At 31 March', 'Change since 2022']);
    expect(percents![1]).toEqual(['', '2018', '2019', '2020', '2021', '2022', '2023', '%\u00a0points']); // kept on one line
    expect(percents![2]).toEqual(['Male', '54.0%', '54.0%', '54.0%', '54.0%', '54.0%', '54.0%', '0.0']);
    // The total has no percentages, so it is not a row of the percentages table.
    expect(percents!.map((r) => r[0])).toEqual(['Sex', '', 'Male', 'Female']);
    // Figure columns are sized to their contents, so the label column keeps most of the width.
    const grid = [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)][0]![1]!;
    const widths = [...grid.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeGreaterThan(9638 / 3);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9638);
    // The change column of the percentages is wide enough for "% points" on one line.
    const pgrid = [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)][1]![1]!;
    const pwidths = [...pgrid.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(pwidths.at(-1)).toBeGreaterThan(pwidths[1]!);
  });

  it('shows subtotals bold as their group heading, parts indented, and averages as averages', async () => {
    const result: PackResult = {
      pack: 'legal-status',
      title: 'Legal status',
      definition: '',
      years: [2022, 2023],
      rows: [
        { key: 'care', label: 'Care orders', group: 'Care orders', subtotal: true, values: { 2022: { count: 300, percent: 60 }, 2023: { count: 310, percent: 62 } } },
        { key: 'C1', label: 'Interim care order', group: 'Care orders', values: { 2022: { count: 100, percent: 20 }, 2023: { count: 90, percent: 18 } } },
        { key: 'V2', label: 'Single period of accommodation', group: 'Voluntary', values: { 2022: { count: 200, percent: 40 }, 2023: { count: 190, percent: 38 } } },
        { key: 'avg', label: 'Average days', group: null, values: { 2022: { count: 500, value: 155.5 }, 2023: { count: 500, value: 201.7 } } },
      ],
      total: { 2022: { count: 500 }, 2023: { count: 500 } },
      notes: [],
    };
    const table: ExportTable = { result, commentary: [], timing: 'snapshot', chart: 'grouped-bar', section: '' };
    const xml = await (await JSZip.loadAsync(await buildDocument([table], META))).file('word/document.xml')!.async('string');
    const rows = tables(xml)[0]!;
    // No "Care orders" heading row over the Care orders subtotal; Voluntary (no subtotal) gets one.
    expect(rows.map((r) => r[0])).toEqual(['Legal status', '', 'Care orders', 'Interim care order', 'Voluntary', 'Single period of accommodation', 'Average days', 'Total']);
    expect(rows[6]).toEqual(['Average days', '155.5', '', '201.7', '', '+46.2', '']);
    const trs = [.../<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0].matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(trs[2]).toMatch(/<w:b\/>[\s\S]*?>Care orders</);
    expect(trs[3]).not.toContain('<w:b/>');
    expect(trs[3]).toMatch(/<w:ind w:left="200"\/>[\s\S]*?>Interim care order</);
    expect(trs[5]).toMatch(/<w:ind w:left="200"\/>/);
    expect(trs[6]).not.toMatch(/<w:ind /);
  });
});

describe('Word table column widths', () => {
  /**
   * Each heading cell of each figure column with its width (twips), text size (half-points) and
   * words. A bold word is taken at 0.6 em a character (Arial bold's lower case and digits average
   * about 0.58), times the font's width against Arial: it must fit inside the cell's margins.
   */
  async function headingFits(tables: ExportTable[], font: string, fontFactor: number) {
    const xml = await (await JSZip.loadAsync(await buildDocument(tables, { ...META, house: { organisation: '', font: font as 'Arial', heading: '#0B0C0C', palette: ['#12436D', '#28A197'] } }))).file('word/document.xml')!.async('string');
    const cells = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].slice(0, -1).flatMap((t) =>
      [...t[0].matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)]
        .filter((tr) => tr[0].includes('<w:tblHeader'))
        .flatMap((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].filter((tc) => !tc[0].includes('<w:gridSpan') && /<w:t[ >]/.test(tc[0]))),
    );
    return cells.map((tc) => {
      const width = Number(/<w:tcW w:type="dxa" w:w="(\d+)"\/>|<w:tcW w:w="(\d+)"/.exec(tc[0])!.slice(1).find(Boolean));
      const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(tc[0])![1]);
      const words = paragraphs(tc[0]).join(' ').split(/ +/).filter(Boolean);
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
      const needed = Math.ceil(longest.length * 0.6 * (size / 2) * 20 * fontFactor) + 100;
      return { longest, width, size, fits: width >= needed };
    });
  }

  const months = [202304, 202305, 202306, 202307, 202308, 202309, 202310, 202311, 202312, 202401, 202402, 202403];
  const monthResult: PackResult = {
    pack: 'local-reviews-month',
    title: 'Reviews by month',
    definition: 'Reviews held, by month.',
    years: months,
    rows: [{ key: 'Informal', label: 'Informal', group: null, values: Object.fromEntries(months.map((m, i) => [m, { count: 10 + i }])) }],
    total: Object.fromEntries(months.map((m, i) => [m, { count: 10 + i }])),
    notes: [],
  };
  const MONTH_TABLE: ExportTable = { result: monthResult, commentary: [], timing: 'month', chart: 'line', section: 'The IRO service' };

  it('a month pack (12 month columns and the change): no heading word is narrower than its column, the change heading included', async () => {
    const cells = await headingFits([MONTH_TABLE], 'Arial', 1);
    expect(cells.map((c) => c.longest)).toContain('Change');
    expect(cells.filter((c) => !c.fits)).toEqual([]);
    // Set smaller than 10 pt to make room, never below 7 pt.
    expect(Math.max(...cells.map((c) => c.size))).toBeLessThan(20);
    expect(Math.min(...cells.map((c) => c.size))).toBeGreaterThanOrEqual(14);
  });

  it('in Verdana, a table of 8 figure columns keeps "Number" whole; in Arial the same table stays at 10 pt', async () => {
    const verdana = await headingFits([AGE_TABLE], 'Verdana', 1.2);
    expect(verdana.filter((c) => c.longest === 'Number').length).toBeGreaterThan(2);
    expect(verdana.filter((c) => !c.fits)).toEqual([]);
    const arial = await headingFits([AGE_TABLE], 'Arial', 1);
    expect(arial.filter((c) => !c.fits)).toEqual([]);
    expect(new Set(arial.map((c) => c.size))).toEqual(new Set([20]));
  });
});

describe('Word tables across pages', () => {
  const rowsOf = (label: (i: number) => string): PackResult => ({
    pack: 'placement-type',
    title: 'Placements of children looked after',
    definition: '',
    years: [2023, 2024],
    rows: Array.from({ length: 28 }, (_, i) => ({ key: `P${i}`, label: label(i), group: null, values: { 2023: { count: 10 + i }, 2024: { count: 11 + i } } })),
    total: { 2023: { count: 1000 }, 2024: { count: 1000 } },
    notes: [],
  });
  const docTable = async (result: PackResult) => {
    const xml = await (await JSZip.loadAsync(await buildDocument([{ ...AGE_TABLE, result }], META))).file('word/document.xml')!.async('string');
    return /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
  };

  it('keeps a table that fits on a page on one, its rows each kept with the next', async () => {
    const kept = keptRows(await docTable(rowsOf((i) => `Placement ${i}`)));
    expect(kept.slice(0, -1).every(Boolean)).toBe(true);
    expect(kept.at(-1)).toBe(false);
  });

  it('lets a table of few rows but too tall for a page (long labels) run on from its caption, instead of moving it to a page of its own', async () => {
    // 28 rows of three-line labels (placement type's): kept together, LibreOffice moved the table to
    // the next page and split it there all the same, leaving its heading and caption alone on a page
    // (per-pack export) or a blank page before it (Table 16 (continued) in the full report).
    const long = (i: number) => `Foster placement with other foster carer who is also an approved adopter - FFA/concurrent planning, arrangement number ${i}`;
    const table = await docTable(rowsOf(long));
    const kept = keptRows(table);
    const headers = [...table.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].filter((tr) => tr[0].includes('<w:tblHeader/>')).length;
    expect(headers).toBeGreaterThan(0);
    // The header rows and the first rows stay with the caption; the rest may break between rows.
    expect(kept.slice(0, headers + 3).every(Boolean)).toBe(true);
    expect(kept.slice(headers + 3).some(Boolean)).toBe(false);
  });
});
