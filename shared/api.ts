/**
 * The WorkbenchApi contract: every call the UI (or CLI) may make, as `noun.verb` channels with one
 * request object each and plain serialisable results. The Electron preload allowlist, the IPC
 * handlers, the HTTP bridge and the renderer's client are all derived from API_CHANNELS.
 */
import type { LocalPackSpec } from './packs/local.js';
import type { HouseStyleInfo } from './export/houseStyle.js';
import type { ReportOutline } from './export/reportOutline.js';
import type { FileKindId } from './domain/fileKinds.js';
import type { PackResult } from './packs/result.js';
import type { Area, BenchmarkReport } from './ees/benchmarks.js';

export type MessageLevel = 'error' | 'warning' | 'info';

/** A message a person can act on: which file, which row (1-based, as a spreadsheet shows it), which column. */
export interface ImportMessage {
  level: MessageLevel;
  file: string;
  row?: number;
  column?: string;
  /** What was found, if it helps. */
  value?: string;
  text: string;
}

export interface ImportFileInput {
  /** File name as the user knows it. */
  name: string;
  /** Absolute path on this machine (Electron, CLI). */
  path?: string;
  /** File contents (browser mode, where the page cannot give paths). */
  data?: Uint8Array;
}

export interface ImportRequest {
  year: number;
  files: ImportFileInput[];
  /**
   * "Import anyway": values that cannot be read are left blank (each kept as a finding) instead of
   * refusing the import. Never the default.
   */
  blankUnreadable?: boolean;
}

export interface ImportedFile {
  name: string;
  kind: FileKindId | 'local';
  table: string;
  sha256: string;
  rows: number;
  extraColumns: string[];
}

export interface ImportReport {
  ok: boolean;
  year: number;
  importId: number | null;
  files: ImportedFile[];
  messages: ImportMessage[];
  /** True when an earlier import of this year was replaced. */
  replaced: boolean;
  /** Refused only for values that cannot be read: how many "import anyway" would leave blank. */
  blankable?: number;
  /** Values left blank by "import anyway" (each is a finding). */
  blanked?: number;
}

/** A data-quality rule (shared/quality): DfE's code, or the workbench's own (W..). */
export interface QualityRuleInfo {
  code: string;
  message: string;
  fields: string[];
  tables: string[];
  previousYear: boolean;
  /** DfE's own rule (false: a check the workbench adds). */
  dfe: boolean;
}

export interface QualitySummary {
  /** Loaded collection years. */
  years: number[];
  rules: QualityRuleInfo[];
  /** Findings per year and rule code (only where there are some). */
  counts: { year: number; rule: string; n: number }[];
  /** DfE rules the files cannot check, and why. */
  notChecked: { code: string; message: string; why: string }[];
  /** Per rule code, the loaded years it was checked in (not outside its years, without last year or its files). */
  checked: Record<string, number[]>;
}

/** One row that breaks one rule. */
export interface QualityFinding {
  rule: string;
  year: number;
  file: string;
  row: number;
  child: string | null;
  fields: string[];
  message: string;
  /** The row's values of the rule's fields, as in the file. */
  values: Record<string, string | null>;
}

export interface QualityFindingsRequest {
  year?: number;
  rule?: string;
  /** Replace child ids with the workspace's stable pseudonym. */
  maskIds?: boolean;
  limit?: number;
}

export interface QualityFindingsResult {
  findings: QualityFinding[];
  /** How many findings match, listed or not. */
  total: number;
}

export interface QualityExportRequest {
  format: 'xlsx' | 'csv';
  maskIds?: boolean;
}

export interface LoadedYear {
  year: number;
  importId: number;
  importedAt: string;
  files: ImportedFile[];
}

export interface WorkspaceStatus {
  path: string;
  years: LoadedYear[];
  /** Row counts per table and year: tables[table][year] = rows. */
  tables: Record<string, Record<string, number>>;
}

export interface PackSummary {
  id: string;
  title: string;
  section: string;
  /**
   * 'snapshot' packs are labelled "31 March 2023", 'flow' packs "2022/23"; 'month' (a local pack by
   * reporting month) "Apr 2023", its years being months as yyyymm (202304).
   */
  timing: 'snapshot' | 'flow' | 'month';
  chart: 'grouped-bar' | 'line' | 'stacked-100';
  /** A local pack that cannot run on its table as it is now (a column gone or changed): what needs attention. */
  problems?: string[];
  /** Some figures need records from before the earliest loaded return (they are marked u where those are missing). */
  historyDependent?: boolean;
  /** The pack's own options (DfE's basis, what is counted), each with its choices and default; absent when it has none. */
  options?: PackOptionSummary[];
  /**
   * Breakdowns (ids) whose categories are the pack's own rows: split by one, every heading would be
   * a single category at 100%, the pack again. The "Break down by" select leaves them out.
   */
  ownBreakdowns?: readonly string[];
}

export interface PackOptionSummary {
  id: string;
  label: string;
  choices: readonly { value: string; label: string }[];
  default: string;
}

export interface PackRunRequest {
  id: string;
  /** Suppress counts 1..N (null or 0: no suppression). */
  suppress?: number | null;
  /** The pack's options; every pack also takes `by`, a breakdown id (see packs/breakdown.ts) or 'none'. */
  options?: Record<string, string>;
  /** Commentary also speaks of years whose figures depend on missing history (marked u); default: it leaves them out. */
  includeIncompleteHistory?: boolean;
}

export interface PackRunResult {
  result: PackResult;
  commentary: string[];
}

export interface DrillRequest {
  pack: string;
  year: number;
  /** Row key; omit for the whole base of the pack. */
  key?: string;
  options?: Record<string, string>;
  /** Replace child ids with a stable per-workspace pseudonym. */
  maskIds?: boolean;
  /** The rows are for a child-level export the user asked for: recorded in the activity log. */
  forExport?: boolean;
}

export interface TabularResult {
  columns: { name: string; type: string }[];
  /** Arrow IPC stream bytes (apache-arrow tableToIPC). */
  arrow: Uint8Array;
  rowCount: number;
  truncated: boolean;
}

export interface QueryRequest {
  sql: string;
  /** The SQL editor is read-only unless the user switches this on. */
  allowWrite?: boolean;
  limit?: number;
  /** Stop the query after this many seconds (default 60). */
  timeLimitSeconds?: number;
  /** Refuse a result larger than this many megabytes (default 64). */
  maxMegabytes?: number;
}

/** What the door a call came through knows about it beyond the request: the page went away (or pressed Cancel). */
export interface CallContext {
  signal?: AbortSignal;
}

export interface ExportRequest {
  packs: string[];
  suppress?: number | null;
  /**
   * Chart images (PNG bytes) per pack id, to embed instead of drawing them. The app no longer sends
   * any (since f193e14 the export draws every chart, chartYears saying which years); kept for callers
   * of the API that draw their own.
   */
  charts?: Record<string, Uint8Array>;
  /**
   * What each given chart image draws, per pack id: its years (the Figure caption and the chart
   * data beside it name exactly these) and its text alternative. Without it the caption names
   * every year of the table.
   */
  chartsDrawn?: Record<string, { years: number[]; alt: string }>;
  /**
   * The years each pack's chart draws when the export draws it (the range on screen of a pack
   * exported from the Packs page); every year with figures when not given.
   */
  chartYears?: Record<string, number[]>;
  /** false: tables only, no chart images at all (default true). */
  includeCharts?: boolean;
  /**
   * Options per pack id, as pack.run takes them; `by` breaks a pack down by a characteristic of
   * its children (see BREAKDOWNS in packs/breakdown.ts), e.g. { age: { by: 'gender' } }.
   */
  optionsByPack?: Record<string, Record<string, string>>;
  /** Charts and commentary also show years whose figures depend on missing history (default: left out). */
  includeIncompleteHistory?: boolean;
}

export interface ExportResult {
  fileName: string;
  data: Uint8Array;
}

/** One file of DfE published figures in the workspace (an EES data file or the statistical-neighbour model). */
export interface PublishedFileInfo {
  source: string;
  kind: 'ees' | 'neighbours';
  sha256: string;
  /** Data rows of the file. */
  rows: number;
  /** Values kept (one per row and indicator; neighbour pairs for the model). */
  values: number;
  firstYear: number | null;
  lastYear: number | null;
  /** Catalogue measures found in it by meaning (cla-rate, stability-three-plus...). */
  measures: string[];
  /** Part of the snapshot shipped with the app. */
  bundled: boolean;
  loadedAt: string;
}

export interface PublishedImportReport {
  ok: boolean;
  files: PublishedFileInfo[];
  messages: ImportMessage[];
}

export interface BenchmarkSettings {
  /** Our authority (new LA code, e.g. E08000037), chosen once and kept in the workspace. */
  authority: Area | null;
  /** A custom comparison group (new LA codes) instead of DfE's statistical neighbours; null: the neighbours. */
  comparators: string[] | null;
}

export interface PublishedStatus {
  files: PublishedFileInfo[];
  /** Every authority in the published figures, by name. */
  authorities: Area[];
  settings: BenchmarkSettings;
}

export interface SetAuthorityRequest {
  /** Name or code (new E-code or old three-digit code); null clears it. */
  authority: string | null;
  /** Custom comparators (names or codes); null or absent: DfE's statistical neighbours. */
  comparators?: string[] | null;
}

export interface BenchmarkRequest {
  /** The year the view and exports show (default: the latest). */
  year?: number | null;
}

export interface WorkbenchApi {
  'workspace.status': (req: Record<string, never>) => Promise<WorkspaceStatus>;
  'workspace.import': (req: ImportRequest) => Promise<ImportReport>;
  'workspace.removeYear': (req: { year: number }) => Promise<WorkspaceStatus>;
  'workspace.activity': (req: Record<string, never>) => Promise<{ at: string; action: string; detail: unknown }[]>;
  'packs.list': (req: Record<string, never>) => Promise<PackSummary[]>;
  'pack.run': (req: PackRunRequest) => Promise<PackRunResult>;
  'pack.drill': (req: DrillRequest) => Promise<TabularResult>;
  'query.run': (req: QueryRequest, context?: CallContext) => Promise<TabularResult>;
  /**
   * Explore's results as CSV, for a download the person confirmed: the query runs again here,
   * read-only and sandboxed, and the export is recorded in Activity (results may be child-level).
   */
  'query.exportCsv': (req: QueryRequest, context?: CallContext) => Promise<ExportResult & { rows: number; truncated: boolean }>;
  /** Cancel every Explore query running now. */
  'query.cancel': (req: Record<string, never>) => Promise<void>;
  'export.xlsx': (req: ExportRequest) => Promise<ExportResult>;
  'export.docx': (req: ExportRequest) => Promise<ExportResult>;
  'published.status': (req: Record<string, never>) => Promise<PublishedStatus>;
  'published.import': (req: { files: ImportFileInput[] }) => Promise<PublishedImportReport>;
  'benchmarks.setAuthority': (req: SetAuthorityRequest) => Promise<PublishedStatus>;
  /** null when no authority is chosen. */
  'benchmarks.get': (req: BenchmarkRequest) => Promise<BenchmarkReport | null>;
  'benchmarks.xlsx': (req: BenchmarkRequest) => Promise<ExportResult>;
  'benchmarks.docx': (req: BenchmarkRequest) => Promise<ExportResult>;
  'quality.summary': (req: Record<string, never>) => Promise<QualitySummary>;
  'quality.findings': (req: QualityFindingsRequest) => Promise<QualityFindingsResult>;
  /** Every finding, for the data team: a child-level export (recorded in Activity). */
  'quality.export': (req: QualityExportRequest) => Promise<ExportResult>;
  /** The local tables (non-903 files imported: escalations, caseloads...) with their columns, for building local packs. */
  'localPacks.tables': (req: Record<string, never>) => Promise<LocalTableInfo[]>;
  /** Every local pack's definition, and what needs attention where it cannot run on its table as it is now. */
  'localPacks.list': (req: Record<string, never>) => Promise<LocalPackInfo[]>;
  /** Keep a local pack (new, edited, or from a shared file); refused, saying why, when it cannot run. */
  'localPacks.save': (req: { spec: unknown }) => Promise<LocalPackInfo>;
  'localPacks.remove': (req: { id: string }) => Promise<void>;
  /** The draft report's outline: as saved, or the default (every pack, section by section). */
  'report.outline': (req: Record<string, never>) => Promise<ReportOutline>;
  'report.saveOutline': (req: { outline: unknown }) => Promise<ReportOutline>;
  /** The draft report as one Word document, in the outline's order (charts drawn here unless given). */
  'report.docx': (req: { suppress?: number | null; charts?: Record<string, Uint8Array> }) => Promise<ExportResult>;
  /** The same report as one Excel workbook: contents in the outline's order, a sheet per table, sources and definitions. */
  'report.xlsx': (req: { suppress?: number | null; charts?: Record<string, Uint8Array> }) => Promise<ExportResult>;
  /** The house style (organisation, logo, colours, font) kept in the workspace, with the contrasts it fails. */
  'style.get': (req: Record<string, never>) => Promise<HouseStyleInfo>;
  /** Keeps the house style; logo undefined keeps the logo, null removes it. */
  'style.save': (req: { style: unknown; logo?: { name: string; data: Uint8Array } | null }) => Promise<HouseStyleInfo>;
}

export interface LocalTableInfo {
  table: string;
  rows: number;
  columns: { name: string; type: string }[];
}

export interface LocalPackInfo {
  /** The definition (shared/packs/local.ts LocalPackSpec), as kept and as shared in a file. */
  spec: LocalPackSpec;
  problems: string[];
}

export type ApiChannel = keyof WorkbenchApi;
export type ApiRequest<C extends ApiChannel> = Parameters<WorkbenchApi[C]>[0];
export type ApiResponse<C extends ApiChannel> = Awaited<ReturnType<WorkbenchApi[C]>>;

export const API_CHANNELS = [
  'workspace.status',
  'workspace.import',
  'workspace.removeYear',
  'workspace.activity',
  'packs.list',
  'pack.run',
  'pack.drill',
  'query.run',
  'query.cancel',
  'query.exportCsv',
  'export.xlsx',
  'export.docx',
  'published.status',
  'published.import',
  'benchmarks.setAuthority',
  'benchmarks.get',
  'benchmarks.xlsx',
  'benchmarks.docx',
  'localPacks.tables',
  'localPacks.list',
  'localPacks.save',
  'localPacks.remove',
  'quality.summary',
  'quality.findings',
  'quality.export',
  'report.outline',
  'report.saveOutline',
  'report.docx',
  'report.xlsx',
  'style.get',
  'style.save',
] as const satisfies readonly ApiChannel[];

/** Errors cross boundaries as an envelope with a code and a message a person can act on. */
export interface ApiError {
  /** read-only: a change without "Allow changes"; refused: outside Explore's sandbox; limit: past the time or size limit. */
  code: 'invalid-request' | 'import-refused' | 'not-found' | 'read-only' | 'refused' | 'sql-error' | 'cancelled' | 'limit' | 'internal';
  message: string;
  messages?: ImportMessage[];
}
export type ApiEnvelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };
