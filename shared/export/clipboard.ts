/**
 * A pack's table for the clipboard: HTML that Word and Outlook paste as a real table (caption,
 * header cells with scope, figures right-aligned), and TSV that Excel pastes into cells (raw
 * numbers, c for suppressed). Text that Excel could take for a formula is kept as text: a leading
 * apostrophe in TSV (Excel's own "this is text" mark, which it does not show), and Excel's text
 * number format on the HTML cell.
 */
import {
  buildTableModel,
  displayText,
  needsFormulaGuard,
  MISSING_LEGEND,
  plainText,
  tableLegend,
  withGroupHeadings,
  type ModelCell,
  type TableModel,
} from './model.js';
import type { ExportMeta, ExportTable } from './types.js';

export interface ClipboardOptions {
  /** "Table N: " before the title. */
  number?: number;
  yearStyle?: ExportMeta['yearStyle'];
  /** For the symbols legend under the HTML table (the threshold of suppression). */
  suppression?: number | null;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const PAD = 'padding:2px 6px;border:1px solid #b1b4b6;';
const TEXT_CELL = "mso-number-format:'\\@';";

function caption(model: TableModel, options: ClipboardOptions): string {
  return options.number ? `Table ${options.number}: ${model.title}` : model.title;
}

/** Text cell content plus, when it looks like a formula, Excel's text format. */
function textStyle(text: string): string {
  return needsFormulaGuard(text) ? TEXT_CELL : '';
}

export function tableToHtml(table: ExportTable, options: ClipboardOptions = {}): string {
  const model = buildTableModel(table, options.yearStyle);
  const span = model.columns.length + 1;
  const groups: { group: string; count: number }[] = [];
  for (const c of model.columns) {
    const last = groups[groups.length - 1];
    if (last && last.group === c.group) last.count++;
    else groups.push({ group: c.group, count: 1 });
  }
  const twoRows = groups.some((g) => g.count > 1);

  const th = (text: string, attrs: string, style: string) => `<th ${attrs} style="${PAD}${style}${textStyle(text)}">${esc(text)}</th>`;
  let head: string;
  if (twoRows) {
    head =
      '<tr>' +
      th(model.rowHeading, 'scope="col" rowspan="2"', 'text-align:left;vertical-align:bottom;') +
      groups.map((g) => th(g.group, `scope="colgroup" colspan="${g.count}"`, 'text-align:center;')).join('') +
      '</tr><tr>' +
      model.columns.map((c) => th(c.sub, 'scope="col"', 'text-align:right;')).join('') +
      '</tr>';
  } else {
    head = '<tr>' + th(model.rowHeading, 'scope="col"', 'text-align:left;') + model.columns.map((c) => th(c.group, 'scope="col"', 'text-align:right;')).join('') + '</tr>';
  }

  const td = (c: ModelCell, bold: boolean) => `<td style="${PAD}text-align:right;${bold ? 'font-weight:bold;' : ''}">${esc(displayText(c))}</td>`;
  const body = withGroupHeadings(model)
    .map((item) => {
      if (item.kind === 'group') return `<tr>${th(item.label, `scope="rowgroup" colspan="${span}"`, 'text-align:left;')}</tr>`;
      const { row } = item;
      const bold = row.isTotal || row.isSubtotal;
      const style = `text-align:left;${bold ? '' : 'font-weight:normal;'}${row.inGroup ? 'padding-left:18px;' : ''}`;
      return `<tr>${th(row.label, 'scope="row"', style)}${row.cells.map((c) => td(c, bold)).join('')}</tr>`;
    })
    .join('');

  // Under the table, the meaning of the symbols it uses (as in Word and Excel).
  const legend = tableLegend(model, options)
    .map((line) => `<p style="font-family:Arial,sans-serif;font-size:9pt">${esc(line)}</p>`)
    .join('');
  return (
    '<table style="border-collapse:collapse;font-family:Arial,sans-serif;font-size:10pt">' +
    `<caption style="text-align:left;font-weight:bold">${esc(caption(model, options))}</caption>` +
    `<thead>${head}</thead><tbody>${body}</tbody></table>${legend}`
  );
}

/** A text cell for TSV: one line, and never a formula. */
function tsvText(text: string): string {
  const flat = text.replace(/[\t\r\n]+/g, ' ');
  return needsFormulaGuard(flat) ? `'${flat}` : flat;
}

export function tableToTsv(table: ExportTable, options: ClipboardOptions = {}): string {
  const model = buildTableModel(table, options.yearStyle);
  const header = [...(model.hasGroups ? ['Group'] : []), model.rowHeading, ...model.columns.map((c) => `${c.group} ${c.sub}`)];
  const rows = model.rows.map((r) => [...(model.hasGroups ? [tsvText(r.group ?? '')] : []), tsvText(r.label), ...r.cells.map(plainText)]);
  // A figure marked u keeps its mark when pasted, and the mark its meaning; a suppressed copy says so.
  // A missing figure is pasted as an empty cell, not as the – the legend would explain.
  const legend = tableLegend(model, options)
    .filter((line) => line !== MISSING_LEGEND)
    .map((line) => [tsvText(line)]);
  const lines = [[tsvText(caption(model, options))], header.map(tsvText), ...rows, ...legend];
  return lines.map((l) => l.join('\t')).join('\r\n') + '\r\n';
}
