/**
 * Every finding for the data team, as CSV or an Excel workbook (a summary sheet by year and rule,
 * then one row per finding). Text a spreadsheet could take for a formula (a child id "=1+1") is
 * kept as text: quoted with a leading ' in CSV, a plain text cell in the workbook.
 */
import type { QualityFinding, QualitySummary } from '../api.js';
import { flowLabel } from '../domain/years.js';
import { needsFormulaGuard } from '../export/model.js';

const COLUMNS = ['rule', 'year', 'file', 'row', 'child', 'fields', 'message', 'values'] as const;

/** A finding as the flat record the CLI, CSV and workbook share. */
export function findingRecord(f: QualityFinding): Record<(typeof COLUMNS)[number], string | number> {
  return {
    rule: f.rule,
    year: f.year,
    file: f.file,
    row: f.row,
    child: f.child ?? '',
    fields: f.fields.join(' '),
    message: f.message,
    values: Object.entries(f.values)
      .map(([k, v]) => `${k}=${v ?? ''}`)
      .join('; '),
  };
}

function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = needsFormulaGuard(value) ? `'${value}` : value;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function findingsCsv(findings: readonly QualityFinding[]): string {
  const lines = [COLUMNS.join(',')];
  for (const f of findings) {
    const r = findingRecord(f);
    lines.push(COLUMNS.map((c) => csvField(r[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export async function findingsWorkbook(findings: readonly QualityFinding[], summary: QualitySummary): Promise<Uint8Array> {
  // Loaded here, not with the module: exceljs is large and the CSV and the CLI's other commands do without it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'IRO workbench';
  const byRule = wb.addWorksheet('By rule');
  byRule.addRow(['Rule', 'What it catches', 'Fields', ...summary.years.map(flowLabel)]).font = { bold: true };
  let unchecked = false;
  for (const rule of summary.rules) {
    const counts = summary.years.map((y) => summary.counts.find((c) => c.year === y && c.rule === rule.code)?.n ?? 0);
    if (counts.every((n) => n === 0)) continue;
    // A year the rule was not run in is "–", not a 0 that would read as no faults.
    const cells = counts.map((n, i) => (summary.checked[rule.code]?.includes(summary.years[i]!) ?? true ? n : '–'));
    unchecked ||= cells.includes('–');
    byRule.addRow([rule.code, rule.message, rule.fields.join(' '), ...cells]);
  }
  if (unchecked) byRule.addRows([[], ["– not checked that year: the rule does not apply to that year's return, needs the year before, or reads a file that year's return did not have."]]);
  byRule.getColumn(2).width = 80;
  const sheet = wb.addWorksheet('Findings');
  sheet.addRow([...COLUMNS]).font = { bold: true };
  for (const f of findings) {
    // The year as the screen says it (2018/19), not the year the collection ends in.
    const r = { ...findingRecord(f), year: flowLabel(f.year) };
    sheet.addRow(COLUMNS.map((c) => r[c]));
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  if (summary.notChecked.length > 0) {
    const not = wb.addWorksheet('Not checked');
    not.addRow(['Rule', 'What it catches', 'Why it is not checked']).font = { bold: true };
    for (const n of summary.notChecked) not.addRow([n.code, n.message, n.why]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
