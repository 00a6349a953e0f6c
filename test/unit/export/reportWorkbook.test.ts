/**
 * The draft report as one workbook: contents in the outline's order (section headings, a link to
 * each table's sheet, numbered as the Word report's captions), one sheet per table with its
 * caption, figures, notes and the chart's data, and one sheet of sources and definitions.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReportDocument } from '../../../shared/export/document.js';
import type { PackComparators } from '../../../shared/ees/packComparators.js';
import type { ReportItem } from '../../../shared/export/types.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { buildReportWorkbook } from '../../../shared/export/workbook.js';
import { AGE_TABLE, CLA_TABLE, ETHNICITY_TABLE, FIGURE_LABEL, LOCAL_FIGURES, META, SDQ_TABLE, withheldAgeResult } from './fixtures.js';

const PIXEL = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

// The outline's order, not the packs' sections: health first, a table withheld (no figure) in the middle.
const ITEMS: ReportItem[] = [
  { heading: 'Health' },
  { narrative: '[Write here about health.]' },
  { table: { ...SDQ_TABLE, chartPng: PIXEL } },
  { heading: 'The children' },
  { table: { ...AGE_TABLE, result: withheldAgeResult(), chartPng: PIXEL } },
  { table: { ...AGE_TABLE, chartPng: PIXEL, chartYears: [2022, 2023] } },
  { narrative: '[The table "gone" named in the outline is no longer in the workbench.]' },
  { table: { ...ETHNICITY_TABLE, chartPng: PIXEL } },
  { table: CLA_TABLE },
];

let wb: ExcelJS.Workbook;
let bytes: Uint8Array;

beforeAll(async () => {
  bytes = await buildReportWorkbook(ITEMS, { ...META, title: 'IRO annual report 2022/23' }, { organisation: 'Made-up Borough Council' });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
});

const texts = (ws: ExcelJS.Worksheet) => {
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (c.isMerged && c.master.address !== c.address) return; // a merged cell's text once
      out.push(typeof c.value === 'object' && c.value && 'text' in c.value ? String(c.value.text) : String(c.value));
    }),
  );
  return out;
};

describe('the report as one workbook', () => {
  it('has the contents sheet, one sheet per table in the outline\'s order, then sources and definitions', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Contents',
      '1 Strengths and Difficulties',
      '2 Age of children looked after',
      '3 Age of children looked after',
      '4 Ethnicity of children looked',
      '5 Children looked after',
      'Sources and definitions',
    ]);
  });

  it('lists the outline on the contents sheet: section headings over their tables, each linked to its sheet', () => {
    const ws = wb.getWorksheet('Contents')!;
    const all = texts(ws);
    expect(all.slice(0, 2)).toEqual(['IRO annual report 2022/23', 'Made-up Borough Council']);
    const order = all.filter((t) => /^(Health|The children|Table \d)$/.test(t));
    expect(order).toEqual(['Health', 'Table 1', 'The children', 'Table 2', 'Table 3', 'Table 4', 'Table 5']);
    // Placeholders are for the Word report; a missing table is said, not dropped.
    expect(all).not.toContain('[Write here about health.]');
    expect(all).toContain('[The table "gone" named in the outline is no longer in the workbench.]');
  });

  it('links each contents row to its table\'s sheet, within the workbook only (no external relationship Excel would open as a file)', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const links = [...xml.matchAll(/<hyperlink\b[^>]*location="([^"]+)"[^>]*\/>/g)].map((m) => m[1]!.replace(/&apos;/g, "'"));
    expect(links).toEqual([...wb.worksheets.slice(1).map((w) => `'${w.name}'!A1`)]);
    expect(xml).not.toMatch(/<hyperlink\b[^>]*r:id=/);
    const ws = wb.getWorksheet('Contents')!;
    expect([ws.getCell('A8').value, ws.getCell('A9').value]).toEqual(['Health', 'Table 1']);
    expect(ws.getCell('B9').value).toBe(SDQ_TABLE.result.title);
    expect(xml).toContain('<hyperlink ref="B9"');
  });

  it('numbers captions as the Word report does: tables in order, figures on their own count (a withheld table has none)', async () => {
    const captions = wb.worksheets.slice(1, -1).map((ws) => texts(ws).filter((t) => /^(Table|Figure) \d+: /.test(t)));
    expect(captions).toEqual([
      ['Table 1: Strengths and Difficulties Questionnaire (SDQ) scores', 'Figure 1: Strengths and Difficulties Questionnaire (SDQ) scores, 31 March 2022 to 31 March 2023'],
      ['Table 2: Age of children looked after at 31 March'],
      ['Table 3: Age of children looked after at 31 March', 'Figure 2: Age of children looked after at 31 March, 31 March 2022 to 31 March 2023'],
      [expect.stringMatching(/^Table 4: Ethnicity/), expect.stringMatching(/^Figure 3: Ethnicity/)],
      ['Table 5: Children looked after'],
    ]);
    const doc = await buildReportDocument(ITEMS, META, { organisation: '' });
    const xml = await (await JSZip.loadAsync(doc)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const caption of captions.flat()) expect(text).toContain(caption.replace(/^(Table|Figure) (\d+)/, '$1 $2'));
  });

  it('keeps figures as numbers and suppressed ones as c, with the chart\'s data beside the chart', () => {
    const ws = wb.getWorksheet('3 Age of children looked after')!;
    const heading = texts(ws).indexOf('Chart data: Figure 2');
    expect(heading).toBeGreaterThan(0);
    let at = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'Chart data: Figure 2') at = n;
    });
    // The years the chart draws (chartYears), one row per category, counts as numbers.
    expect((ws.getRow(at + 1).values as unknown[]).slice(1)).toEqual(['Age at 31 March', '31 March 2022', '31 March 2023']);
    expect((ws.getRow(at + 2).values as unknown[]).slice(1)).toEqual(['Under 1', 20, 'c']);
    expect((ws.getRow(at + 5).values as unknown[]).slice(1)).toEqual(['10 to 15', 212, 230]);
    expect(ws.getCell(at + 5, 2).numFmt).toBe('#,##0');
    // The table above it keeps every year, as the per-pack export writes it.
    expect(ws.getCell('B8').value).toBe(27);
  });

  it('puts every table\'s definition and the source files on one sheet', () => {
    const all = texts(wb.getWorksheet('Sources and definitions')!);
    expect(all[0]).toBe('Sources and definitions');
    expect(all.filter((t) => /^Table \d+: /.test(t))).toHaveLength(5);
    expect(all).toContain(AGE_TABLE.result.definition);
    expect(all.filter((t) => /^[a-e]{64}$/.test(t))).toHaveLength(5);
  });
});

describe('the house style in the report', () => {
  const house = { organisation: 'Made-up Borough Council', font: 'Verdana' as const, heading: '#8A1538', palette: ['#1D5C3A', '#B8860B', '#2B2B6B'], logo: { type: 'png' as const, data: PIXEL, width: 1, height: 1 } };
  const meta = { ...META, house };

  it('sets the workbook in the house font, titles in the heading colour, headers on a tint of the first chart colour', async () => {
    const data = await buildReportWorkbook(ITEMS, meta, { organisation: house.organisation });
    const zip = await JSZip.loadAsync(data);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).not.toContain('"Arial"');
    expect(styles).toContain('<name val="Verdana"/>');
    expect(styles).toContain('<color rgb="FF8A1538"/>');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    const ws = book.getWorksheet('3 Age of children looked after')!;
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Verdana', bold: true, color: { argb: 'FF8A1538' } });
    expect(ws.getCell('A7').fill).toMatchObject({ fgColor: { argb: 'FFDDE7E1' } });
    // Figures untouched: still numbers with their formats.
    expect([ws.getCell('B8').value, ws.getCell('B8').numFmt]).toEqual([27, '#,##0']);
    // The logo heads the contents sheet, above the title, with alt text; the charts keep drawings of their own.
    const contents = book.getWorksheet('Contents')!;
    expect(contents.getImages().map((i) => i.range.tl.nativeRow)).toEqual([0]);
    expect(contents.getCell('A2').value).toBe(META.title);
    const rels = await zip.file('xl/worksheets/_rels/sheet1.xml.rels')!.async('string');
    const drawing = /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(rels)![1];
    expect(await zip.file(`xl/drawings/${drawing}`)!.async('string')).toContain('descr="Made-up Borough Council logo"');
    expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(3);
  });

  it('puts the logo and the name on the Word title page, headings in the heading colour, text in the house font', async () => {
    const zip = await JSZip.loadAsync(await buildReportDocument(ITEMS, meta, { organisation: house.organisation }));
    const xml = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?<w:color w:val="8A1538"\/>/);
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*?<w:rFonts w:ascii="Verdana"/);
    expect(xml).not.toContain('w:ascii="Arial"');
    expect(xml).toContain('w:fill="DDE7E1"');
    // The logo comes first, with alt text, before the title and the organisation's name.
    const logoAt = xml.indexOf('descr="Made-up Borough Council logo"');
    expect(logoAt).toBeGreaterThan(0);
    expect(xml.indexOf('IRO annual report tables 2022/23')).toBeGreaterThan(logoAt);
    expect(xml.indexOf('Made-up Borough Council</w:t>')).toBeGreaterThan(logoAt);
  });
});

describe('native Excel charts in the report workbook', () => {
  // CT_* sequences of ECMA-376 Part 1 (dml-chart.xsd, sml.xsd), as far as the writer uses them: each
  // element's children must come in this order.
  const ORDER: Record<string, string[]> = {
    'c:chartSpace': ['c:date1904', 'c:lang', 'c:roundedCorners', 'c:style', 'c:clrMapOvr', 'c:pivotSource', 'c:protection', 'c:chart', 'c:spPr', 'c:txPr', 'c:externalData', 'c:printSettings', 'c:userShapes', 'c:extLst'],
    'c:chart': ['c:title', 'c:autoTitleDeleted', 'c:pivotFmts', 'c:view3D', 'c:floor', 'c:sideWall', 'c:backWall', 'c:plotArea', 'c:legend', 'c:plotVisOnly', 'c:dispBlanksAs'],
    'c:barChart': ['c:barDir', 'c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:gapWidth', 'c:overlap', 'c:serLines', 'c:axId'],
    'c:lineChart': ['c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:dropLines', 'c:hiLowLines', 'c:upDownBars', 'c:marker', 'c:smooth', 'c:axId'],
    'c:ser': ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:invertIfNegative', 'c:pictureOptions', 'c:marker', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:cat', 'c:val', 'c:shape', 'c:smooth'],
    'c:dLbls': ['c:dLbl', 'c:delete', 'c:numFmt', 'c:spPr', 'c:txPr', 'c:dLblPos', 'c:showLegendKey', 'c:showVal', 'c:showCatName', 'c:showSerName', 'c:showPercent', 'c:showBubbleSize'],
    'c:catAx': ['c:axId', 'c:scaling', 'c:delete', 'c:axPos', 'c:majorGridlines', 'c:minorGridlines', 'c:title', 'c:numFmt', 'c:majorTickMark', 'c:minorTickMark', 'c:tickLblPos', 'c:spPr', 'c:txPr', 'c:crossAx', 'c:crosses', 'c:auto', 'c:lblAlgn', 'c:lblOffset', 'c:noMultiLvlLbl'],
    'c:valAx': ['c:axId', 'c:scaling', 'c:delete', 'c:axPos', 'c:majorGridlines', 'c:minorGridlines', 'c:title', 'c:numFmt', 'c:majorTickMark', 'c:minorTickMark', 'c:tickLblPos', 'c:spPr', 'c:txPr', 'c:crossAx', 'c:crosses', 'c:crossBetween'],
    'c:scaling': ['c:logBase', 'c:orientation', 'c:max', 'c:min'],
    'c:plotArea': ['c:layout', 'c:barChart', 'c:lineChart', 'c:catAx', 'c:valAx', 'c:dTable', 'c:spPr'],
    'c:legend': ['c:legendPos', 'c:legendEntry', 'c:layout', 'c:overlay', 'c:spPr', 'c:txPr'],
    'c:title': ['c:tx', 'c:layout', 'c:overlay', 'c:spPr', 'c:txPr'],
    'c:marker': ['c:symbol', 'c:size', 'c:spPr'],
    'xdr:oneCellAnchor': ['xdr:from', 'xdr:ext', 'xdr:graphicFrame', 'xdr:clientData'],
    worksheet: ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetProtection', 'mergeCells', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'drawing', 'legacyDrawing', 'tableParts', 'extLst'],
  };

  /** Parses XML (throwing on anything not well-formed) and checks each element's children against ORDER. */
  async function checkOrder(xml: string): Promise<void> {
    const { SaxesParser } = await import('saxes');
    const parser = new SaxesParser();
    const stack: { name: string; children: string[] }[] = [];
    const problems: string[] = [];
    parser.on('opentag', (tag) => {
      stack.at(-1)?.children.push(tag.name);
      stack.push({ name: tag.name, children: [] });
    });
    parser.on('closetag', () => {
      const { name, children } = stack.pop()!;
      const order = ORDER[name];
      if (!order) return;
      const at = children.map((c) => order.indexOf(c));
      if (at.some((i) => i < 0)) problems.push(`${name} has ${children.filter((_, k) => at[k]! < 0).join(', ')}, not in the schema's sequence`);
      if (at.some((i, k) => k > 0 && i < at[k - 1]!)) problems.push(`${name}'s children out of order: ${children.join(', ')}`);
    });
    parser.write(xml).close();
    expect(problems).toEqual([]);
  }

  let zip: JSZip;
  beforeAll(async () => {
    zip = await JSZip.loadAsync(bytes);
  });

  it('has one chart part per figure, each in its own drawing on its table\'s sheet, and no chart images', async () => {
    const files = Object.keys(zip.files);
    expect(files.filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).sort()).toEqual(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/charts/chart3.xml']);
    expect(files.filter((f) => f.startsWith('xl/media/'))).toEqual([]);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    for (const n of [1, 2, 3]) {
      expect(types).toContain(`<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
      expect(types).toContain(`<Override PartName="/xl/drawings/drawing${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
    }
    // Sheets 2 (SDQ), 4 (age) and 5 (ethnicity) carry them; 3 (withheld) and 6 (no image) do not.
    for (const [sheet, drawing] of [[2, 1], [4, 2], [5, 3]] as const) {
      const xml = await zip.file(`xl/worksheets/sheet${sheet}.xml`)!.async('string');
      const rid = /<drawing r:id="(rId\d+)"\/>/.exec(xml)![1];
      const rels = await zip.file(`xl/worksheets/_rels/sheet${sheet}.xml.rels`)!.async('string');
      expect(rels).toContain(`<Relationship Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing${drawing}.xml"/>`);
      await checkOrder(xml);
    }
    for (const sheet of [3, 6]) expect(await zip.file(`xl/worksheets/sheet${sheet}.xml`)!.async('string')).not.toContain('<drawing');
  });

  it('writes every chart and drawing part well-formed, its elements in the schema\'s order', async () => {
    for (const n of [1, 2, 3]) {
      await checkOrder(await zip.file(`xl/charts/chart${n}.xml`)!.async('string'));
      await checkOrder(await zip.file(`xl/drawings/drawing${n}.xml`)!.async('string'));
    }
  });

  it('titles each series, draws the chart data\'s figures with a gap where suppressed, and describes the chart for screen readers', async () => {
    const xml = await zip.file('xl/charts/chart2.xml')!.async('string');
    const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => m[1]!);
    expect(series.map((s) => /<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/.exec(s)![1])).toEqual(['31 March 2022', '31 March 2023']);
    const points = (s: string) => [.../<c:val>([\s\S]*?)<\/c:val>/.exec(s)![1]!.matchAll(/<c:pt idx="(\d)"><c:v>(\d+)<\/c:v>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points(series[0]!)).toEqual([[0, 20], [1, 53], [2, 77], [3, 212], [4, 140]]);
    expect(points(series[1]!)).toEqual([[1, 58], [2, 81], [3, 230], [4, 147]]); // under 1 suppressed: no point
    expect(xml).toContain('<c:dispBlanksAs val="gap"/>');
    expect([...xml.matchAll(/<c:cat><c:strLit><c:ptCount val="5"\/><c:pt idx="0"><c:v>Under 1<\/c:v>/g)]).toHaveLength(2);
    // Colour is not the only cue: a pattern on the second series, every value labelled, bars outlined.
    expect(series[1]).toMatch(/<a:pattFill prst="wdUpDiag">/);
    expect(series.every((s) => s.includes('<c:showVal val="1"/>'))).toBe(true);
    const drawing = await zip.file('xl/drawings/drawing2.xml')!.async('string');
    expect(drawing).toMatch(/<xdr:cNvPr id="3" name="Chart 2" descr="[^"]*Age of children looked after at 31 March/);
  });

  it('draws in the house colours and font', async () => {
    const house = { organisation: '', font: 'Verdana' as const, heading: '#8A1538', palette: ['#1D5C3A', '#B8860B', '#2B2B6B'] };
    const styled = await JSZip.loadAsync(await buildReportWorkbook(ITEMS, { ...META, house }, { organisation: '' }));
    const xml = await styled.file('xl/charts/chart2.xml')!.async('string');
    expect([...xml.matchAll(/<c:ser>[\s\S]*?<c:spPr>[\s\S]*?<a:srgbClr val="([0-9A-F]{6})"\/>/g)].map((m) => m[1])).toEqual(['1D5C3A', 'FFFFFF']);
    expect(xml).toContain('<a:bgClr><a:srgbClr val="B8860B"/></a:bgClr>');
    expect(xml).toContain('<a:latin typeface="Verdana"/>');
  });
});

describe("a local pack's figures besides the count in the report workbook", () => {
  const days = FIGURE_LABEL;
  const table = {
    result: LOCAL_FIGURES,
    commentary: [],
    timing: 'flow' as const,
    chart: 'grouped-bar' as const,
    section: 'The IRO service',
    chartPng: PIXEL,
  };

  it('draws each figure as a native chart of its own under the counts, axis in days, one decimal, a gap where suppressed; its data beside it', async () => {
    const out = await buildReportWorkbook([{ table }], META, { organisation: '' });
    const zip = await JSZip.loadAsync(out);
    // One drawing on the table's sheet, holding the counts' chart and the figure's below it, each
    // at its own row (the figure's data between them, above its chart).
    const drawing = await zip.file('xl/drawings/drawing1.xml')!.async('string');
    expect([...drawing.matchAll(/<xdr:oneCellAnchor>/g)]).toHaveLength(2);
    expect([...drawing.matchAll(/<xdr:rowOff>(\d+)<\/xdr:rowOff>/g)].map((m) => Number(m[1]))).toEqual([0, 0]);
    const [countsRow, figureRow] = [...drawing.matchAll(/<xdr:row>(\d+)<\/xdr:row>/g)].map((m) => Number(m[1]) + 1);
    expect(drawing).toContain('descr="Average days from raised to resolved, in days: bars for 2022/23, 2023/24. Stage 1: 2022/23 no figure, 2023/24 12.5; Stage 2: 2022/23 16.0, 2023/24 suppressed; All escalations: 2022/23 16.0, 2023/24 13.6."');
    const rels = await zip.file('xl/drawings/_rels/drawing1.xml.rels')!.async('string');
    expect([...rels.matchAll(/Target="\.\.\/charts\/chart(\d+)\.xml"/g)].map((m) => m[1])).toEqual(['1', '2']);
    const counts = await zip.file('xl/charts/chart1.xml')!.async('string');
    expect(counts).toContain('<a:t>Number</a:t>');
    const xml = await zip.file('xl/charts/chart2.xml')!.async('string');
    expect(xml).toContain('<a:t>Average days from raised to resolved</a:t>');
    expect(xml).toContain('<a:t>Days</a:t>');
    expect(xml).toContain('<c:numFmt formatCode="#,##0.0" sourceLinked="0"/>');
    const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => m[1]!);
    const points = (s: string) => [.../<c:val>([\s\S]*?)<\/c:val>/.exec(s)![1]!.matchAll(/<c:pt idx="(\d)"><c:v>([\d.]+)<\/c:v>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points(series[0]!)).toEqual([[1, 16], [2, 16]]); // 2022/23: stage 1 has no figure
    expect(points(series[1]!)).toEqual([[0, 12.5], [2, 13.6]]); // 2023/24: stage 2 suppressed
    // The figure's data beside its chart: one decimal place, c where suppressed.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(out as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[1]!;
    let at = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === `Chart data: Figure 1, ${days}`) at = n;
    });
    expect(at).toBeGreaterThan(countsRow!);
    expect(at).toBeLessThan(figureRow!);
    const values = [1, 2, 3].map((k) => [sheet.getCell(at + 1 + k, 1).value, sheet.getCell(at + 1 + k, 2).value, sheet.getCell(at + 1 + k, 3).value]);
    expect(values).toEqual([
      ['Stage 1', '–', 12.5], // no figure: a dash, as in the table
      ['Stage 2', 16, 'c'],
      ['All escalations', 16, 13.6],
    ]);
  });
});

/**
 * The printed pages of a sheet as a spreadsheet lays them out: A4 landscape or portrait less its
 * margins, scaled to fit the sheet's width, a page starting at each manual row break or where the
 * next row would overflow; the header row repeated on every page after the first takes its height.
 * Gives each row's page and its top on that page (points at 100%).
 */
function printedRows(ws: ExcelJS.Worksheet, breaks: number[]): { page: number[]; top: number[]; pageHeight: number } {
  const setup = ws.pageSetup;
  const margins = setup.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75 };
  const [w, h] = setup.orientation === 'landscape' ? [842, 595] : [595, 842];
  let sheetPx = 0;
  for (let c = 1; c <= ws.columnCount; c++) sheetPx += (ws.getColumn(c).width ?? 9) * 7 + 5;
  const scale = Math.min(1, (w - 72 * (margins.left + margins.right)) / (sheetPx * 0.75));
  const pageHeight = (h - 72 * (margins.top + margins.bottom)) / scale;
  const repeated = setup.printTitlesRow ? Number(setup.printTitlesRow.split(':')[0]) : 0;
  const heightOf = (n: number) => ws.getRow(n).height ?? 12.75;
  const page: number[] = [];
  const top: number[] = [];
  let p = 1;
  let y = 0;
  const last = ws.rowCount + 40; // (getRow adds rows as it goes)
  for (let n = 1; n <= last; n++) {
    const room = pageHeight - (p > 1 && repeated ? heightOf(repeated) : 0);
    if (y > 0 && y + heightOf(n) > room) {
      p += 1;
      y = 0;
    }
    page[n] = p;
    top[n] = y;
    y += heightOf(n);
    if (breaks.includes(n)) {
      p += 1;
      y = 0;
    }
  }
  return { page, top, pageHeight: pageHeight - (repeated ? heightOf(repeated) : 0) };
}

describe('native charts on the printed page', () => {
  const figures = { result: LOCAL_FIGURES, commentary: ['One.', 'Two.', 'Three.'], timing: 'flow' as const, chart: 'grouped-bar' as const, section: 'The IRO service', chartPng: PIXEL };

  // A pack with comparators under its table (three measures, 26 rows): they take room on the page too.
  const pub = (num: number) => ({ text: String(num), num });
  const comparators: PackComparators = {
    authority: 'Gateshead',
    region: 'North East',
    group: 'statistical neighbours',
    sampleData: false,
    attribution: 'Department for Education.',
    series: Array.from({ length: 3 }, (_, k) => ({
      measure: `m${k}`,
      label: `Measure ${k + 1}`,
      unit: 'rate' as const,
      rowKey: '1 to 4',
      byYear: Object.fromEntries(AGE_TABLE.result.years.map((y) => [String(y), { own: 50 + k, published: pub(50 + k), differs: false, england: pub(70), region: pub(60), neighboursMean: 55, neighboursMedian: 54.5 }])),
    })),
  };
  const compared = { ...AGE_TABLE, result: { ...AGE_TABLE.result, comparators }, chartPng: PIXEL };

  it('keeps each chart whole on one printed page with its data and caption above it, a local pack\'s figure chart too', async () => {
    const out = await buildReportWorkbook([...ITEMS, { table: figures }, { table: compared }], META, { organisation: '' });
    const zip = await JSZip.loadAsync(out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(out as unknown as ExcelJS.Buffer);
    let checked = 0;
    for (const [k, ws] of book.worksheets.entries()) {
      const rels = (await zip.file(`xl/worksheets/_rels/sheet${k + 1}.xml.rels`)?.async('string')) ?? '';
      const target = /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(rels)?.[1];
      if (!target) continue;
      const xml = await zip.file(`xl/worksheets/sheet${k + 1}.xml`)!.async('string');
      const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
      const { page, top, pageHeight } = printedRows(ws, breaks);
      const drawing = await zip.file(`xl/drawings/${target}`)!.async('string');
      const anchors = [...drawing.matchAll(/<xdr:row>(\d+)<\/xdr:row>[\s\S]*?<xdr:ext cx="\d+" cy="(\d+)"\/>/g)].map((m) => ({ row: Number(m[1]) + 1, height: (Number(m[2]) / 9525) * 0.75 }));
      for (const a of anchors) {
        // The chart's rows are as tall as the chart, and all of them on the page it starts on.
        let covered = 0;
        let n = a.row;
        for (; covered < a.height - 1; n++) covered += ws.getRow(n).height ?? 12.75;
        expect(page[n - 1], `${ws.name}: chart at row ${a.row}`).toBe(page[a.row]);
        expect(top[a.row]! + a.height).toBeLessThanOrEqual(pageHeight + 1);
        // Its data (and caption) above it on the same page.
        const heading = [...Array(a.row).keys()].reverse().find((r) => String(ws.getCell(r, 1).value ?? '').startsWith('Chart data: Figure'));
        expect(heading, ws.name).toBeDefined();
        expect(page[heading!], `${ws.name}: data at row ${heading}`).toBe(page[a.row]);
        checked++;
      }
    }
    // SDQ, age, ethnicity; the local pack's counts and its figure; age with comparators.
    expect(checked).toBe(6);
    // The comparators kept on one page, from their heading to their source.
    const ws = book.worksheets.at(-2)!;
    const xml = await zip.file(`xl/worksheets/sheet${book.worksheets.length - 1}.xml`)!.async('string');
    const { page } = printedRows(ws, [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1])));
    const column = Array.from(ws.getColumn(1).values, (v) => String(v ?? ''));
    const from = column.indexOf('How we compare');
    const to = column.findIndex((v) => v.startsWith('Comparators:'));
    expect(from).toBeGreaterThan(0);
    expect(to).toBeGreaterThan(from + 20);
    expect(page[to]).toBe(page[from]);
  });

  // A table wide enough to print below 100% (eight years of numbers and percentages) under short
  // labels: the comparators' longer labels widen its first column, and so shrink the printed scale.
  const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];
  const wide: PackResult = {
    ...AGE_TABLE.result,
    years: YEARS,
    rows: AGE_TABLE.result.rows.map((row) => ({ ...row, values: Object.fromEntries(YEARS.map((y) => [y, { count: 50, percent: 10.0 }])) })),
    total: Object.fromEntries(YEARS.map((y) => [y, { count: 500 }])),
  };
  const measures = (years: number[]): PackComparators => ({
    ...comparators,
    sampleData: true,
    series: Array.from({ length: 10 }, (_, k) => ({ ...comparators.series[0]!, measure: `m${k}`, label: `Measure ${k + 1}`, byYear: Object.fromEntries(years.map((y) => [String(y), comparators.series[0]!.byYear[String(AGE_TABLE.result.years[0])]!])) })),
  });
  it.each([
    ['a narrow table', AGE_TABLE.result],
    ['a table printed below 100%', wide],
  ])('keeps each comparator measure whole on a printed page when all of them are longer than a page: %s', async (_, result) => {
    const out = await buildReportWorkbook([{ table: { ...AGE_TABLE, result: { ...result, comparators: measures(result.years) }, chartPng: PIXEL } }], META, { organisation: '' });
    const zip = await JSZip.loadAsync(out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(out as unknown as ExcelJS.Buffer);
    const ws = book.worksheets[1]!;
    const xml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    const { page } = printedRows(ws, [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1])));
    const column = Array.from(ws.getColumn(1).values, (v) => String(v ?? ''));
    const heading = column.indexOf('How we compare');
    const source = column.findIndex((v) => v.startsWith('Comparators:'));
    // Longer than a page: the blocks are spread over pages (the sample-data line shifts them so that
    // a page ends inside one when nothing keeps them together).
    expect(page[source]).toBeGreaterThan(page[heading]!);
    for (let k = 1; k <= 10; k++) {
      const from = column.indexOf(`Measure ${k}`);
      const to = column.indexOf('Statistical neighbours (median)', from);
      expect(to - from, `Measure ${k}`).toBe(6);
      expect(page[to], `Measure ${k}: its median on the page of its heading`).toBe(page[from]);
    }
    expect(page[column.indexOf('Measure 1')]).toBe(page[heading]);
  });

  it('says under a chart with a gap what the gap is (c, not 0), as the screen\'s chart does; nothing under one without', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await buildReportWorkbook([...ITEMS, { table: figures }], META, { organisation: '' })) as unknown as ExcelJS.Buffer);
    const notes = (ws: ExcelJS.Worksheet) => texts(ws).filter((t) => /^A (missing bar|gap in a line|year's bar)/.test(t));
    // Age: under 1 suppressed in 2023, drawn as no bar.
    expect(notes(book.worksheets[3]!)).toEqual(['A missing bar is a suppressed figure (c), not 0.']);
    // SDQ: every figure drawn.
    expect(notes(book.worksheets[1]!)).toEqual([]);
    // The local pack: its counts all drawn; its figure has one suppressed and one without rows.
    expect(notes(book.worksheets.at(-2)!)).toEqual(['A missing bar is a suppressed figure (c) or no figure (–), not 0.']);
  });
});

describe('a 100% stacked native chart', () => {
  // Legal status with Placement order suppressed in 2024: the others at their shares of the whole year, as the table gives them.
  const legal: PackResult = {
    pack: 'legal-status',
    title: 'Legal status of children looked after',
    definition: '',
    years: [2023, 2024],
    rows: [
      { key: 'C', label: 'Care orders', group: null, values: { 2023: { count: 376, percent: 80.2 }, 2024: { count: 378, percent: 80.6 } } },
      { key: 'E', label: 'Placement order granted', group: null, values: { 2023: { count: 25, percent: 5.3 }, 2024: { count: null, percent: null, suppressed: true } } },
      { key: 'V', label: 'Section 20', group: null, values: { 2023: { count: 68, percent: 14.5 }, 2024: { count: 65, percent: 13.9 } } },
    ],
    total: { 2023: { count: 469 }, 2024: { count: 469 } },
    notes: [],
  };
  const table = { result: legal, commentary: [], timing: 'snapshot' as const, chart: 'stacked-100' as const, section: 'Legal status', chartPng: PIXEL };

  it('draws each row at its share of the year and what suppression hid as a grey segment of its own, and says so under it', async () => {
    const bytes = await buildReportWorkbook([{ table }], META, { organisation: '' });
    const zip = await JSZip.loadAsync(bytes);
    const name = Object.keys(zip.files).find((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))!;
    const xml = await zip.file(name)!.async('string');
    // Not Excel's percentStacked, which would stretch the rows drawn over what is hidden (Care orders at 378 / 443 = 85.3%).
    expect(xml).toContain('<c:grouping val="stacked"/>');
    expect(xml).toContain('<c:max val="100"/>');
    const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => m[1]!);
    const points = (s: string) => [.../<c:val>([\s\S]*?)<\/c:val>/.exec(s)![1]!.matchAll(/<c:pt idx="(\d)"><c:v>([\d.]+)<\/c:v>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(series.map((s) => /<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/.exec(s)![1])).toEqual(['Care orders', 'Placement order granted', 'Section 20', 'Suppressed (c)']);
    expect(series.map(points)).toEqual([[[0, 80.2], [1, 80.6]], [[0, 5.3]], [[0, 14.5], [1, 13.9]], [[1, 5.5]]]);
    // Labelled as the table gives the shares; the hidden segment as c, grey and hatched.
    expect(series[0]).toContain('formatCode="0.0&quot;%&quot;"');
    expect(series[3]).toContain('formatCode="&quot;c&quot;"');
    expect(series[3]).toMatch(/<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="0B0C0C"\/><\/a:fgClr><a:bgClr><a:srgbClr val="BFBFBF"\/>/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets.find((ws) => texts(ws).some((t) => t.startsWith('Each bar')))!;
    expect(texts(sheet).filter((t) => /^(Each bar|A year's bar)/.test(t))).toEqual(['Each bar\'s shares are of the year\'s whole total: what is suppressed (c) is the grey segment "Suppressed (c)".']);
  });
});
