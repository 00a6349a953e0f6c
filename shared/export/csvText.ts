/**
 * CSV text for everything the app writes as CSV (the CLI's pack tables, Explore's results,
 * child-level rows, import messages): RFC 4180 quoting, and text that a spreadsheet would take
 * as a formula (=, +, -, @, tab, newline first) starts with ' so it stays text. Numbers stay numbers.
 */
import { needsFormulaGuard } from './model.js';

export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && needsFormulaGuard(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One header line and one line per row, CRLF-terminated. */
export function csvText(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
