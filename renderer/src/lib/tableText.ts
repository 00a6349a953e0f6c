/** CSV text for downloads made in the page (child-level rows, import messages): see shared/export/csvText.ts. */
import { csvText } from '../../../shared/export/csvText.js';

export function rowsToCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return csvText(columns, rows.map((r) => columns.map((c) => r[c])));
}
