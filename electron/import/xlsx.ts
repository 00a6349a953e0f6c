/**
 * Read the sheets of an XLSX workbook with exceljs (DuckDB's excel extension is not built in and
 * cannot be downloaded). Values stay raw until the file's kind is known, because a number in a
 * date column is an Excel serial date and anywhere else is just a number.
 */

export interface SheetRecord {
  /** Row number as Excel shows it. */
  line: number;
  cells: unknown[];
}

export interface Sheet {
  name: string;
  hidden: boolean;
  /** Every row with a value in it, the header among them (the importer decides which row that is). */
  rows: SheetRecord[];
  /** Merged blocks ("D2:D3"): exceljs gives every cell of a block the block's value. */
  mergedRanges: string[];
  /** Formula cells saved without a result (written by a program, never opened in Excel): read as blank. */
  formulasWithoutResult: { count: number; first: string | null };
}

/** A formula cell with no cached result. */
const NO_RESULT = Symbol('formula without a result');

export async function readWorkbook(bytes: Uint8Array): Promise<Sheet[]> {
  // Loaded here, not with the module: exceljs is large and only an XLSX import needs it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  // exceljs wants a Node Buffer-like ArrayBuffer.
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    const rows: SheetRecord[] = [];
    const formulasWithoutResult: Sheet['formulasWithoutResult'] = { count: 0, first: null };
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      // row.values is 1-based; drop the empty slot 0.
      const values = (row.values as unknown[]).slice(1);
      const cells = Array.from({ length: values.length }, (_, i) => {
        const v = unwrap(values[i]);
        if (v !== NO_RESULT) return v;
        formulasWithoutResult.count++;
        formulasWithoutResult.first ??= `${columnLetter(i + 1)}${rowNumber}`;
        return null;
      });
      if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return;
      rows.push({ line: rowNumber, cells });
    });
    const merges = (ws as unknown as { model?: { merges?: string[] } }).model?.merges ?? [];
    sheets.push({
      name: ws.name,
      hidden: ws.state === 'hidden' || ws.state === 'veryHidden',
      rows,
      mergedRanges: merges,
      formulasWithoutResult,
    });
  });
  return sheets;
}

/** Formula cells give their cached result; rich text its plain text; hyperlinks their text. */
function unwrap(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('result' in o && o.result !== undefined) return unwrap(o.result);
  if ('formula' in o || 'sharedFormula' in o) return NO_RESULT;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
  if ('text' in o) return unwrap(o.text);
  if ('error' in o) return { error: String(o.error) };
  return String(v);
}

/** 1 -> A, 27 -> AA: how Excel names a column. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const EXCEL_EPOCH_OFFSET_DAYS = 25569; // serial of 1970-01-01 in the 1900 date system

/**
 * A cell as the text our checks read. Dates become dd/mm/yyyy (UTC parts: exceljs reads dates as
 * UTC midnight), serial numbers in date columns become dates, and error cells become Excel's
 * error text, which the checks refuse.
 */
export function cellToText(v: unknown, isDate: boolean): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '#INVALID DATE' : formatDmy(v);
  if (typeof v === 'number') {
    if (isDate && v > 0 && v < 2958466) {
      return formatDmy(new Date(Math.round((v - EXCEL_EPOCH_OFFSET_DAYS) * 86400000)));
    }
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  // Excel's own error text (#N/A, #REF!...): the checks refuse it in any column.
  if (typeof v === 'object' && v && 'error' in v) return (v as { error: string }).error;
  return String(v);
}

function formatDmy(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}
