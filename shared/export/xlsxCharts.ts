/**
 * Native Excel charts (DrawingML chart parts), which exceljs cannot write: added to the package
 * after exceljs has written it. Written to the ECMA-376 schema (CT_ChartSpace and friends, every
 * element in the order the schema's sequences give), checked by opening, converting and
 * re-saving in LibreOffice; Excel is not on the build machine.
 *
 * The chart holds its figures as literals (c:strLit / c:numLit), not references to cells: a
 * suppressed figure is simply absent (a gap), whereas a reference to the "c" in the chart data
 * beside it would be drawn as zero by Excel. So the chart can be restyled (colours, fonts, type)
 * but not re-pointed at other cells; the same figures are in the chart data above it.
 *
 * Colour is never the only cue: bars have a fill pattern each and a dark outline, lines a dash
 * and a marker each, and every value is labelled.
 */
import type JSZip from 'jszip';
import type { ChartKind } from './types.js';

export interface NativeChart {
  kind: ChartKind;
  /** The chart's title (its figure caption). */
  title: string;
  /** Alt text for the chart's frame. */
  description: string;
  categories: string[];
  /**
   * One per series, values by category; null where there is no figure to draw (suppressed or none).
   * A 100% stack's values are percentages of the year's whole total, and its `hidden` series (grey,
   * hatched) what suppression hid.
   */
  series: { name: string; values: (number | null)[]; hidden?: boolean }[];
  /** Grouped bars along the side, for many or long categories. */
  horizontal: boolean;
  /** Top-left cell (0-based) and size in pixels. */
  anchor: { col: number; row: number; width: number; height: number };
  palette: readonly string[];
  font: string;
  /** The value axis's title ("Days" for a local pack's average days); "Number" when not given. */
  valueTitle?: string;
  /** Figures with one decimal place (a local pack's averages, medians and totals), not counts. */
  decimals?: boolean;
}

const INK = '0B0C0C';
const GRID = 'D8D8D8';
/** The grey of a 100% stack's segment for what suppression hid (the SVG charts' SUPPRESSED_FILL). */
const HIDDEN_FILL = 'BFBFBF';
/** A 100% stack's values are percentages of the year's total, one decimal as the table gives them. */
const SHARE_FORMAT = '0.0"%"';
/** The SVG charts' overlays, as DrawingML preset patterns: solid, then hatches, dots and lines. */
const PATTERNS = ['', 'wdUpDiag', 'dotGrid', 'diagCross', 'narHorz', 'wdDnDiag', 'narVert', 'cross'];
const DASHES = ['solid', 'dash', 'sysDot', 'dashDot', 'lgDash', 'lgDashDot'];
const MARKERS = ['circle', 'square', 'diamond', 'triangle', 'x', 'star', 'plus', 'dash'];
const EMU_PER_PX = 9525;

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const hex = (colour: string) => colour.replace('#', '').toUpperCase();
const solid = (colour: string) => `<a:solidFill><a:srgbClr val="${hex(colour)}"/></a:solidFill>`;

/** Rich text (a title), in the chart's font. */
function rich(text: string, size: number, bold: boolean, font: string): string {
  const rPr = `sz="${size * 100}" b="${bold ? 1 : 0}"`;
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr ${rPr}><a:latin typeface="${esc(font)}"/></a:defRPr></a:pPr>` +
    `<a:r><a:rPr lang="en-GB" ${rPr}><a:latin typeface="${esc(font)}"/></a:rPr><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

/** Text properties (axis labels, legend, data labels). */
function txPr(size: number, font: string, colour = INK): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size * 100}">${solid(colour)}<a:latin typeface="${esc(font)}"/></a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>`;
}

function strLit(values: string[]): string {
  return `<c:strLit><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join('')}</c:strLit>`;
}

/** Numbers as literals: a null is left out, which the chart draws as a gap (dispBlanksAs). */
function numLit(values: (number | null)[], format: string): string {
  const pts = values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numLit><c:formatCode>${esc(format)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numLit>`;
}

const numberFormat = (chart: NativeChart) => (chart.decimals ? '#,##0.0' : '#,##0');

function dataLabels(position: 'outEnd' | 'ctr' | 't', font: string, format: string): string {
  // Inside a bar (ctr) a label sits on a white tag, readable over any colour and pattern.
  const fill = position === 'ctr' ? solid('#FFFFFF') : '<a:noFill/>';
  // CT_DLbls: numFmt, spPr, txPr, dLblPos, then the show* flags in the schema's order.
  return (
    `<c:dLbls><c:numFmt formatCode="${esc(format)}" sourceLinked="0"/><c:spPr>${fill}<a:ln><a:noFill/></a:ln></c:spPr>${txPr(8, font)}` +
    `<c:dLblPos val="${position}"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
    '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
  );
}

function barSeries(chart: NativeChart, stacked: boolean): string {
  return chart.series
    .map((s, i) => {
      const colour = s.hidden ? HIDDEN_FILL : hex(chart.palette[i % chart.palette.length]!);
      const pattern = s.hidden ? 'wdUpDiag' : PATTERNS[i % PATTERNS.length]!;
      const fg = s.hidden ? INK : 'FFFFFF';
      const fill = pattern ? `<a:pattFill prst="${pattern}"><a:fgClr><a:srgbClr val="${fg}"/></a:fgClr><a:bgClr><a:srgbClr val="${colour}"/></a:bgClr></a:pattFill>` : `<a:solidFill><a:srgbClr val="${colour}"/></a:solidFill>`;
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>` +
        `<c:spPr>${fill}<a:ln w="9525">${solid(INK)}</a:ln></c:spPr><c:invertIfNegative val="0"/>` +
        dataLabels(stacked ? 'ctr' : 'outEnd', chart.font, s.hidden ? '"c"' : stacked ? SHARE_FORMAT : numberFormat(chart)) +
        `<c:cat>${strLit(chart.categories)}</c:cat><c:val>${numLit(s.values, stacked ? SHARE_FORMAT : numberFormat(chart))}</c:val></c:ser>`
      );
    })
    .join('');
}

function lineSeries(chart: NativeChart): string {
  return chart.series
    .map((s, i) => {
      const colour = chart.palette[i % chart.palette.length]!;
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>` +
        `<c:spPr><a:ln w="28575" cap="rnd">${solid(colour)}<a:prstDash val="${DASHES[i % DASHES.length]}"/><a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="${MARKERS[i % MARKERS.length]}"/><c:size val="7"/><c:spPr>${solid(colour)}<a:ln w="9525">${solid(INK)}</a:ln></c:spPr></c:marker>` +
        dataLabels('t', chart.font, numberFormat(chart)) +
        `<c:cat>${strLit(chart.categories)}</c:cat><c:val>${numLit(s.values, numberFormat(chart))}</c:val><c:smooth val="0"/></c:ser>`
      );
    })
    .join('');
}

function axes(chart: NativeChart, valueTitle: string, percent: boolean): string {
  const horizontal = chart.kind === 'grouped-bar' && chart.horizontal;
  const line = `<c:spPr><a:ln w="9525">${solid(INK)}</a:ln></c:spPr>`;
  // Categories read top to bottom on a horizontal chart (maxMin), as in the table.
  const catAx =
    `<c:catAx><c:axId val="500"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/>${line}${txPr(9, chart.font)}<c:crossAx val="501"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="501"/><c:scaling><c:orientation val="minMax"/>${percent ? '<c:max val="100"/>' : ''}<c:min val="0"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines><c:spPr><a:ln w="6350">${solid(GRID)}</a:ln></c:spPr></c:majorGridlines>` +
    `<c:title>${rich(valueTitle, 9, false, chart.font)}<c:overlay val="0"/></c:title>` +
    `<c:numFmt formatCode="${percent ? esc('0"%"') : '#,##0'}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>${txPr(9, chart.font)}<c:crossAx val="500"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
  return catAx + valAx;
}

/** The chart part (xl/charts/chartN.xml). */
export function chartXml(chart: NativeChart): string {
  const percent = chart.kind === 'stacked-100';
  let plot: string;
  if (chart.kind === 'line') {
    plot = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lineSeries(chart)}<c:marker val="1"/><c:smooth val="0"/><c:axId val="500"/><c:axId val="501"/></c:lineChart>`;
  } else {
    const dir = chart.kind === 'grouped-bar' && chart.horizontal ? 'bar' : 'col';
    plot =
      `<c:barChart><c:barDir val="${dir}"/><c:grouping val="${percent ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${barSeries(chart, percent)}` +
      `<c:gapWidth val="${percent ? 60 : 80}"/>${percent ? '<c:overlap val="100"/>' : '<c:overlap val="0"/>'}<c:axId val="500"/><c:axId val="501"/></c:barChart>`;
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:lang val="en-GB"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${rich(chart.title, 11, true, chart.font)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${axes(chart, percent ? 'Percent of the year\u2019s total' : (chart.valueTitle ?? 'Number'), percent)}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>` +
    `<c:legend><c:legendPos val="t"/><c:overlay val="0"/>${txPr(9, chart.font)}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${solid('#FFFFFF')}<a:ln><a:noFill/></a:ln></c:spPr>${txPr(9, chart.font)}` +
    '</c:chartSpace>'
  );
}

/**
 * A sheet's drawing: each chart from its own anchor cell (a local pack's figures on rows under its
 * counts' chart), the k-th chart related as rId(k+1).
 */
function drawingXml(charts: NativeChart[], firstId: number): string {
  const anchors = charts.map((chart, k) => {
    const { col, row, width, height } = chart.anchor;
    const id = firstId + k;
    const anchor =
      '<xdr:oneCellAnchor>' +
      `<xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${Math.round(width * EMU_PER_PX)}" cy="${Math.round(height * EMU_PER_PX)}"/>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="Chart ${id}" descr="${esc(chart.description)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId${k + 1}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>';
    return anchor;
  });
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors.join('')}</xdr:wsDr>`;
}

const rels = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;

/** CT_Worksheet elements that come after <drawing>: it goes before the first of them. */
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/**
 * Adds one native chart to each sheet in `charts` (by the sheet's number, xl/worksheets/sheetN.xml),
 * each in a drawing of its own: the sheets given have no drawing (their chart is not an image).
 */
export async function addNativeCharts(zip: JSZip, charts: Map<number, NativeChart[]>): Promise<void> {
  if (charts.size === 0) return;
  const taken = Object.keys(zip.files).map((p) => Number(/^xl\/drawings\/drawing(\d+)\.xml$/.exec(p)?.[1] ?? 0));
  let drawingNo = Math.max(0, ...taken);
  let chartNo = 0;
  const overrides: string[] = [];
  for (const [sheetNo, sheetCharts] of [...charts].sort((a, b) => a[0] - b[0])) {
    const sheetPath = `xl/worksheets/sheet${sheetNo}.xml`;
    const sheet = await zip.file(sheetPath)?.async('string');
    if (!sheet) throw new Error(`No ${sheetPath} to put a chart on.`);
    if (/<drawing\b/.test(sheet)) throw new Error(`${sheetPath} has a drawing already.`);
    drawingNo += 1;
    const first = chartNo + 1;
    const chartRels: string[] = [];
    sheetCharts.forEach((chart, k) => {
      chartNo += 1;
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(chart));
      chartRels.push(`<Relationship Id="rId${k + 1}" Type="${REL_CHART}" Target="../charts/chart${chartNo}.xml"/>`);
      overrides.push(`<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CT_CHART}"/>`);
    });
    zip.file(`xl/drawings/drawing${drawingNo}.xml`, drawingXml(sheetCharts, first));
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, rels(chartRels.join('')));
    overrides.push(`<Override PartName="/xl/drawings/drawing${drawingNo}.xml" ContentType="${CT_DRAWING}"/>`);

    const relsPath = `xl/worksheets/_rels/sheet${sheetNo}.xml.rels`;
    const existing = await zip.file(relsPath)?.async('string');
    const ids = [...(existing ?? '').matchAll(/\bId="rId(\d+)"/g)].map((m) => Number(m[1]));
    const rid = `rId${Math.max(0, ...ids) + 1}`;
    const relation = `<Relationship Id="${rid}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/>`;
    zip.file(relsPath, existing ? existing.replace('</Relationships>', `${relation}</Relationships>`) : rels(relation));

    const element = `<drawing r:id="${rid}"/>`;
    const next = AFTER_DRAWING.map((name) => sheet.search(new RegExp(`<${name}\\b`))).filter((i) => i >= 0);
    const at = next.length ? Math.min(...next) : sheet.lastIndexOf('</worksheet>');
    const withNs = /xmlns:r=/.test(sheet) ? sheet : sheet.replace('<worksheet ', `<worksheet xmlns:r="${NS_R}" `);
    const shift = withNs.length - sheet.length;
    zip.file(sheetPath, withNs.slice(0, at + shift) + element + withNs.slice(at + shift));
  }
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file('[Content_Types].xml', types.replace('</Types>', `${overrides.join('')}</Types>`));
}
