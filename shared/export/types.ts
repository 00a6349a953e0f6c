/**
 * What the exporters (workbook, document, clipboard, chart) take: a pack's result as it is, plus the
 * words and settings around it. No counting happens in shared/export: every figure comes from the
 * PackResult unchanged.
 */
import type { PackSummary } from '../api.js';
import type { PackResult } from '../packs/result.js';
import type { HouseLook } from './houseStyle.js';

export type PackTiming = PackSummary['timing'];
export type ChartKind = PackSummary['chart'];

export interface ExportTable {
  result: PackResult;
  /** Plain-English sentences about the figures (pack.run gives them). */
  commentary: string[];
  /** 'snapshot' → columns "31 March 2023"; 'flow' → "2022/23". */
  timing: PackTiming;
  chart: ChartKind;
  /** Report section the table belongs to ("Children looked after", "Reviews", ...). */
  section: string;
  /** Heading of the row-label column ("Age band"); "Category" when not given. */
  rowHeading?: string;
  /** A chart image made elsewhere (Plotly in the app, resvg in the CLI). */
  chartPng?: Uint8Array;
  /** Alt text for chartPng; the chart summary from chartSvg when not given. */
  chartAlt?: string;
  /** The years chartPng draws (for its caption), or the export is to draw; all the result's years when not given. */
  chartYears?: number[];
  /** Charts draw figures marked u (incomplete history) too; by default they are left out. */
  includeIncompleteHistory?: boolean;
}

export interface ExportSource {
  year: number;
  file: string;
  sha256: string;
  rows: number;
  /** ISO timestamp of the import. */
  importedAt: string;
}

export interface ExportMeta {
  /** Document title, e.g. "IRO annual report tables 2023/24". */
  title: string;
  /** ISO timestamp of the export, passed in so the same input gives the same file. */
  generatedAt: string;
  sources: ExportSource[];
  /** Counts from 1 to this number were suppressed; null or 0 when nothing was. */
  suppression: number | null;
  /** 'council' (default): "31 March 2024" / "2023/24"; 'dfe': "2024" / "2023-24". */
  yearStyle?: 'council' | 'dfe';
  /** The organisation's house style (name, logo, colours, font); the workbench's defaults when not given. */
  house?: HouseLook;
}

/** What goes into a draft report (Word or Excel), in the outline's order. */
export type ReportItem = { heading: string } | { narrative: string } | { table: ExportTable };
