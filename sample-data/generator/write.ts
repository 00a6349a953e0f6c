/**
 * Output: CSV files written through a small buffered sink (rows go to disk as they are made, so a
 * national run never holds a return in memory), and the XLSX workbook for the import tests.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { fileKind, type ColumnType, type FileKindId } from '../../shared/domain/fileKinds.js';
import { ukOf, utcDateOf } from './days.js';
import type { Cell } from './emit.js';

const FLUSH_AT = 1 << 18;

export class CsvSink {
  rows = 0;
  private readonly fd: number;
  private readonly types: readonly ColumnType[];
  private buf: string[] = [];
  private size = 0;

  constructor(path: string, kind: FileKindId) {
    const k = fileKind(kind);
    this.types = k.columns.map((c) => c.type);
    this.fd = openSync(path, 'w');
    this.push(k.columns.map((c) => c.name).join(',') + '\n');
  }

  add(row: readonly Cell[]): void {
    // join() gives one flat string; building the line with += would keep a rope of small pieces
    // alive in the buffer (the combined national run, with 110 files open, peaked at 2 GB that way).
    const cells = new Array<string>(row.length);
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v === null || v === undefined) cells[i] = '';
      else if (typeof v === 'number') cells[i] = this.types[i] === 'date' ? ukOf(v) : String(v);
      else cells[i] = /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    }
    this.rows++;
    this.push(cells.join(',') + '\n');
  }

  private push(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** A fixed timestamp for workbook properties and zip entries, so the bytes never depend on the clock. */
const FIXED = { y: 2024, m: 5, d: 1 };

/** One sheet per file kind (sheet name = kind id), header row then rows; dates as real Excel dates. */
export async function writeXlsx(path: string, sheets: readonly (readonly [FileKindId, readonly (readonly Cell[])[]])[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'IRO workbench sample-data generator';
  wb.lastModifiedBy = wb.creator;
  wb.created = new Date(Date.UTC(FIXED.y, FIXED.m - 1, FIXED.d));
  wb.modified = wb.created;
  for (const [kind, rows] of sheets) {
    const k = fileKind(kind);
    const ws = wb.addWorksheet(kind);
    ws.addRow(k.columns.map((c) => c.name));
    for (const r of rows) {
      const row = ws.addRow(
        r.map((v, i) => {
          if (v === null || v === '') return null;
          if (typeof v === 'number' && k.columns[i]!.type === 'date') return utcDateOf(v);
          return v;
        }),
      );
      k.columns.forEach((c, i) => {
        if (c.type === 'date' && r[i] !== null) row.getCell(i + 1).numFmt = 'dd/mm/yyyy';
      });
    }
    ws.columns.forEach((col) => {
      col.width = 14;
    });
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  fixZipTimes(buf);
  writeFileSync(path, buf);
}

/** Overwrite the DOS modification time of every zip entry (JSZip stamps the current time). */
function fixZipTimes(buf: Buffer): void {
  const dosDate = ((FIXED.y - 1980) << 9) | (FIXED.m << 5) | FIXED.d;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('XLSX writer: zip end record not found');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('XLSX writer: bad zip central directory');
    buf.writeUInt16LE(0, p + 12);
    buf.writeUInt16LE(dosDate, p + 14);
    const local = buf.readUInt32LE(p + 42);
    buf.writeUInt16LE(0, local + 10);
    buf.writeUInt16LE(dosDate, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
}
