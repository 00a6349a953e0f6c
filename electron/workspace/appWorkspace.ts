/**
 * The whole WorkbenchApi: the workspace core (import, status, SQL) plus query packs, drill-down
 * and exports. The CLI, Electron's IPC handlers and the browser-mode bridge all use this class.
 */
import { writeFile } from 'node:fs/promises';
import { extname, relative, resolve, isAbsolute } from 'node:path';
import type {
  BenchmarkRequest,
  PublishedImportReport,
  PublishedStatus,
  SetAuthorityRequest,
  DrillRequest,
  ImportFileInput,
  ImportReport,
  LocalPackInfo,
  LocalTableInfo,
  ImportRequest,
  ExportRequest,
  ExportResult,
  PackRunRequest,
  PackRunResult,
  PackSummary,
  QualityExportRequest,
  QualityFinding,
  QualityFindingsRequest,
  QualityFindingsResult,
  QualitySummary,
  QueryRequest,
  TabularResult,
  WorkbenchApi,
} from '../../shared/api.js';
import { flowLabel } from '../../shared/domain/years.js';
import type { ExportMeta, ExportTable, ReportItem } from '../../shared/export/types.js';
import { packResultToCsv } from '../../shared/packs/csv.js';
import type { PackResult } from '../../shared/packs/result.js';
import { drillSql, drillSqlFor, getPack, PackError, resolveOptions, listPacks, MEMORY_SNAPSHOT_STORE, runPacks, ViewSnapshotCache } from '../../shared/packs/run.js';
import { findingsCsv, findingsWorkbook } from '../../shared/quality/export.js';
import { NOT_CHECKED, QUALITY_RULES } from '../../shared/quality/rules/index.js';
import { codeOf, FINDINGS_TABLE, QualityCache, ruleInfos } from '../../shared/quality/run.js';
import { checkedYears } from '../../shared/quality/checkedYears.js';
import { CANONICAL_VIEWS } from '../../shared/sql/views.js';
import { defaultOutline, reportOutlineSchema, type ReportOutline } from '../../shared/export/reportOutline.js';
import type { HouseStyleInfo } from '../../shared/export/houseStyle.js';
import { houseLook, loadHouseStyle, saveHouseStyle } from './houseStyle.js';
import type { BenchmarkReport } from '../../shared/ees/benchmarks.js';
import { comparatorSentences, packComparators } from '../../shared/ees/packComparators.js';
import { importPublished, loadBundledIfEmpty, refreshMeasures } from '../import/ees.js';
import { OWN_PACKS, authorityChosen, benchmarkReport, markSampleYear, publishedStatus, runOwnPacks, setAuthority } from './benchmarks.js';
import { pseudonymSql, workspaceSecret } from './pseudonym.js';
import { isLocalPackId, listLocalPacks, localPackSummary, localTables, removeLocalPack, runLocalPack, saveLocalPack, compiledLocalPack } from './localPacks.js';
import { fileSnapshotStore } from './viewStore.js';
import { Workspace, type WorkspaceOptions } from './workspace.js';

export class AppWorkspace extends Workspace implements WorkbenchApi {
  /** The canonical views computed once and kept while the data stays the same: pack switches, drill-downs and exports read it. */
  readonly views = new ViewSnapshotCache(this.engine, this.path === ':memory:' ? MEMORY_SNAPSHOT_STORE : fileSnapshotStore(this.path));
  /** The data-quality findings, made where the views' snapshot is at hand, and made again after any change of data. */
  readonly quality = new QualityCache(this.engine, (fn) => this.views.run(fn));

  async 'packs.list'(_req: Record<string, never> = {}): Promise<PackSummary[]> {
    return [...listPacks(), ...(await listLocalPacks(this.engine)).map(localPackSummary)];
  }

  /** A local pack's summary (its timing and chart: by year or by month). */
  private async localSummary(id: string): Promise<PackSummary> {
    const saved = (await listLocalPacks(this.engine)).find((p) => p.spec.id === id);
    if (!saved) throw new PackError(`There is no local pack called "${id}".`, 'not-found');
    return localPackSummary(saved);
  }

  async 'localPacks.tables'(_req: Record<string, never> = {}): Promise<LocalTableInfo[]> {
    return localTables(this.engine);
  }

  async 'localPacks.list'(_req: Record<string, never> = {}): Promise<LocalPackInfo[]> {
    return listLocalPacks(this.engine);
  }

  async 'localPacks.save'(req: { spec: unknown }): Promise<LocalPackInfo> {
    const saved = await saveLocalPack(this.engine, req.spec);
    await this.logActivity('local-pack', { saved: saved.spec.id, table: saved.spec.table });
    return saved;
  }

  async 'localPacks.remove'(req: { id: string }): Promise<void> {
    await removeLocalPack(this.engine, req.id);
    await this.logActivity('local-pack', { removed: req.id });
  }

  async 'report.outline'(_req: Record<string, never> = {}): Promise<ReportOutline> {
    const rows = await this.engine.all<{ outline: string }>("SELECT outline::VARCHAR AS outline FROM report_outline WHERE id = 'draft'");
    if (rows[0]) return reportOutlineSchema.parse(JSON.parse(rows[0].outline));
    return defaultOutline(await this['packs.list']({}), 'Independent Reviewing Officer annual report');
  }

  async 'report.saveOutline'(req: { outline: unknown }): Promise<ReportOutline> {
    const parsed = reportOutlineSchema.safeParse(req.outline);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PackError(`The report outline cannot be saved: ${issue.path.join('.')}: ${issue.message}`, 'invalid-request');
    }
    await this.engine.run("INSERT OR REPLACE INTO report_outline VALUES ('draft', $outline)", { outline: JSON.stringify(parsed.data) });
    return parsed.data;
  }

  async 'style.get'(_req: Record<string, never> = {}): Promise<HouseStyleInfo> {
    return loadHouseStyle(this.engine);
  }

  async 'style.save'(req: { style: unknown; logo?: { name: string; data: Uint8Array } | null }): Promise<HouseStyleInfo> {
    return saveHouseStyle(this.engine, req);
  }

  /** The draft report in the outline's order; a pack the outline names that no longer exists is said so in the text, not dropped silently. */
  private async reportInput(req: { suppress?: number | null; charts?: Record<string, Uint8Array> }): Promise<{ outline: ReportOutline; items: ReportItem[]; meta: ExportMeta; ids: string[] }> {
    const outline = await this['report.outline']({});
    const known = new Set((await this['packs.list']({})).map((p) => p.id));
    const ids = [...new Set(outline.items.flatMap((i) => ('pack' in i && known.has(i.pack) ? [i.pack] : [])))];
    const { tables, meta } = await this.exportInput({ packs: ids, suppress: req.suppress ?? null, ...(req.charts ? { charts: req.charts } : {}) });
    const byId = new Map(tables.map((t) => [t.result.pack, t]));
    const items: ReportItem[] = outline.items.map((i) =>
      'pack' in i ? (byId.has(i.pack) ? { table: byId.get(i.pack)! } : { narrative: `[The table "${i.pack}" named in the outline is no longer in the workbench.]` }) : i,
    );
    return { outline, items, meta: { ...meta, title: outline.title }, ids };
  }

  async 'report.docx'(req: { suppress?: number | null; charts?: Record<string, Uint8Array> }): Promise<ExportResult> {
    const { outline, items, meta, ids } = await this.reportInput(req);
    const { buildReportDocument } = await import('../../shared/export/document.js');
    const data = await buildReportDocument(items, meta, { organisation: meta.house?.organisation || outline.organisation });
    await this.logActivity('export', { format: 'docx', report: true, packs: ids, suppress: meta.suppression });
    return { fileName: `iro-annual-report-draft-${meta.generatedAt.slice(0, 10)}.docx`, data };
  }

  async 'report.xlsx'(req: { suppress?: number | null; charts?: Record<string, Uint8Array> }): Promise<ExportResult> {
    const { outline, items, meta, ids } = await this.reportInput(req);
    const { buildReportWorkbook } = await import('../../shared/export/workbook.js');
    const data = await buildReportWorkbook(items, meta, { organisation: meta.house?.organisation || outline.organisation });
    await this.logActivity('export', { format: 'xlsx', report: true, packs: ids, suppress: meta.suppression });
    return { fileName: `iro-annual-report-draft-${meta.generatedAt.slice(0, 10)}.xlsx`, data };
  }

  async 'pack.run'(req: PackRunRequest): Promise<PackRunResult> {
    if (isLocalPackId(req.id)) return runLocalPack(this.engine, req.id, { suppress: req.suppress ?? null });
    const out = await runPacks(this.engine, [req.id], {
      suppress: req.suppress ?? null,
      ...(req.options ? { options: req.options } : {}),
      ...(req.includeIncompleteHistory ? { includeIncompleteHistory: true } : {}),
      snapshot: this.views,
    });
    return this.withComparators(out[req.id]!, req.options);
  }

  /** The comparison of the chosen authority, kept until the data, the published figures or the authority change. */
  private benchmarks: Promise<BenchmarkReport | null> | null = null;

  /**
   * Whatever was worked out from the data (views, pack results, comparisons, findings) is made
   * again on next use; after imports that only added data, the kept views bring only the years
   * it changed up to date.
   */
  private async dataChanged(change: 'imports-added' | 'any' = 'any'): Promise<void> {
    this.benchmarks = null;
    this.quality.invalidate();
    await this.views.invalidate(change);
  }

  private currentBenchmarks(): Promise<BenchmarkReport | null> {
    this.benchmarks ??= this['benchmarks.get']({}).catch((e: unknown) => {
      this.benchmarks = null;
      throw e;
    });
    return this.benchmarks;
  }

  /** A pack whose rows match published measures gets DfE's comparators beside them, and a sentence each. */
  private async withComparators(run: PackRunResult, options?: Record<string, string>): Promise<PackRunResult> {
    // Loading DfE's files takes seconds: only once an authority is chosen, never for a pack's first table.
    if (!OWN_PACKS.includes(run.result.pack) || !(await authorityChosen(this.engine))) return run;
    const report = await this.currentBenchmarks();
    if (!report) return run;
    const comparators = packComparators(run.result, report, report.population, resolveOptions(getPack(run.result.pack), options));
    if (!comparators) return run;
    const result = { ...run.result, comparators };
    return { result, commentary: [...run.commentary, ...comparatorSentences(result)] };
  }

  override async 'workspace.import'(req: ImportRequest): Promise<ImportReport> {
    let replaced = true; // unless the import says otherwise (it may have failed half-way)
    try {
      const report = await super['workspace.import'](req);
      replaced = report.replaced;
      if (report.ok) await markSampleYear(this.engine, req.year, this.fromSampleReturns(req.files));
      return report;
    } finally {
      // A year imported again replaces rows: the kept views are made again (none of its old rows stays in them).
      await this.dataChanged(replaced ? 'any' : 'imports-added');
    }
  }

  /** Every file is one of the bundled synthetic returns. */
  private fromSampleReturns(files: ImportFileInput[]): boolean {
    const dir = this.options.sampleReturnsDir;
    if (!dir) return false;
    return files.every((f) => {
      if (!f.path) return false;
      const rel = relative(resolve(dir), resolve(f.path));
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    });
  }

  private stagingRoot(): string {
    if (!this.options.stagingRoot) throw new Error('The workspace has no staging folder.');
    return this.options.stagingRoot;
  }

  /** DfE's published figures: the bundled snapshot is loaded the first time they are asked for. */
  private async publishedReady(): Promise<void> {
    await loadBundledIfEmpty(this.engine, this.options.publishedDir, this.stagingRoot());
    await refreshMeasures(this.engine, this.stagingRoot());
  }

  async 'published.status'(_req: Record<string, never> = {}): Promise<PublishedStatus> {
    await this.publishedReady();
    return publishedStatus(this.engine);
  }

  async 'published.import'(req: { files: ImportFileInput[] }): Promise<PublishedImportReport> {
    await this.publishedReady();
    this.benchmarks = null;
    return importPublished(this.engine, req.files, { stagingRoot: this.stagingRoot() });
  }

  async 'benchmarks.setAuthority'(req: SetAuthorityRequest): Promise<PublishedStatus> {
    await this.publishedReady();
    this.benchmarks = null;
    await setAuthority(this.engine, req.authority, req.comparators);
    return publishedStatus(this.engine);
  }

  async 'benchmarks.get'(_req: BenchmarkRequest = {}): Promise<BenchmarkReport | null> {
    await this.publishedReady();
    return benchmarkReport(this.engine, async () => {
      return (await this.loadedYears()).length ? runOwnPacks((ids, optionsByPack) => runPacks(this.engine, ids, { optionsByPack, snapshot: this.views })) : {};
    });
  }

  async 'benchmarks.xlsx'(req: BenchmarkRequest): Promise<ExportResult> {
    return this.benchmarkExport(req, 'xlsx');
  }

  async 'benchmarks.docx'(req: BenchmarkRequest): Promise<ExportResult> {
    return this.benchmarkExport(req, 'docx');
  }

  private async benchmarkExport(req: BenchmarkRequest, format: 'xlsx' | 'docx'): Promise<ExportResult> {
    const report = await this['benchmarks.get'](req);
    if (!report) throw Object.assign(new Error('Choose your authority first (How we compare).'), { code: 'invalid-request' });
    const meta = { generatedAt: new Date().toISOString(), year: req.year ?? null, house: houseLook(await loadHouseStyle(this.engine)) };
    const { buildBenchmarkDocument, buildBenchmarkWorkbook } = await import('../../shared/ees/benchmarkExport.js');
    const data = format === 'xlsx' ? await buildBenchmarkWorkbook(report, meta) : await buildBenchmarkDocument(report, meta);
    await this.logActivity('export', { format, benchmarks: report.authority.code, year: req.year ?? null, sampleData: report.sampleData });
    return { fileName: `how-we-compare-${report.authority.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${meta.generatedAt.slice(0, 10)}.${format}`, data };
  }

  override async 'workspace.removeYear'(req: { year: number }) {
    try {
      return await super['workspace.removeYear'](req);
    } finally {
      await this.dataChanged();
    }
  }

  override async 'query.run'(req: QueryRequest): Promise<TabularResult> {
    try {
      return await super['query.run'](req);
    } finally {
      // With changes allowed, the SQL may have changed the data behind the views.
      if (req.allowWrite) await this.dataChanged();
    }
  }

  async 'quality.summary'(_req: Record<string, never> = {}): Promise<QualitySummary> {
    await this.quality.ensure();
    const counted = await this.engine.all<{ year: number; rule_index: number; n: number }>(
      `SELECT year, rule_index, count(*)::INTEGER AS n FROM ${FINDINGS_TABLE} GROUP BY ALL ORDER BY year, rule_index`,
    );
    const counts = new Map<string, { year: number; rule: string; n: number }>();
    for (const c of counted) {
      const rule = codeOf(c.rule_index);
      const key = `${c.year}|${rule}`;
      const seen = counts.get(key);
      if (seen) seen.n += c.n;
      else counts.set(key, { year: c.year, rule, n: c.n });
    }
    const years = await this.engine.all<{ y: number }>('SELECT DISTINCT return_year AS y FROM imports ORDER BY 1');
    const files = await this.engine.all<{ y: number; kind: string }>('SELECT DISTINCT return_year AS y, kind FROM import_files');
    const loaded = new Map<number, Set<string>>(years.map((r) => [r.y, new Set<string>()]));
    for (const f of files) loaded.get(f.y)?.add(f.kind);
    return { years: years.map((r) => r.y), rules: ruleInfos(), counts: [...counts.values()], notChecked: NOT_CHECKED.map((n) => ({ ...n })), checked: checkedYears(loaded) };
  }

  async 'quality.findings'(req: QualityFindingsRequest): Promise<QualityFindingsResult> {
    await this.quality.ensure();
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (req.year !== undefined) {
      where.push('year = $year');
      params.year = req.year;
    }
    if (req.rule !== undefined) {
      const indexes = [...QUALITY_RULES.keys()].filter((i) => QUALITY_RULES[i]!.code === req.rule);
      if (codeOf(-1) === req.rule) indexes.push(-1);
      where.push(`rule_index IN (${indexes.length > 0 ? indexes.join(', ') : 'NULL'})`);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const masked = (expr: string) => `CASE WHEN ${expr} IS NULL THEN NULL ELSE ${pseudonymSql(expr)} END`;
    // A rule on the CHILD field (a child twice in the Header, a care leaver not in it) has the id among
    // its values too: masked with the same pseudonym, or the export would carry the id beside it.
    const valsChild = `json_extract_string(vals, '$.${CHILD_ID_FIELD}')`;
    const maskedColumns = req.maskIds ? `${masked('child')} AS child, ${masked(valsChild)} AS vals_child` : 'child, NULL AS vals_child';
    if (req.maskIds) params.secret = await workspaceSecret(this.engine);
    const rows = await this.engine.all<FindingRow & { vals_child: string | null }>(
      `SELECT rule_index, year, file, row, ${maskedColumns}, vals, note FROM ${FINDINGS_TABLE} ${filter}
       ORDER BY year, rule_index, file, row ${req.limit !== undefined ? `LIMIT ${req.limit}` : ''}`,
      params,
    );
    const total = await this.engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${FINDINGS_TABLE} ${filter}`, req.year !== undefined ? { year: req.year } : {});
    const findings = rows.map((r) => {
      const finding = toFinding(r);
      if (req.maskIds && finding.values[CHILD_ID_FIELD] != null) finding.values = { ...finding.values, [CHILD_ID_FIELD]: r.vals_child };
      return finding;
    });
    return { findings, total: total[0]?.n ?? 0 };
  }

  async 'quality.export'(req: QualityExportRequest): Promise<ExportResult> {
    const { findings } = await this['quality.findings']({ maskIds: req.maskIds === true });
    const data = req.format === 'csv' ? new TextEncoder().encode(findingsCsv(findings)) : await findingsWorkbook(findings, await this['quality.summary']({}));
    await this.logActivity('export', { format: req.format, childLevel: true, findings: true, masked: req.maskIds === true, rows: findings.length });
    return { fileName: `data-quality-findings-${new Date().toISOString().slice(0, 10)}.${req.format}`, data };
  }

  /** The children behind a count. Child ids are replaced by pseudonyms when asked (exports). */
  async 'pack.drill'(req: DrillRequest): Promise<TabularResult> {
    const local = isLocalPackId(req.pack);
    const { sql, params } = local ? drillSqlFor(await compiledLocalPack(this.engine, req.pack), req.year, req.key ?? null) : drillSql(req.pack, req.year, req.key ?? null, req.options);
    let query = sql;
    let bound: (string | number | null | boolean)[] = params;
    if (req.maskIds) {
      // Positional parameters bind in textual order: the secret's ? comes before the drill-down's own.
      query = `SELECT * REPLACE (${pseudonymSql('child', '?')} AS child) FROM (${sql})`;
      bound = [await workspaceSecret(this.engine), ...params];
    }
    const result = local ? await this.engine.columnar(query, bound) : await this.views.run(() => this.engine.columnar(query, bound), [query]);
    const { toArrowIpc } = await import('./arrow.js');
    if (req.forExport) {
      await this.logActivity('export', { format: 'csv', childLevel: true, pack: req.pack, year: req.year, key: req.key ?? null, masked: req.maskIds === true, rows: result.rows.length });
    }
    return {
      columns: result.names.map((name, i) => ({ name, type: result.types[i] ?? 'VARCHAR' })),
      arrow: toArrowIpc(result),
      rowCount: result.rows.length,
      truncated: false,
    };
  }

  packToCsv(result: PackResult): string {
    return packResultToCsv(result);
  }

  async 'export.xlsx'(req: ExportRequest): Promise<ExportResult> {
    const { tables, meta } = await this.exportInput(req);
    const { buildWorkbook } = await import('../../shared/export/workbook.js');
    const data = await buildWorkbook(tables, meta);
    await this.logActivity('export', { format: 'xlsx', packs: tables.map((t) => t.result.pack), suppress: meta.suppression });
    return { fileName: exportFileName(meta, tables, 'xlsx'), data };
  }

  async 'export.docx'(req: ExportRequest): Promise<ExportResult> {
    const { tables, meta } = await this.exportInput(req);
    const { buildDocument } = await import('../../shared/export/document.js');
    const data = await buildDocument(tables, meta);
    await this.logActivity('export', { format: 'docx', packs: tables.map((t) => t.result.pack), suppress: meta.suppression });
    return { fileName: exportFileName(meta, tables, 'docx'), data };
  }

  /** The CLI's export: .xlsx or .docx by the file's extension, or one pack's chart as .svg or .png. */
  async exportToFile(path: string, req: { packs: string[]; suppress: number | null; options?: Record<string, string> }): Promise<{ path: string; bytes: number; packs: string[] }> {
    const ext = extname(path).toLowerCase();
    if (ext === '.svg' || ext === '.png') {
      const [id, ...more] = req.packs;
      if (id === undefined || more.length > 0) throw new Error('A chart file holds one pack\'s chart: name it with --packs, e.g. --packs age');
      const pack: Pick<PackSummary, 'timing' | 'chart'> = isLocalPackId(id) ? await this.localSummary(id) : getPack(id);
      const { result } = await this['pack.run']({ id, suppress: req.suppress, ...(req.options ? { options: req.options } : {}) });
      const { chartFile } = await import('../export/chartPng.js');
      const house = houseLook(await loadHouseStyle(this.engine));
      const data = chartFile({ result, chart: pack.chart, timing: pack.timing }, ext === '.svg' ? 'svg' : 'png', { look: { palette: house.palette, font: house.font } });
      await writeFile(path, data, { mode: 0o600 });
      await this.logActivity('export', { format: ext.slice(1), packs: [id], suppress: req.suppress });
      return { path, bytes: data.byteLength, packs: [id] };
    }
    if (ext !== '.xlsx' && ext !== '.docx') throw new Error('The export file must end in .xlsx or .docx (or .svg or .png for one pack\'s chart)');
    const packs = req.packs.length > 0 ? req.packs : listPacks().map((p) => p.id);
    const options = req.options;
    const request: ExportRequest = { packs, suppress: req.suppress, ...(options ? { optionsByPack: Object.fromEntries(packs.map((id) => [id, options])) } : {}) };
    const out = ext === '.xlsx' ? await this['export.xlsx'](request) : await this['export.docx'](request);
    await writeFile(path, out.data, { mode: 0o600 });
    return { path, bytes: out.data.byteLength, packs };
  }

  private async exportInput(req: ExportRequest): Promise<{ tables: ExportTable[]; meta: ExportMeta }> {
    const ids = req.packs.length > 0 ? req.packs : listPacks().map((p) => p.id);
    const suppress = req.suppress ?? null;
    // One batch over one snapshot of the views: much faster than pack by pack, and consistent.
    const builtIn = ids.filter((id) => !isLocalPackId(id));
    const results = await runPacks(this.engine, builtIn, {
      suppress,
      snapshot: this.views,
      ...(req.includeIncompleteHistory ? { includeIncompleteHistory: true } : {}),
      ...(req.optionsByPack ? { optionsByPack: req.optionsByPack } : {}),
    });
    for (const id of ids) if (isLocalPackId(id)) results[id] = await runLocalPack(this.engine, id, { suppress });
    const withComparators: Record<string, PackRunResult> = {};
    for (const id of ids) withComparators[id] = await this.withComparators(results[id]!, req.optionsByPack?.[id]);
    const locals = new Map<string, PackSummary>();
    for (const id of ids) if (isLocalPackId(id)) locals.set(id, await this.localSummary(id));
    const tables: ExportTable[] = ids.map((id) => {
      const pack: Pick<PackSummary, 'timing' | 'chart' | 'section'> = locals.get(id) ?? getPack(id);
      const { result, commentary } = withComparators[id]!;
      const chartPng = req.charts?.[id];
      // The years of a chart drawn here (withCharts) may be asked for; a given image's, said with it.
      const drawn = chartPng ? req.chartsDrawn?.[id] : req.chartYears?.[id] ? { years: req.chartYears[id]! } : undefined;
      return {
        result,
        commentary,
        timing: pack.timing,
        chart: pack.chart,
        section: pack.section,
        ...(chartPng ? { chartPng } : {}),
        ...(drawn ? { chartYears: drawn.years, ...('alt' in drawn ? { chartAlt: drawn.alt } : {}) } : {}),
        ...(req.includeIncompleteHistory ? { includeIncompleteHistory: true } : {}),
      };
    });
    const loaded = await this.loadedYears();
    const years = loaded.map((y) => y.year);
    const house = houseLook(await loadHouseStyle(this.engine));
    const meta: ExportMeta = {
      title: years.length ? `IRO annual report tables, ${flowLabel(years[0]!)} to ${flowLabel(years.at(-1)!)}` : 'IRO annual report tables',
      generatedAt: new Date().toISOString(),
      sources: loaded.flatMap((y) => y.files.map((f) => ({ year: y.year, file: f.name, sha256: f.sha256, rows: f.rows, importedAt: y.importedAt }))),
      suppression: suppress,
      house,
    };
    // Tables without an image from the app get one drawn here (the CLI has no browser), in the house colours.
    if (req.includeCharts === false) return { tables, meta };
    const { withCharts } = await import('../export/chartPng.js');
    return { tables: await withCharts(tables, { look: { palette: house.palette, font: house.font } }), meta };
  }
}

/** The 903 field that holds the child's id: masked in a finding's values as in its child column. */
const CHILD_ID_FIELD = 'CHILD';

type FindingRow = { rule_index: number; year: number; file: string; row: number; child: string | null; vals: string; note: string | null };

/** A row of the findings table as the API gives it: the rule's code, fields and message (a blanked value's own note). */
function toFinding(r: FindingRow): QualityFinding {
  const values = JSON.parse(r.vals) as Record<string, string | null>;
  const rule = r.rule_index >= 0 ? QUALITY_RULES[r.rule_index]! : null;
  return {
    rule: codeOf(r.rule_index),
    year: r.year,
    file: r.file,
    row: r.row,
    child: r.child,
    fields: rule ? rule.fields : Object.keys(values),
    message: rule ? rule.message : `${r.note ?? ''}; left blank.`,
    values,
  };
}

/** One pack's export is named for the pack (age-2024-05-03.docx); several packs, for the report. */
export function exportFileName(meta: ExportMeta, tables: readonly { result: { pack: string } }[], ext: string): string {
  const name = tables.length === 1 ? tables[0]!.result.pack : 'iro-report-tables';
  return `${name}-${meta.generatedAt.slice(0, 10)}.${ext}`;
}

export async function openAppWorkspace(options: WorkspaceOptions): Promise<AppWorkspace> {
  return (await Workspace.open({ ...options, setupSql: [...CANONICAL_VIEWS, ...(options.setupSql ?? [])] }, AppWorkspace)) as AppWorkspace;
}
