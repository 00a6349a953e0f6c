import type { ReportOutline } from '../../shared/export/reportOutline.js';
import { contrastProblems, DEFAULT_HOUSE_STYLE, houseStyleSchema, type HouseStyleInfo } from '../../shared/export/houseStyle.js';
import { localPackSpecSchema } from '../../shared/packs/local.js';
import type { LocalPackInfo, LocalTableInfo } from '../../shared/api.js';
/**
 * An in-memory WorkbenchApi for UI tests: a few packs of each kind (snapshot/flow, bars/lines/
 * 100% stacked), imports that count CSV rows and recognise kinds by their columns, drill-down rows,
 * a query that answers Arrow bytes, and exports that answer recognisable bytes. Every call is
 * recorded so tests can assert what the UI asked for.
 */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type {
  PublishedFileInfo,
  PublishedImportReport,
  PublishedStatus,
  QualityFinding,
  QualityFindingsResult,
  QualitySummary,
  ApiChannel,
  ApiRequest,
  ApiResponse,
  ImportMessage,
  ImportReport,
  ImportedFile,
  LoadedYear,
  PackSummary,
  TabularResult,
  WorkbenchApi,
  WorkspaceStatus,
} from '../../shared/api.js';
import type { PackResult, PackRow } from '../../shared/packs/result.js';
import { buildBenchmarks, type Area, type BenchmarkReport } from '../../shared/ees/benchmarks.js';
import { recogniseColumns } from '../../shared/import/recognise.js';
import { listPacks } from '../../shared/packs/run.js';

export const FAKE_PACKS: PackSummary[] = [
  { id: 'cla', title: 'Children looked after', section: 'Overview', timing: 'flow', chart: 'line' },
  { id: 'age', title: 'Age at 31 March', section: 'Children looked after at 31 March', timing: 'snapshot', chart: 'grouped-bar' },
  { id: 'legal-status', title: 'Legal status at 31 March', section: 'Children looked after at 31 March', timing: 'snapshot', chart: 'stacked-100' },
  // With the real pack's own option (reviews or children counted).
  { id: 'review-participation', title: 'Participation in reviews', section: 'Reviews', timing: 'flow', chart: 'stacked-100', options: listPacks().find((p) => p.id === 'review-participation')!.options! },
];

const CATEGORIES: Record<string, { key: string; label: string; weight: number }[]> = {
  cla: [
    { key: 'at-31-march', label: 'Looked after at 31 March', weight: 50 },
    { key: 'started', label: 'Started to be looked after', weight: 20 },
    { key: 'ceased', label: 'Ceased to be looked after', weight: 18 },
    { key: 'during-year', label: 'Looked after during the year', weight: 70 },
  ],
  age: [
    { key: 'under-1', label: 'Under 1', weight: 5 },
    { key: '1-4', label: '1 to 4', weight: 13 },
    { key: '5-9', label: '5 to 9', weight: 18 },
    { key: '10-15', label: '10 to 15', weight: 39 },
    { key: '16-over', label: '16 and over', weight: 25 },
  ],
  'legal-status': [
    { key: 'C2', label: 'C2 Full care order', weight: 60 },
    { key: 'V2', label: 'V2 Section 20', weight: 17 },
    { key: 'E1', label: 'E1 Placement order', weight: 8 },
    { key: 'C1', label: 'C1 Interim care order', weight: 13 },
    { key: 'L1', label: 'L1 Police protection', weight: 0.4 },
  ],
  'review-participation': [
    { key: 'PN0', label: 'PN0 Child aged under 4', weight: 12 },
    { key: 'PN1', label: 'PN1 Attended and spoke', weight: 45 },
    { key: 'PN2', label: 'PN2 Attended, advocate spoke', weight: 9 },
    { key: 'PN7', label: 'PN7 Did not participate', weight: 4 },
  ],
};

/** Deterministic counts: base grows 3% a year, with a small per-row wobble. */
export function fakeCount(pack: string, key: string, year: number): number {
  const cat = CATEGORIES[pack]!.find((c) => c.key === key)!;
  const base = pack === 'review-participation' ? 1400 : 400;
  const wobble = ((year * 7 + key.length * 13) % 9) - 4;
  return Math.max(0, Math.round((base * cat.weight * Math.pow(1.03, year - 2019)) / 100) + wobble);
}

type Call = { channel: ApiChannel; request: unknown };

export interface FakeApiOptions {
  years?: number[];
  /** Delay every call by this many ms, to see loading states. */
  delayMs?: number;
  /** With suppression on, every year is too few to publish (withheld whole, as the engine does for a tiny authority). */
  tooFewToPublish?: boolean;
  /** Years whose figures (every row, not the total) rest on incomplete history, as pack.run marks them. */
  historyYears?: number[];
}

export class FakeApi implements WorkbenchApi {
  readonly calls: Call[] = [];
  private years = new Map<number, LoadedYear>();
  private nextImport = 1;

  constructor(private readonly options: FakeApiOptions = {}) {
    for (const year of options.years ?? []) this.loadYear(year, [{ name: 'header.csv', kind: 'header', table: 'header', sha256: 'x', rows: 400, extraColumns: [] }]);
  }

  protected async record<C extends ApiChannel>(channel: C, request: ApiRequest<C>): Promise<void> {
    this.calls.push({ channel, request });
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
  }

  callsTo(channel: ApiChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request);
  }

  private loadYear(year: number, files: ImportedFile[]): boolean {
    const replaced = this.years.has(year);
    this.years.set(year, { year, importId: this.nextImport++, importedAt: '2025-05-01 10:00:00', files });
    return replaced;
  }

  private sortedYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  async 'workspace.status'(req: Record<string, never>): Promise<WorkspaceStatus> {
    await this.record('workspace.status', req);
    const tables: Record<string, Record<string, number>> = {};
    for (const y of this.years.values()) {
      for (const f of y.files) (tables[f.table] ??= {})[String(y.year)] = f.rows;
    }
    return { path: '/tmp/fake/workspace.duckdb', years: this.sortedYears().map((y) => this.years.get(y)!), tables };
  }

  async 'workspace.import'(req: ApiRequest<'workspace.import'>): Promise<ImportReport> {
    await this.record('workspace.import', req);
    const messages: ImportMessage[] = [];
    const files: ImportedFile[] = [];
    for (const f of req.files) {
      const text = f.data ? new TextDecoder().decode(f.data) : '';
      const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
      const recognised = recogniseColumns((lines[0] ?? '').split(','));
      if (recognised.status !== 'recognised') {
        messages.push({ level: 'error', file: f.name, row: 1, text: 'The columns of this file do not match any SSDA903 file.' });
        continue;
      }
      lines.slice(1).forEach((line, i) => {
        if (line.split(',').some((cell) => cell.trim() === '??')) {
          messages.push({ level: 'warning', file: f.name, row: i + 2, column: 'DOB', value: '??', text: 'Not a date; the cell was left blank.' });
        }
        // "!!" cannot be read: refused, unless the user chose to import anyway.
        if (line.split(',').some((cell) => cell.trim() === '!!') && !req.blankUnreadable) {
          messages.push({ level: 'error', file: f.name, row: i + 2, column: 'DOB', value: '!!', text: 'Row 2, DOB: "!!" is not a date in the form dd/mm/yyyy.' });
        }
      });
      files.push({ name: f.name, kind: recognised.kind.id, table: recognised.kind.id, sha256: 'fake', rows: lines.length - 1, extraColumns: [] });
    }
    const ok = !messages.some((m) => m.level === 'error');
    const replaced = ok ? this.loadYear(req.year, files) : false;
    const unreadable = messages.filter((m) => m.value === '!!').length;
    const blankable = !ok && unreadable === messages.filter((m) => m.level === 'error').length ? { blankable: unreadable } : {};
    return { ok, year: req.year, importId: ok ? this.nextImport - 1 : null, files, messages, replaced, ...blankable };
  }

  async 'workspace.removeYear'(req: { year: number }): Promise<WorkspaceStatus> {
    await this.record('workspace.removeYear', req);
    this.years.delete(req.year);
    return this['workspace.status']({});
  }

  async 'workspace.activity'(req: Record<string, never>) {
    await this.record('workspace.activity', req);
    return this.sortedYears().map((y) => ({ at: '2025-05-01 10:00:00', action: 'import', detail: { year: y } }));
  }

  async 'packs.list'(req: Record<string, never>): Promise<PackSummary[]> {
    await this.record('packs.list', req);
    return FAKE_PACKS;
  }

  async 'pack.run'(req: ApiRequest<'pack.run'>) {
    await this.record('pack.run', req);
    const summary = FAKE_PACKS.find((p) => p.id === req.id);
    if (!summary) throw Object.assign(new Error(`There is no pack called ${req.id}.`), { code: 'not-found' });
    const years = this.sortedYears();
    const threshold = req.suppress ?? 0;
    const rows: PackRow[] = CATEGORIES[req.id]!.map((c) => ({
      key: c.key,
      label: c.label,
      group: null,
      values: Object.fromEntries(
        years.map((y) => {
          const count = fakeCount(req.id, c.key, y);
          const total = CATEGORIES[req.id]!.reduce((s, k) => s + fakeCount(req.id, k.key, y), 0);
          const hidden = count > 0 && count <= threshold;
          const percent = req.id === 'cla' ? undefined : Math.round((1000 * count) / total) / 10;
          const history = this.options.historyYears?.includes(y) ? { history: hidden ? {} : { affected: 3, share: 12.5 } } : {};
          return [String(y), hidden ? { count: null, percent: null, suppressed: true, ...history } : { count, ...(percent === undefined ? {} : { percent }), ...history }];
        }),
      ),
    }));
    const total = Object.fromEntries(years.map((y) => [String(y), { count: CATEGORIES[req.id]!.reduce((s, k) => s + fakeCount(req.id, k.key, y), 0) }]));
    const result: PackResult = {
      pack: req.id,
      title: summary.title,
      definition: `Children counted for ${summary.title.toLowerCase()}, following the DfE definition.`,
      years,
      rows,
      total: req.id === 'cla' ? {} : total,
      notes: ['Short breaks (LS V3, V4) are excluded.'],
      ...(req.id === 'cla' ? {} : { category: req.id === 'age' ? 'age group' : 'category' }),
    };
    if (this.options.tooFewToPublish && threshold > 0) {
      const hidden = (values: Record<string, unknown>) => Object.fromEntries(Object.keys(values).map((y) => [y, { count: null, suppressed: true }]));
      result.rows = result.rows.map((r) => ({ ...r, values: hidden(r.values) }));
      result.total = hidden(result.total);
      result.suppression = { threshold, primary: 0, secondary: rows.length * years.length, withheldYears: [...years], zeroYears: [] };
    } else if (threshold > 0) {
      // As the engine does, a suppressed result says at what threshold (the legend words c by it).
      const primary = rows.reduce((n, r) => n + Object.values(r.values).filter((v) => v.suppressed).length, 0);
      result.suppression = { threshold, primary, secondary: 0, withheldYears: [], zeroYears: [] };
    }
    const last = years.at(-1);
    const commentary = last ? [`In ${last}, the largest group was ${rows[0]!.label.toLowerCase()}.`] : [];
    return { result, commentary };
  }

  async 'pack.drill'(req: ApiRequest<'pack.drill'>): Promise<TabularResult> {
    await this.record('pack.drill', req);
    const n = req.key ? fakeCount(req.pack, req.key, req.year) : 10;
    const ids = Array.from({ length: n }, (_, i) => (req.maskIds ? `C-${String(1000 + i)}` : `0${String(5000 + i)}`));
    return arrowResult({ child: ids, return_year: ids.map(() => req.year), row_key: ids.map(() => req.key ?? '') });
  }

  async 'query.exportCsv'(req: ApiRequest<'query.exportCsv'>): Promise<ApiResponse<'query.exportCsv'>> {
    await this.record('query.exportCsv', req);
    return { fileName: 'query-results.csv', data: new TextEncoder().encode('return_year,children\r\n'), rows: 0, truncated: false };
  }

  async 'query.cancel'(req: ApiRequest<'query.cancel'>): Promise<void> {
    await this.record('query.cancel', req);
  }

  async 'query.run'(req: ApiRequest<'query.run'>): Promise<TabularResult> {
    await this.record('query.run', req);
    if (!req.allowWrite && /\b(insert|update|delete|drop|create|alter)\b/i.test(req.sql)) {
      throw Object.assign(new Error('The SQL editor is read-only.'), { code: 'read-only' });
    }
    if (/\bsyntax_error\b/.test(req.sql)) throw Object.assign(new Error('Parser Error: syntax error at or near "syntax_error"'), { code: 'sql-error' });
    const years = this.sortedYears();
    return arrowResult({ return_year: years, children: years.map((y) => fakeCount('cla', 'at-31-march', y)) });
  }

  async 'export.xlsx'(req: ApiRequest<'export.xlsx'>) {
    await this.record('export.xlsx', req);
    return { fileName: 'iro-annual-report.xlsx', data: new TextEncoder().encode(`xlsx:${req.packs.join(',')}`) };
  }

  async 'export.docx'(req: ApiRequest<'export.docx'>) {
    await this.record('export.docx', req);
    return { fileName: 'iro-annual-report.docx', data: new TextEncoder().encode(`docx:${req.packs.join(',')}`) };
  }

  /** Published figures: one measure for Gateshead, England, the North East and two neighbours. */
  private authority: Area | null = null;

  private publishedStatus(): PublishedStatus {
    return { files: [FAKE_PUBLISHED_FILE], authorities: FAKE_AUTHORITIES, settings: { authority: this.authority, comparators: null } };
  }

  async 'published.status'(req: Record<string, never>): Promise<PublishedStatus> {
    await this.record('published.status', req);
    return this.publishedStatus();
  }

  async 'published.import'(req: ApiRequest<'published.import'>): Promise<PublishedImportReport> {
    await this.record('published.import', req);
    return { ok: true, files: req.files.map((f) => ({ ...FAKE_PUBLISHED_FILE, source: f.name, bundled: false })), messages: [] };
  }

  async 'benchmarks.setAuthority'(req: ApiRequest<'benchmarks.setAuthority'>): Promise<PublishedStatus> {
    await this.record('benchmarks.setAuthority', req);
    const found = FAKE_AUTHORITIES.find((a) => a.name === req.authority || a.code === req.authority) ?? null;
    if (req.authority !== null && !found) throw Object.assign(new Error(`No authority called "${req.authority}" is in the published figures.`), { code: 'invalid-request' });
    this.authority = found;
    return this.publishedStatus();
  }

  async 'benchmarks.get'(req: ApiRequest<'benchmarks.get'>): Promise<BenchmarkReport | null> {
    await this.record('benchmarks.get', req);
    if (!this.authority) return null;
    const la = (code: string, year: number, num: number) => ({ measure: 'cla-rate', year, level: 'la' as const, areaCode: code, valueText: String(num), valueNum: num, source: 'cla.csv' });
    return buildBenchmarks({
      authority: this.authority,
      region: { code: 'E12000001', name: 'North East' },
      neighbours: FAKE_AUTHORITIES.filter((a) => a.code !== this.authority!.code),
      customComparators: false,
      values: [
        ...[2023, 2024].flatMap((y) => [
          la('E08000037', y, y === 2024 ? 132 : 133),
          la('E08000021', y, 150),
          la('E08000024', y, 110),
          { measure: 'cla-rate', year: y, level: 'national' as const, areaCode: 'E92000001', valueText: '69', valueNum: 69, source: 'cla.csv' },
          { measure: 'cla-rate', year: y, level: 'regional' as const, areaCode: 'E12000001', valueText: 'c', valueNum: null, source: 'cla.csv' },
        ]),
        // A flow measure DfE published for 2023 only: that year has flows and snapshots, 2024 snapshots only.
        { measure: 'missing-percent', year: 2023, level: 'la' as const, areaCode: 'E08000037', valueText: '11', valueNum: 11, source: 'missing.csv' },
      ],
      own: { 'cla-rate': { 2023: 60.4, 2024: 132.2 } },
      sampleData: true,
    });
  }

  async 'benchmarks.xlsx'(req: ApiRequest<'benchmarks.xlsx'>) {
    await this.record('benchmarks.xlsx', req);
    return { fileName: 'how-we-compare.xlsx', data: new TextEncoder().encode('xlsx:benchmarks') };
  }

  async 'benchmarks.docx'(req: ApiRequest<'benchmarks.docx'>) {
    await this.record('benchmarks.docx', req);
    return { fileName: 'how-we-compare.docx', data: new TextEncoder().encode('docx:benchmarks') };
  }

  localPackList: LocalPackInfo[] = [];

  async 'localPacks.tables'(req: ApiRequest<'localPacks.tables'>): Promise<LocalTableInfo[]> {
    await this.record('localPacks.tables', req);
    return [{ table: 'escalations', rows: 3, columns: [{ name: 'raised', type: 'DATE' }, { name: 'stage', type: 'BIGINT' }, { name: 'team', type: 'VARCHAR' }, { name: 'resolved', type: 'DATE' }, { name: 'hours', type: 'DOUBLE' }] }];
  }

  async 'localPacks.list'(req: ApiRequest<'localPacks.list'>): Promise<LocalPackInfo[]> {
    await this.record('localPacks.list', req);
    return this.localPackList;
  }

  async 'localPacks.save'(req: ApiRequest<'localPacks.save'>): Promise<LocalPackInfo> {
    await this.record('localPacks.save', req);
    const saved = { spec: localPackSpecSchema.parse(req.spec), problems: [] };
    this.localPackList = [...this.localPackList.filter((p) => p.spec.id !== saved.spec.id), saved];
    return saved;
  }

  outline: ReportOutline = { title: 'Independent Reviewing Officer annual report', organisation: '', items: [{ heading: 'Children looked after' }, { pack: 'cla' }] };

  async 'report.outline'(req: ApiRequest<'report.outline'>): Promise<ReportOutline> {
    await this.record('report.outline', req);
    return this.outline;
  }

  async 'report.saveOutline'(req: ApiRequest<'report.saveOutline'>): Promise<ReportOutline> {
    await this.record('report.saveOutline', req);
    this.outline = req.outline as ReportOutline;
    return this.outline;
  }

  async 'report.docx'(req: ApiRequest<'report.docx'>) {
    await this.record('report.docx', req);
    return { fileName: 'iro-annual-report-draft.docx', data: new TextEncoder().encode('docx:report') };
  }

  houseStyle: HouseStyleInfo = { style: DEFAULT_HOUSE_STYLE, logo: null, problems: [] };

  async 'style.get'(req: ApiRequest<'style.get'>): Promise<HouseStyleInfo> {
    await this.record('style.get', req);
    return this.houseStyle;
  }

  async 'style.save'(req: ApiRequest<'style.save'>): Promise<HouseStyleInfo> {
    await this.record('style.save', req);
    const style = houseStyleSchema.parse(req.style);
    const logo = req.logo === undefined ? this.houseStyle.logo : req.logo && { type: 'png' as const, data: req.logo.data, width: 120, height: 60 };
    this.houseStyle = { style, logo, problems: contrastProblems(style) };
    return this.houseStyle;
  }

  async 'report.xlsx'(req: ApiRequest<'report.xlsx'>) {
    await this.record('report.xlsx', req);
    return { fileName: 'iro-annual-report-draft.xlsx', data: new TextEncoder().encode('xlsx:report') };
  }

  async 'localPacks.remove'(req: ApiRequest<'localPacks.remove'>): Promise<void> {
    await this.record('localPacks.remove', req);
    this.localPackList = this.localPackList.filter((p) => p.spec.id !== req.id);
  }

  /** Two ethnicity findings a year, and a date after the year in every year but the first. */
  private fakeFindings(): QualityFinding[] {
    return this.sortedYears().flatMap((year, i) => [
      ...[2, 3].map((row) => ({ rule: '103', year, file: 'header.csv', row, child: `0${4000 + row}`, fields: ['ETHNIC'], message: 'Ethnicity code is not valid or has not been entered.', values: { ETHNIC: 'WBR' } })),
      ...(i > 0 ? [{ rule: 'W01', year, file: 'episodes.csv', row: 7, child: '04007', fields: ['DEC'], message: 'A date is after 31 March, the end of the collection year.', values: { DEC: `01/04/${year}` } }] : []),
    ]);
  }

  async 'quality.summary'(req: Record<string, never>): Promise<QualitySummary> {
    await this.record('quality.summary', req);
    const counts = new Map<string, { year: number; rule: string; n: number }>();
    for (const f of this.fakeFindings()) {
      const key = `${f.year}|${f.rule}`;
      counts.set(key, { year: f.year, rule: f.rule, n: (counts.get(key)?.n ?? 0) + 1 });
    }
    return {
      years: this.sortedYears(),
      rules: [
        { code: '103', message: 'Ethnicity code is not valid or has not been entered.', fields: ['ETHNIC'], tables: ['header'], previousYear: false, dfe: true },
        { code: 'W01', message: 'A date is after 31 March, the end of the collection year.', fields: ['DECOM', 'DEC'], tables: ['episodes'], previousYear: false, dfe: false },
      ],
      counts: [...counts.values()],
      notChecked: [{ code: '392c', message: 'Home or placement postcode is not a valid postcode.', why: 'It needs a postcode directory.' }],
      // W01 as a rule that applies from the second year on: not checked (not 0) in the first.
      checked: { W00: this.sortedYears(), '103': this.sortedYears(), W01: this.sortedYears().slice(1) },
    };
  }

  async 'quality.findings'(req: ApiRequest<'quality.findings'>): Promise<QualityFindingsResult> {
    await this.record('quality.findings', req);
    const all = this.fakeFindings().filter((f) => (req.year === undefined || f.year === req.year) && (req.rule === undefined || f.rule === req.rule));
    const shown = all.slice(0, req.limit ?? all.length).map((f) => (req.maskIds ? { ...f, child: `P${f.child}` } : f));
    return { findings: shown, total: all.length };
  }

  async 'quality.export'(req: ApiRequest<'quality.export'>) {
    await this.record('quality.export', req);
    return { fileName: `data-quality-findings.${req.format}`, data: new TextEncoder().encode(`${req.format}:${this.fakeFindings().length}`) };
  }
}

const FAKE_AUTHORITIES: Area[] = [
  { code: 'E08000037', name: 'Gateshead', oldLaCode: '390', regionCode: 'E12000001', regionName: 'North East' },
  { code: 'E08000021', name: 'Newcastle upon Tyne', oldLaCode: '391', regionCode: 'E12000001', regionName: 'North East' },
  { code: 'E08000024', name: 'Sunderland', oldLaCode: '394', regionCode: 'E12000001', regionName: 'North East' },
];

const FAKE_PUBLISHED_FILE: PublishedFileInfo = {
  source: 'cla_number_and_rate_per_10k_children.csv',
  kind: 'ees',
  sha256: 'fake',
  rows: 2505,
  values: 7515,
  firstYear: 2021,
  lastYear: 2025,
  measures: ['cla-rate'],
  bundled: true,
  loadedAt: '2025-05-01 10:00:00',
};

function arrowResult(columns: Record<string, (string | number)[]>): TabularResult {
  const typed: Record<string, string[] | Float64Array> = {};
  for (const [name, values] of Object.entries(columns)) {
    typed[name] = typeof values[0] === 'number' ? Float64Array.from(values as number[]) : (values as string[]);
  }
  const table = tableFromArrays(typed);
  return {
    columns: Object.entries(columns).map(([name, v]) => ({ name, type: typeof v[0] === 'number' ? 'BIGINT' : 'VARCHAR' })),
    arrow: tableToIPC(table, 'stream'),
    rowCount: table.numRows,
    truncated: false,
  };
}
