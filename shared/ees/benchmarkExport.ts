/**
 * "How we compare" to Excel and Word: the comparison table of one year, a sentence per measure, the
 * sample-data warning when the own figures are synthetic, and DfE's Open Government Licence
 * attribution. Numbers are real numbers in Excel; symbols stay DfE's symbols.
 */
import ExcelJS from 'exceljs';
import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatTimestamp } from '../export/model.js';
import { benchmarkSentences, benchmarkTable, sampleDataNote, type BenchmarkTable } from './benchmarkTable.js';
import type { BenchmarkReport } from './benchmarks.js';

export interface BenchmarkExportMeta {
  generatedAt: string;
  year?: number | null;
}

function cellText(table: BenchmarkTable, r: number, key: string): string {
  const c = table.rows[r]!.cells[key]!;
  return c.flag ? `${c.text} !` : c.text;
}

export async function buildBenchmarkWorkbook(report: BenchmarkReport, meta: BenchmarkExportMeta): Promise<Uint8Array> {
  const table = benchmarkTable(report, meta.year);
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(meta.generatedAt);
  const ws = wb.addWorksheet('How we compare');
  ws.addRow([table.title]).font = { bold: true, size: 14 };
  const warning = sampleDataNote(report);
  if (warning) ws.addRow([`SAMPLE DATA: ${warning}`]).font = { bold: true, color: { argb: 'FF9C0006' } };
  ws.addRow([`Generated ${formatTimestamp(meta.generatedAt)}`]);
  ws.addRow([]);
  const header = ws.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  table.rows.forEach((row, r) => {
    const values = table.columns.map((c) => {
      const cell = row.cells[c.key]!;
      // A number where there is one (symbols and blanks stay text); the rank and quartile keep their words.
      if (c.numeric && cell.num !== null && c.key !== 'rank' && c.key !== 'quartile' && !cell.flag) return cell.num;
      return cellText(table, r, c.key);
    });
    const added = ws.addRow(values);
    table.columns.forEach((c, i) => {
      if (!c.numeric) return;
      const cell = added.getCell(i + 1);
      cell.alignment = { horizontal: 'right' };
      if (typeof cell.value === 'number') cell.numFmt = c.key.startsWith('neighbours') ? '0.0' : row.cells.own === row.cells[c.key] ? '0.0' : '0';
    });
  });
  ws.addRow([]);
  for (const s of benchmarkSentences(report, meta.year)) ws.addRow([s]);
  ws.addRow([]);
  for (const n of table.notes) ws.addRow([n]);
  ws.getColumn(1).width = 60;
  for (let i = 2; i <= table.columns.length; i++) ws.getColumn(i).width = 16;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const FONT = 'Arial';

export async function buildBenchmarkDocument(report: BenchmarkReport, meta: BenchmarkExportMeta): Promise<Uint8Array> {
  const table = benchmarkTable(report, meta.year);
  const text = (t: string, opts: { bold?: boolean; size?: number; color?: string } = {}) => new TextRun({ text: t, font: FONT, size: opts.size ?? 20, ...(opts.bold ? { bold: true } : {}), ...(opts.color ? { color: opts.color } : {}) });
  const cell = (t: string, opts: { bold?: boolean; right?: boolean } = {}) =>
    new TableCell({ children: [new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(t, { bold: opts.bold ?? false, size: 16 })] })] });
  const rows = [
    new TableRow({ tableHeader: true, children: table.columns.map((c) => cell(c.label, { bold: true, right: c.numeric })) }),
    ...table.rows.map((_, r) => new TableRow({ children: table.columns.map((c) => cell(cellText(table, r, c.key), { right: c.numeric, bold: c.key === 'own' && table.rows[r]!.cells.own!.flag === true })) })),
  ];
  const warning = sampleDataNote(report);
  const doc = new Document({
    creator: 'IRO Workbench',
    title: table.title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(table.title, { bold: true, size: 32 })] }),
          ...(warning ? [new Paragraph({ children: [text(`Sample data: ${warning}`, { bold: true, color: '9C0006' })] })] : []),
          new Paragraph({ children: [text(`Generated ${formatTimestamp(meta.generatedAt)}`)] }),
          new Paragraph({ children: [text(`Table: ${table.title}`, { bold: true })] }),
          new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
          ...benchmarkSentences(report, meta.year).map((s) => new Paragraph({ spacing: { before: 120 }, children: [text(s)] })),
          new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [text('Notes and sources', { bold: true, size: 24 })] }),
          ...table.notes.map((n) => new Paragraph({ children: [text(n, { size: 18 })] })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
