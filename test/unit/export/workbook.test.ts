import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkbook, sheetName } from '../../../shared/export/workbook.js';
import { tooFewMessage } from '../../../shared/packs/suppression.js';
import { formulaLikeCells } from '../../helpers/formulaGuard.js';
import { AGE_TABLE, ETHNICITY_REPORT_ROWS, ETHNICITY_TABLE, INJECTION_LABEL, META, SDQ_TABLE, withheldAgeResult } from './fixtures.js';

// A real (tiny) PNG: 1x1 pixel, so the chart path is exercised without resvg.
const PIXEL = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

let bytes: Uint8Array;
let wb: ExcelJS.Workbook;
let zip: JSZip;

beforeAll(async () => {
  bytes = await buildWorkbook([{ ...AGE_TABLE, chartPng: PIXEL, chartAlt: 'Bar chart of ages' }, ETHNICITY_TABLE, SDQ_TABLE], META);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  zip = await JSZip.loadAsync(bytes);
});

const sheet = (name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

describe('workbook structure', () => {
  it('has Contents, one sheet per pack, then Notes', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Contents',
      '1 Age of children looked after',
      '2 Ethnicity of children looked',
      '3 Strengths and Difficulties',
      'Notes',
    ]);
  });

  it('lists the tables on Contents, each linking to its sheet (internal links only)', async () => {
    const ws = sheet('Contents');
    expect(ws.getCell('A1').value).toBe('IRO annual report tables 2022/23');
    expect(ws.getCell('A2').value).toBe('Generated 1 June 2023, 09:30 UTC');
    expect(ws.getCell('A6').value).toBe('Table 1');
    expect(ws.getCell('C6').value).toBe('Children looked after');
    expect(ws.getCell('D7').value).toBe('Snapshot at 31 March each year: 31 March 2022 and 31 March 2023');
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain(`<hyperlink ref="B6" tooltip="Go to sheet 1 Age of children looked after" location="&apos;1 Age of children looked after&apos;!A1"/>`);
    expect(xml).toContain('location="&apos;Notes&apos;!A1"');
    expect(xml).not.toMatch(/<hyperlink[^>]*r:id=/);
    const rels = (await zip.file('xl/worksheets/_rels/sheet1.xml.rels')?.async('string')) ?? '';
    expect(rels).not.toContain('TargetMode="External"');
  });

  it('wraps the suppression note on Contents across the table, in a row tall enough for its lines', () => {
    const ws = sheet('Contents');
    const note = ws.getCell('A3');
    expect(String(note.value)).toMatch(/^Counts from 1 to 5 are suppressed/);
    expect(note.alignment).toMatchObject({ wrapText: true });
    // Merged over the four columns of the table under it (146 units), not one line running off the page.
    expect(ws.getCell('D3').master.address).toBe('A3');
    // About 180 characters of Arial 10 to a line of 146 units (1,027 px).
    const lines = Math.ceil(String(note.value).length / 180);
    expect(lines).toBeGreaterThan(1);
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(lines * 13);
  });

  it('makes sheet names Excel accepts: 31 characters, no []:*?/\\, cut at a word, unique', () => {
    const taken = new Set<string>();
    expect(sheetName(1, 'Reasons ceased: [all] children / young people', taken)).toBe('1 Reasons ceased all children');
    // 27 characters and " (2)" make the full 31.
    expect(sheetName(1, 'Reasons ceased: [all] children / young people', taken)).toBe('1 Reasons ceased all childr (2)');
  });
});

describe('a pack sheet', () => {
  // Age sheet: 1 title, 2 period, 3 definition, 4 source, 5 suppression legend, 6 blank, 7 header,
  // 8-12 the five age bands, 13 Total. Columns: A label, B/C 2021, D/E 2022, F/G 2023, H/I change.
  const age = () => sheet('1 Age of children looked after');

  it('starts with the title, period, definition, source and symbols', () => {
    const ws = age();
    expect(ws.getCell('A1').value).toBe('Table 1: Age of children looked after at 31 March');
    expect(ws.getCell('A2').value).toBe('Snapshot at 31 March each year: 31 March 2021 to 31 March 2023');
    expect(ws.getCell('A3').value).toBe(AGE_TABLE.result.definition);
    expect(ws.getCell('A4').value).toBe(
      'Source: SSDA903 returns for 2020/21, 2021/22 and 2022/23 (5 files, last imported 3 May 2023); file names and checksums are in the notes.',
    );
    expect(ws.getCell('A5').value).toBe('c = suppressed to protect confidentiality: a count from 1 to 5, or a figure from which one could be worked out.');
  });

  it('has one header row naming year and measure in each heading', () => {
    const ws = age();
    const header = (ws.getRow(7).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Age at 31 March',
      '31 March 2021\nNumber',
      '31 March 2021\n%',
      '31 March 2022\nNumber',
      '31 March 2022\n%',
      '31 March 2023\nNumber',
      '31 March 2023\n%',
      'Change since 31 March 2022\nNumber',
      'Change since 31 March 2022\n% points',
    ]);
  });

  it('writes figures as numbers with number formats, never as text', () => {
    const ws = age();
    const b11 = ws.getCell('B11'); // 10 to 15, 2021
    expect(b11.value).toBe(221);
    expect(b11.numFmt).toBe('#,##0');
    const c11 = ws.getCell('C11'); // 43.3% stored as the fraction 0.433
    expect(c11.value).toBeCloseTo(0.433, 10);
    expect(c11.numFmt).toBe('0.0%');
    const h11 = ws.getCell('H11'); // 230 - 212
    expect(h11.value).toBe(18);
    expect(h11.numFmt).toBe('+#,##0;-#,##0;0');
    const i11 = ws.getCell('I11'); // 44.2 - 42.2 points
    expect(i11.value).toBeCloseTo(2.0, 10);
    expect(i11.numFmt).toBe('+0.0;-0.0;0.0');
  });

  it('shows suppressed figures (and the change worked from them) as a right-aligned c', () => {
    const ws = age();
    for (const ref of ['F8', 'G8', 'H8', 'I8']) {
      const cell = ws.getCell(ref);
      expect(cell.value, ref).toBe('c');
      expect(cell.alignment?.horizontal, ref).toBe('right');
    }
    expect(ws.getCell('B8').value).toBe(27);
  });

  it('ends with a bold Total row, and no percentage where the pack gives none', () => {
    const ws = age();
    expect(ws.getCell('A13').value).toBe('Total');
    expect(ws.getCell('A13').font?.bold).toBe(true);
    expect([ws.getCell('B13').value, ws.getCell('D13').value, ws.getCell('F13').value, ws.getCell('H13').value]).toEqual([510, 502, 520, 18]);
    expect(ws.getCell('C13').value).toBeNull();
    expect(ws.getCell('B13').font?.bold).toBe(true);
  });

  it('freezes the header and label column, and prints landscape A4, fitted to width', () => {
    const ws = age();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 7 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    // A table that fits on one page has no header to repeat (it would print over its chart).
    expect(ws.pageSetup.printTitlesRow).toBeUndefined();
    expect(ws.headerFooter.oddFooter).toBe('&L&"Arial,Regular"&9Table 1: Age of children looked after at 31 March&R&"Arial,Regular"&9Page &P of &N');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual('Age at 31 March'.length);
  });

  it('names each table range', () => {
    const names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(names.find((n) => n.name === 'Table_1_age')?.ranges).toEqual(["'1 Age of children looked after'!$A$7:$I$13"]);
    // Ethnicity: A label, B..G figures; header 7, three group headings, six rows and the total.
    expect(names.find((n) => n.name === 'Table_2_ethnicity')?.ranges).toEqual(["'2 Ethnicity of children looked'!$A$7:$G$17"]);
  });

  it('sets groups as a report does: a heading row, the parts indented under it', () => {
    const ws = sheet('2 Ethnicity of children looked');
    const labels = Array.from({ length: 10 }, (_, i) => ws.getCell(8 + i, 1).value);
    expect(labels).toEqual(ETHNICITY_REPORT_ROWS);
    expect(ws.getCell('A8').font?.bold).toBe(true);
    expect(ws.getCell('B8').value).toBe('White'); // the heading spans the table (merged)
    expect(ws.getCell('A9').alignment?.indent).toBe(1);
    expect(ws.getCell('A15').alignment?.indent).toBeUndefined();
  });

  it("indents a breakdown's parts under their headings in a way Excel shows: an indent with left alignment", async () => {
    // Age by sex: each age band a bold heading (subtotal) with its Male / Female parts under it.
    const part = (count: number) => ({ count, percent: 50 });
    const breakdown = {
      ...AGE_TABLE,
      result: {
        ...AGE_TABLE.result,
        years: [2023],
        rows: [
          { key: 'u1', label: 'Under 1', group: 'Under 1', subtotal: true, values: { 2023: { count: 20, percent: 40 } } },
          { key: 'u1-m', label: 'Male', group: 'Under 1', values: { 2023: part(10) } },
          { key: 'u1-f', label: 'Female', group: 'Under 1', values: { 2023: part(10) } },
          { key: 'o1', label: '1 to 4', group: '1 to 4', subtotal: true, values: { 2023: { count: 30, percent: 60 } } },
          { key: 'o1-m', label: 'Male', group: '1 to 4', values: { 2023: part(15) } },
          { key: 'o1-f', label: 'Female', group: '1 to 4', values: { 2023: part(15) } },
        ],
        total: { 2023: { count: 50 } },
      },
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await buildWorkbook([breakdown], META)) as unknown as ExcelJS.Buffer);
    const ws = book.worksheets[1]!;
    const label = (text: string) => ws.getColumn(1).values.findIndex((v) => v === text);
    const headingRow = label('Under 1');
    const align = (r: number) => ws.getCell(r, 1).alignment;
    expect(align(headingRow)?.indent).toBeUndefined();
    // Excel and LibreOffice ignore an indent on a cell with no horizontal alignment (general).
    for (const r of [headingRow + 1, headingRow + 2, headingRow + 4, headingRow + 5]) expect(align(r)).toMatchObject({ horizontal: 'left', indent: 1 });
    expect(ws.getCell(headingRow + 1, 1).value).toBe('Male');
  });

  it('puts the chart under the table with a numbered caption, no wider than the table', () => {
    const ws = age();
    const captionRow = ws.getImages()[0]!.range.tl.nativeRow; // the image starts on the row after it
    expect(ws.getCell(captionRow, 1).value).toBe('Figure 1: Age of children looked after at 31 March, 31 March 2021 to 31 March 2023');
    const ext = (ws.getImages()[0]!.range as unknown as { ext: { width: number } }).ext;
    const tablePx = Array.from({ length: 9 }, (_, i) => ws.getColumn(i + 1).width! * 7 + 5).reduce((a, b) => a + b, 0);
    expect(ext.width).toBeLessThanOrEqual(tablePx);
  });

  it('puts the chart image under the table, with its alt text', async () => {
    expect(age().getImages()).toHaveLength(1);
    expect(sheet('3 Strengths and Difficulties').getImages()).toHaveLength(0);
    expect(Object.keys(zip.files).filter((f) => f.startsWith('xl/media/') && !zip.files[f]!.dir)).toEqual(['xl/media/image1.png']);
    const drawing = await zip.file('xl/drawings/drawing1.xml')!.async('string');
    expect(drawing).toContain('descr="Bar chart of ages"');
  });

  it('adds the commentary and pack notes under the table', () => {
    const texts = age()
      .getColumn(1)
      .values.filter((v): v is string => typeof v === 'string');
    expect(texts).toEqual(expect.arrayContaining(['Notes', AGE_TABLE.result.notes[0], 'Commentary', ...AGE_TABLE.commentary]));
  });

  it('gives an average its one-decimal format and no percentage', () => {
    const ws = sheet('3 Strengths and Difficulties');
    // SDQ: no suppressed cell, but suppression was applied, so the legend is there: header row 7.
    expect(ws.getCell('A13').value).toBe('Average score');
    expect(ws.getCell('B13').value).toBe(14.2);
    expect(ws.getCell('B13').numFmt).toBe('0.0');
    expect(ws.getCell('F13').value).toBeCloseTo(-0.3, 10);
    expect(ws.getCell('F13').numFmt).toBe('+0.0;-0.0;0.0');
    expect(ws.getCell('C13').value).toBeNull();
  });
});

describe('printing', () => {
  /** A PNG header is all the workbook reads of an image (its size); the bytes are stored as they are. */
  function fakePng(width: number, height: number): Uint8Array {
    const bytes = new Uint8Array(33);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const view = new DataView(bytes.buffer);
    view.setUint32(16, width);
    view.setUint32(20, height);
    return bytes;
  }

  it('uses Arial 10 as the workbook font, the unit its column widths are planned in', async () => {
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(/<fonts\b[^>]*><font>([\s\S]*?)<\/font>/.exec(styles)![1]).toBe('<sz val="10"/><name val="Arial"/><family val="2"/>');
  });

  it('says a pack withheld in every year is too few to publish, instead of a table of c and a chart', async () => {
    const withheld = withheldAgeResult();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await buildWorkbook([{ ...AGE_TABLE, result: withheld, chartPng: PIXEL }], { ...META, suppression: 5 })) as unknown as ExcelJS.Buffer);
    const ws = book.worksheets[1]!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain(tooFewMessage(5));
    expect(texts.filter((t) => t === 'c')).toEqual([]); // no table of c
    expect(ws.getImages()).toEqual([]);
  });

  it('repeats the header of a table longer than a page, and starts a chart on a page of its own when it does not fit', async () => {
    const years = [2022, 2023];
    const rows = Array.from({ length: 60 }, (_, i) => ({ key: `r${i}`, label: `Row ${i}`, group: null, values: Object.fromEntries(years.map((y) => [y, { count: i, percent: 1 }])) }));
    const long = { ...AGE_TABLE, result: { ...AGE_TABLE.result, years, rows }, chartPng: fakePng(1360, 1600) };
    const short = { ...AGE_TABLE, chartPng: fakePng(1360, 1600) };
    const book = new ExcelJS.Workbook();
    const bytes = await buildWorkbook([long, short], META);
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(book.worksheets[1]!.pageSetup.printTitlesRow).toBe('7:7');
    expect(book.worksheets[2]!.pageSetup.printTitlesRow).toBeUndefined();
    const z = await JSZip.loadAsync(bytes);
    for (const [sheet, ws, dataWithChart] of [['sheet2', book.worksheets[1]!, false], ['sheet3', book.worksheets[2]!, true]] as const) {
      const xml = await z.file(`xl/worksheets/${sheet}.xml`)!.async('string');
      const caption = ws.getImages()[0]!.range.tl.nativeRow; // 0-based row of the image = the caption's 1-based row
      expect(ws.getCell(caption, 1).value).toMatch(/^Figure \d: /);
      // A tall chart never shares a page with what is above it: a break right before its chart data
      // (kept with it), or before its caption when the data (60 rows) would not fit on the chart's page.
      const dataHeading = ws.getColumn(1).values.findIndex((v) => typeof v === 'string' && v.startsWith('Chart data: Figure'));
      expect(dataHeading).toBeGreaterThan(0);
      expect(xml).toMatch(new RegExp(`<rowBreaks count="1"[^>]*><brk id="${(dataWithChart ? dataHeading : caption) - 1}" `));
      // Tall charts are shrunk to fit the printed page, never wider than the table.
      const ext = (ws.getImages()[0]!.range as unknown as { ext: { width: number; height: number } }).ext;
      expect(ext.height / ext.width).toBeCloseTo(1600 / 1360, 2);
      expect(ext.height).toBeLessThan(700);
    }
  });
});

describe('formula-injection guard', () => {
  it('keeps labels starting with = + - @ as the exact text', () => {
    const ws = sheet('2 Ethnicity of children looked');
    expect(ws.getCell('A15').value).toBe(INJECTION_LABEL);
    expect(ws.getCell('A15').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A15').numFmt).toBe('@');
    expect(ws.getCell('A16').value).toBe('+44 unknown code');
    expect(sheet('Notes').getColumn(2).values).toContain('=cmd.csv');
  });

  it('writes no formula at all, and gives every formula-like string the Text format with quotePrefix', async () => {
    const { cells, formulas } = await formulaLikeCells(zip);
    expect(formulas).toBe(0);
    expect(cells.filter((c) => !c.guarded)).toEqual([]);
    // The =HYPERLINK label, "+44 unknown code", "-3 more..." commentary, and the "=cmd.csv" source file.
    expect(cells.length).toBe(4);
  });
});

describe('the Notes sheet', () => {
  it('gives the symbols, definitions, sources with checksums and row counts, and when it was generated', () => {
    const ws = sheet('Notes');
    const colA = ws.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(colA).toEqual(
      expect.arrayContaining([
        'Notes',
        'Generated 1 June 2023, 09:30 UTC',
        'Symbols and rounding',
        'c = suppressed to protect confidentiality: a count from 1 to 5, or a figure from which one could be worked out.',
        'Percentages are rounded to one decimal place, so they may not add up to 100.',
        'Table 2: Ethnicity of children looked after at 31 March',
        ETHNICITY_TABLE.result.definition,
      ]),
    );
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'Collection year') header = n;
    });
    expect(header).toBeGreaterThan(0);
    const first = ws.getRow(header + 1);
    expect([first.getCell(1).value, first.getCell(2).value, first.getCell(3).value, first.getCell(4).value, first.getCell(5).value]).toEqual([
      '2020/21',
      'episodes.csv',
      1204,
      '2 May 2023, 14:05 UTC',
      'b'.repeat(64),
    ]);
    expect(first.getCell(3).numFmt).toBe('#,##0');
  });
});
