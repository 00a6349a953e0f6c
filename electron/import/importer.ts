/**
 * Import one collection year's return: every file is read, recognised, staged and checked first;
 * only when nothing is wrong are the year's old rows replaced, in one transaction. A refused
 * import changes nothing and says what is wrong by file, row and column.
 *
 * A plain CSV file (the usual case) is not staged: its rows go straight from the file into their
 * table, checked row by row as they go (checkedInsertSql), so the data is stored once, not twice.
 * If any row is not clean the whole import is undone and done again the staged way, which finds
 * and words every problem: the outcome and messages are the same either way.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { isUtf8 } from 'node:buffer';
import { basename, extname, join } from 'node:path';
import type { ImportedFile, ImportFileInput, ImportMessage, ImportReport } from '../../shared/api.js';
import { FILE_KINDS, type FileKind, type FileKindId } from '../../shared/domain/fileKinds.js';
import { isReturnYear, MAX_RETURN_YEAR, MIN_RETURN_YEAR } from '../../shared/domain/years.js';
import type { SqlEngine, SqlValue } from '../../shared/engine.js';
import { quoteIdent, quoteLiteral } from '../../shared/engine.js';
import { csvQuote, detectDelimiter, MAX_COLUMNS, MAX_FIELD_CHARS, quickScanCsv, scanCsv, type CsvProblem } from '../../shared/import/csv.js';
import {
  allEmptySql,
  checkedInsertSql,
  codeValuesAllSql,
  codeValuesLoadedSql,
  type DatesRead,
  extraKeyParams,
  insertSql,
  NOT_CLEAN,
  problemsSql,
  quickCheckSql,
  stagedColumn,
  stagedSelectSql,
  typedColumn,
} from '../../shared/import/loadSql.js';
import { knownCodesFor } from '../../shared/import/knownCodes.js';
import { recogniseColumns, type Recognised, type Recognition } from '../../shared/import/recognise.js';
import { decodeText, mixedEncodingWarning, sniffContainer } from './decode.js';
import { EarlyTransaction } from './earlyTransaction.js';
import { fitsTypeSql, typeLocalColumns } from './localTypes.js';
import { cellToText, columnLetter, readWorkbook } from './xlsx.js';
import { checkZip, zipHolds } from './zipGuard.js';

export interface ImportProgress {
  stage: 'reading' | 'checking' | 'loading' | 'done';
  done: number;
  total: number;
  file?: string;
}

export type KnownCodes = (kind: FileKindId, column: string) => ReadonlySet<string> | null;

export interface ImportOptions {
  /** ISO timestamp of the import (passed in so tests are deterministic). */
  now?: string;
  /** Told each stage as it starts; a promise it returns is waited for (tests hold an import at a stage). */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  /** The code lists unknown-code warnings check against (default: shared/import/knownCodes). */
  knownCodes?: KnownCodes;
  /**
   * Where decoded copies of the files are staged during the import (default: the system's temp
   * folder). A file workspace stages beside itself, so a killed import leaves no child-level
   * copies in /tmp and the next open of the workspace clears them.
   */
  stagingRoot?: string;
  /**
   * Start loading plain files while later ones are still read (default true; see EarlyTransaction).
   * False loads only once every file is read and checked: the reference the tests hold it to.
   */
  loadEarly?: boolean;
}

/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED_PROBLEMS = 50;
/** A 903 file is a few MB; a string in V8 cannot pass about 500 MB, and nothing near that is a return. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** DuckDB's line limit, above our own (1M characters, up to 3 bytes each, quotes doubled when rewritten). */
const READ_CSV_LIMITS = 'max_line_size = 8388608, buffer_size = 16777216';
/** Trimmed from every 903 value: spaces, tabs, line breaks and the no-break space Excel and web pages leave. */
const TRIM_CHARS = quoteLiteral(' \t\r\n\u00a0');
/** How far down a file or sheet the column names are looked for (title rows above them are skipped). */
const HEADER_SEARCH_ROWS = 10;

interface Source {
  /** How the user knows it: "episodes.csv" or "return.xlsx › episodes". */
  label: string;
  fileName: string;
  sha256: string;
  staged: string;
  rows: number;
  recognised: Recognised | null; // null = a plain local table
  localTable?: string;
  /** Staged table of the values that could not be read and were left blank ("import anyway"). */
  blanked?: string;
  /** A plain CSV file loaded straight into its table, not staged (staged is then ''). */
  direct?: DirectLoad;
}

/** How a file not staged is loaded: the SELECT that would have staged it, and its parameters. */
interface DirectLoad {
  select: string;
  /** The date columns select reads as DATE (see DatesRead). */
  datesRead: DatesRead;
  params: Record<string, SqlValue>;
  /** Where in the messages its unknown-code warnings go (where checking a staged file puts them). */
  warningsAt: number;
}

/** A row of a file loaded straight into its table needs the staged path's full check (see NOT_CLEAN). */
class NeedsStaging extends Error {}

/** Everything the staging of one file needs. */
interface Stage {
  engine: SqlEngine;
  temp: string;
  /** Plain CSV files may be loaded straight into their tables (see DirectLoad). */
  direct: boolean;
  /** A fresh staged table name (all share the import's prefix, so they can be dropped together). */
  nextName: () => string;
  /** A fresh path in temp for a file's copy (see beginCopy). */
  nextCopy: () => string;
  messages: ImportMessage[];
}

/** A copy of a file's bytes being written (by the thread pool) for DuckDB to read. */
interface Copy {
  path: string;
  written: Promise<void>;
}

/** What the value checks found across the import's files. */
interface ValueCheck {
  /** Values that cannot be read (each could be left blank by "import anyway"). */
  unreadable: number;
  /** Error messages that name such values (all of them, when nothing else is wrong). */
  messages: number;
  /** Values left blank because the user chose "import anyway". */
  blanked: number;
}

export async function importReturn(
  engine: SqlEngine,
  request: { year: number; files: ImportFileInput[]; blankUnreadable?: boolean },
  options: ImportOptions = {},
): Promise<ImportReport> {
  // "Import anyway" blanks values in the staged tables.
  if (request.blankUnreadable) return importOnce(engine, request, options, false);
  try {
    return await importOnce(engine, request, options, true);
  } catch (err) {
    if (!(err instanceof NeedsStaging)) throw err;
    return importOnce(engine, request, options, false);
  }
}

/** One attempt; with direct, plain CSV files are loaded unstaged, and NeedsStaging is thrown (nothing changed) where one is not clean. */
async function importOnce(
  engine: SqlEngine,
  request: { year: number; files: ImportFileInput[]; blankUnreadable?: boolean },
  options: ImportOptions,
  direct: boolean,
): Promise<ImportReport> {
  const { year } = request;
  const messages: ImportMessage[] = [];
  const values: ValueCheck = { unreadable: 0, messages: 0, blanked: 0 };
  const report = (ok: boolean, files: ImportedFile[] = [], importId: number | null = null, replaced = false): ImportReport => {
    const errors = messages.filter((m) => m.level === 'error').length;
    return {
      ok,
      year,
      importId,
      files,
      messages,
      replaced,
      ...(ok && values.blanked > 0 ? { blanked: values.blanked } : {}),
      // "Import anyway" is offered only when every error is a value that could be left blank.
      ...(!ok && values.unreadable > 0 && errors === values.messages ? { blankable: values.unreadable } : {}),
    };
  };
  if (!isReturnYear(year)) {
    messages.push({
      level: 'error',
      file: '',
      text: `${year} is not a collection year: give the year the return ends, between ${MIN_RETURN_YEAR} and ${MAX_RETURN_YEAR} (e.g. 2023 for 2022/23).`,
    });
    return report(false);
  }
  if (request.files.length === 0) {
    messages.push({ level: 'error', file: '', text: 'No files were given to import.' });
    return report(false);
  }

  const stagingRoot = options.stagingRoot ?? tmpdir();
  await mkdir(stagingRoot, { recursive: true, mode: 0o700 });
  const temp = await mkdtemp(join(stagingRoot, 'iro-import-'));
  const prefix = `stg_${randomBytes(4).toString('hex')}_`;
  let made = 0;
  let copies = 0;
  const sources: Source[] = [];
  let now = '';
  const load: LoadContext = { year, messages, knownCodes: options.knownCodes ?? knownCodesFor, now: () => now };
  // Plain files start loading while the next ones are still read (see EarlyTransaction); the
  // early load is abandoned as soon as the import turns out not to be that simple.
  let earlyId: number | null = null;
  const early = direct && options.loadEarly !== false ? new EarlyTransaction<Source, Loaded>(engine, (next) => loadSources(engine, load, next, (id) => (earlyId = id))) : null;
  const abandonEarly = async () => {
    await early?.abandon();
  };
  // Ids do not depend on whether loading started early: the id of an early load undone before its
  // turn is given back; one that failed on a row not clean is spent, as a load after staging spends it.
  // Settled once: when spent, before finishing (the id may not be taken yet); when given back, after the early load has ended.
  let earlyIdSettled = false;
  const settleEarlyId = async (spent: boolean) => {
    if (earlyIdSettled) return;
    earlyIdSettled = true;
    if (earlyId !== null && !spent) await giveBackImportId(engine, earlyId);
  };
  // Staging's own SQL must not run inside the early load's transaction: it is abandoned first.
  const stage: Stage = { engine: early ? afterEach(abandonEarly, engine) : engine, temp, direct, nextName: () => `${prefix}${made++}`, nextCopy: () => join(temp, `copy-${copies++}.csv`), messages };
  const progress = async (stageName: ImportProgress['stage'], done: number, file?: string) =>
    await options.onProgress?.({ stage: stageName, done, total: request.files.length, ...(file ? { file } : {}) });
  const refused = () => messages.some((m) => m.level === 'error');
  try {
    let n = 0;
    for (const input of request.files) {
      const fileName = input.name || (input.path ? basename(input.path) : 'file');
      await progress('reading', n, fileName);
      let staged: Source[] = [];
      try {
        staged = await stageFile(stage, input, fileName);
        sources.push(...staged);
      } catch (err) {
        // Whatever went wrong, it went wrong with this file: say which, and go on checking the others.
        messages.push({ level: 'error', file: fileName, text: `This file could not be read: ${plainError(err)}` });
      }
      if (early) {
        if (!refused() && staged.every((s) => s.direct)) {
          early.feed(staged);
          // Its first statements (the year's old rows out) are many short ones, each waiting for
          // this thread: let them run now, so that it is loading while the next file is read.
          await early.ready;
        } else await abandonEarly();
      }
      n++;
    }
    checkOneFilePerKind(sources, messages);
    await checkLocalTables(stage.engine, sources, year, messages);
    await progress('checking', n);
    for (const s of sources) {
      if (s.direct) s.direct.warningsAt = messages.length;
      else if (s.recognised) await checkSource(stage, s, values, request.blankUnreadable === true, load.knownCodes);
    }
    // A refusal lists every file's problems, so the files not yet checked are staged and checked too.
    if (refused()) {
      await abandonEarly();
      await settleEarlyId(false);
      if (sources.some((s) => s.direct)) throw new NeedsStaging();
      return report(false);
    }
    if (!sources.some((s) => s.recognised?.kind.id === 'episodes')) {
      messages.push({ level: 'warning', file: '', text: `This import has no episodes file: most tables for ${year} will be empty.` });
    }

    await progress('loading', n);
    now = options.now ?? new Date().toISOString();
    let outcome: Loaded | null = null;
    if (early?.live && early.fed === sources.length) {
      await settleEarlyId(true);
      outcome = await early.finish();
    } else if (early?.failure instanceof NeedsStaging) {
      await settleEarlyId(true);
      throw new NeedsStaging();
    } else {
      // Not started, abandoned, or failed otherwise: loaded after staging, as if it had never started.
      await abandonEarly();
      await settleEarlyId(false);
      outcome = await engine.transaction(() => loadSources(engine, load, async (i) => sources[i] ?? null));
    }
    await progress('done', n);
    return report(true, outcome.files, outcome.importId, outcome.replaced);
  } catch (err) {
    if (err instanceof NeedsStaging) throw err;
    messages.push({ level: 'error', file: '', text: `The import failed and nothing was changed: ${plainError(err)}` });
    return report(false);
  } finally {
    await abandonEarly();
    await settleEarlyId(false);
    const staged = await engine
      .all<{ t: string }>(`SELECT table_name AS t FROM duckdb_tables() WHERE temporary AND starts_with(table_name, $prefix)`, { prefix })
      .catch(() => []);
    for (const { t } of staged) await engine.run(`DROP TABLE IF EXISTS temp.${quoteIdent(t)}`).catch(() => undefined);
    await rm(temp, { recursive: true, force: true });
  }
}

/** What the import's transaction made. */
interface Loaded {
  importId: number;
  files: ImportedFile[];
  replaced: boolean;
}

/** What loading needs besides the sources: the messages it adds unknown-code warnings to, and the import's time (known once every file is checked). */
interface LoadContext {
  year: number;
  messages: ImportMessage[];
  knownCodes: KnownCodes;
  now: () => string;
}

/**
 * The import's transaction: the year's old rows out, every source in (next(i) gives them in
 * order, null after the last: they may still be being read when it starts), then the import's
 * records. onId hears the import id as soon as it is taken.
 */
async function loadSources(
  engine: SqlEngine,
  { year, messages, knownCodes, now }: LoadContext,
  next: (i: number) => Promise<Source | null>,
  onId: (id: number) => void = () => undefined,
): Promise<Loaded> {
  const previous = await engine.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM imports WHERE return_year = $year', { year });
  const replaced = (previous[0]?.n ?? 0) > 0;
  await removeYearRows(engine, year);
  const idRow = await engine.all<{ id: number }>("SELECT nextval('import_id_seq')::INTEGER AS id");
  const importId = idRow[0]!.id;
  onId(importId);
  const files: ImportedFile[] = [];
  /** Unknown-code warnings of files loaded straight into their tables (each goes at its source's warningsAt, known once all are checked). */
  const warnings: { source: Source; list: ImportMessage[] }[] = [];
  for (let i = 0; ; i++) {
    const s = await next(i);
    if (!s) break;
    if (s.recognised) {
      if (s.direct) {
        warnings.push({ source: s, list: await loadDirect(engine, s, { year, import_id: importId, file: s.label }, knownCodes) });
      } else {
        await engine.run(insertSql(s.recognised, s.staged), { year, import_id: importId, file: s.label, ...extraKeyParams(s.recognised) });
      }
      if (s.blanked) {
        await engine.run(
          `INSERT INTO import_findings SELECT $year, $import_id, $file, source_row, child, column_name, value, problem FROM ${quoteIdent(s.blanked)} ORDER BY source_row, column_name`,
          { year, import_id: importId, file: s.label },
        );
      }
      files.push({
        name: s.label,
        kind: s.recognised.kind.id,
        table: s.recognised.kind.id,
        sha256: s.sha256,
        rows: s.rows,
        extraColumns: s.recognised.extraColumns.map((e) => e.name),
      });
    } else {
      await loadLocalTable(engine, s, year);
      files.push({ name: s.label, kind: 'local', table: s.localTable!, sha256: s.sha256, rows: s.rows, extraColumns: [] });
    }
  }
  for (const w of warnings.reverse()) messages.splice(w.source.direct!.warningsAt, 0, ...w.list);
  for (const f of files) {
    await engine.run(
      `INSERT INTO import_files VALUES ($id, $year, $name, $kind, $table, $sha, $rows, $extra::JSON)`,
      { id: importId, year, name: f.name, kind: f.kind, table: f.table, sha: f.sha256, rows: f.rows, extra: JSON.stringify(f.extraColumns) },
    );
  }
  const at = now().replace('Z', '');
  await engine.run(`INSERT INTO imports VALUES ($id, $year, $at::TIMESTAMP, $messages::JSON)`, { id: importId, year, at, messages: JSON.stringify(messages) });
  await engine.run(`INSERT INTO activity_log VALUES ($at::TIMESTAMP, 'import', $detail::JSON)`, {
    at,
    detail: JSON.stringify({
      year,
      importId,
      replaced,
      user: activityUser(),
      files: files.map((f) => ({ name: f.name, kind: f.kind, table: f.table, sha256: f.sha256, rows: f.rows })),
    }),
  });
  return { importId, files, replaced };
}

/**
 * Make `id` the next import id again when no id has been taken since it (sequences are not
 * rolled back with a transaction); otherwise it stays a gap, as ids always could.
 */
async function giveBackImportId(engine: SqlEngine, id: number): Promise<void> {
  await engine.transaction(async () => {
    const after = await engine.all<{ id: number }>("SELECT nextval('import_id_seq')::INTEGER AS id");
    if (after[0]?.id === id + 1) await engine.run(`CREATE OR REPLACE SEQUENCE import_id_seq START ${Number(id)}`);
  });
}

/** The engine with `before` awaited ahead of every call. */
function afterEach(before: () => Promise<void>, engine: SqlEngine): SqlEngine {
  return {
    run: async (sql, params) => (await before(), engine.run(sql, params)),
    all: async (sql, params) => (await before(), engine.all(sql, params)),
    columnar: async (sql, params, limit) => (await before(), engine.columnar(sql, params, limit)),
    transaction: async (fn) => (await before(), engine.transaction(fn)),
    exclusive: async (fn) => (await before(), engine.exclusive(fn)),
    userQuery: async (sql, o) => (await before(), engine.userQuery(sql, o)),
    cancelUserQueries: () => engine.cancelUserQueries(),
    rewriteFile: async (scratch) => (await before(), engine.rewriteFile(scratch)),
    close: async () => (await before(), engine.close()),
  };
}

/** An error's message without DuckDB's multi-line "possible fixes" tail. */
function plainError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.slice(0, 500);
}

/** Delete every row of a year: 903 tables, local tables, and its import records. */
export async function removeYearRows(engine: SqlEngine, year: number): Promise<void> {
  for (const k of FILE_KINDS) await engine.run(`DELETE FROM ${quoteIdent(k.id)} WHERE return_year = $year`, { year });
  const locals = await engine.all<{ t: string }>(
    `SELECT DISTINCT table_name AS t FROM import_files WHERE kind = 'local' AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main')`,
  );
  for (const { t } of locals) await engine.run(`DELETE FROM ${quoteIdent(t)} WHERE return_year = $year`, { year });
  await engine.run('DELETE FROM import_files WHERE return_year = $year', { year });
  await engine.run('DELETE FROM import_findings WHERE return_year = $year', { year });
  await engine.run('DELETE FROM imports WHERE return_year = $year', { year });
}

function checkOneFilePerKind(sources: Source[], messages: ImportMessage[]): void {
  const byKind = new Map<string, string[]>();
  for (const s of sources) if (s.recognised) byKind.set(s.recognised.kind.id, [...(byKind.get(s.recognised.kind.id) ?? []), s.label]);
  for (const [kind, labels] of byKind) {
    if (labels.length > 1) {
      messages.push({ level: 'error', file: labels[1]!, text: `Two ${kind} files in one return (${labels.join(' and ')}): import one of them.` });
    }
  }
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
const MB = (n: number) => `${(n / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 0 })} MB`;

/** The file's bytes, or null with a message when it cannot or must not be read. */
async function readBytes(input: ImportFileInput, fileName: string, messages: ImportMessage[]): Promise<Uint8Array | null> {
  const error = (text: string) => {
    messages.push({ level: 'error', file: fileName, text });
    return null;
  };
  if (input.data) {
    if (input.data.byteLength > MAX_FILE_BYTES) return error(`The file is ${MB(input.data.byteLength)}; files over ${MB(MAX_FILE_BYTES)} are refused (no 903 return is near that size).`);
    return input.data;
  }
  if (!input.path) return error('No path and no contents were given for this file.');
  const info = await stat(input.path).catch((err: NodeJS.ErrnoException) => err);
  if (info instanceof Error) {
    return error(info.code === 'ENOENT' ? `The file ${input.path} cannot be found.` : `The file ${input.path} cannot be opened (${info.code ?? info.message}).`);
  }
  // Never read a device, pipe or socket (/dev/zero would never end).
  if (!info.isFile()) return error(`${input.path} is not a file.`);
  if (info.size > MAX_FILE_BYTES) return error(`The file is ${MB(info.size)}; files over ${MB(MAX_FILE_BYTES)} are refused (no 903 return is near that size).`);
  // A view of the Buffer read, not a copy of it (16 MB for a national episodes file).
  const read = await readFile(input.path);
  return new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
}

/** Read one file into one staged table per 903 file (an XLSX gives one per sheet). */
async function stageFile(st: Stage, input: ImportFileInput, fileName: string): Promise<Source[]> {
  const { messages } = st;
  const bytes = await readBytes(input, fileName, messages);
  if (!bytes) return [];
  // Hashed by the thread pool while the text is checked here (awaited where a source is made).
  const sha256 = sha256Hex(bytes);
  sha256.catch(() => undefined);
  const ext = extname(fileName).toLowerCase();
  const error = (text: string) => messages.push({ level: 'error', file: fileName, text });
  const asWorkbook = ext === '.xlsx' || ext === '.xlsm';

  if (bytes.length === 0) {
    error('The file is empty.');
    return [];
  }
  const container = sniffContainer(bytes);
  switch (container.kind) {
    case 'ole':
      error(
        container.holds === 'encrypted-workbook'
          ? 'This workbook is password-protected (encrypted), so it cannot be read: open it in Excel, remove the password, save a copy as .xlsx and import that.'
          : container.holds === 'xls'
            ? 'This is an old Excel 97-2003 (.xls) workbook, which cannot be read: open it in Excel and save it as .xlsx or CSV.'
            : container.holds === 'word'
              ? 'This is a Word document, not a CSV file or an Excel workbook.'
              : 'This is an old Microsoft Office file, not a CSV file or an .xlsx workbook: open it in Excel and save it as .xlsx or CSV.',
      );
      return [];
    case 'zip': {
      const check = checkZip(bytes);
      if (!check.ok) {
        error(`This ${asWorkbook ? 'workbook' : 'zip file'} was not opened: ${check.reason}.`);
        return [];
      }
      const holds = zipHolds(check.entries);
      if (holds === 'word' || holds === 'powerpoint') {
        error(`This is a ${holds === 'word' ? 'Word document' : 'PowerPoint presentation'}, not a CSV file or an Excel workbook.`);
        return [];
      }
      if (holds === 'other') {
        const inside = check.entries.filter((e) => !e.name.endsWith('/')).map((e) => e.name);
        const list = inside.slice(0, 5).join(', ') + (inside.length > 5 ? `, and ${inside.length - 5} more` : '');
        error(`This is a zip file, not a CSV file or an Excel workbook: unzip it and import the files inside${list ? ` (${list})` : ''}.`);
        return [];
      }
      if (!asWorkbook) messages.push({ level: 'warning', file: fileName, text: `This file is named ${ext || 'without an extension'} but is an Excel workbook; it was read as one.` });
      return stageWorkbook(st, bytes, fileName, await sha256);
    }
    case 'binary':
      error(`This is ${container.what ?? 'a binary file'}, not a CSV file or an Excel workbook.`);
      return [];
    case 'text':
      break;
  }
  if (asWorkbook) {
    messages.push({ level: 'warning', file: fileName, text: `This file is named ${ext} but holds plain text; it was read as CSV.` });
  }
  const source = await stageCsv(st, bytes, fileName, sha256, beginCopy(st, bytes), ext);
  return source ? [source] : [];
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

/**
 * Begin writing the copy DuckDB reads while the file is still being checked, when its bytes may
 * be that copy (UTF-8 without a BOM: see cleanCopy in stageCsv); null when they cannot be.
 */
function beginCopy(st: Stage, bytes: Uint8Array): Copy | null {
  if (!isUtf8(bytes) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return null;
  const path = st.nextCopy();
  const written = writeFile(path, bytes, { mode: 0o600 });
  // Unused unless the file turns out clean; where it is used, a failure is met as it is awaited.
  written.catch(() => undefined);
  return { path, written };
}

/** A row that names a 903 kind's columns (all of them, or most). */
function looksLike903Header(cells: readonly string[]): boolean {
  if (cells.length < 2) return false;
  const status = recogniseColumns(cells).status;
  return status === 'recognised' || status === 'incomplete';
}

/** Where the column names are: a 903 header within the first rows, read with whichever delimiter finds it. */
function locateCsvHeader(text: string, firstLine: number, forced: string | null): { delimiter: string; line: number; offset: number; skipped: string[] } | null {
  const prefix = text.slice(0, 256 * 1024);
  let best: { delimiter: string; line: number; offset: number; skipped: string[] } | null = null;
  for (const delimiter of forced ? [forced] : [',', ';', '\t', '|']) {
    const peek = scanCsv(prefix, delimiter, { raw: true, limit: HEADER_SEARCH_ROWS, firstLine });
    const rows = peek.rows ?? [];
    const at = rows.findIndex((r) => looksLike903Header(r.fields));
    if (at < 0) continue;
    const r = rows[at]!;
    if (!best || r.line < best.line) {
      best = { delimiter, line: r.line, offset: r.offset, skipped: rows.slice(0, at).map((x) => x.fields.filter((f) => f.trim() !== '').join(' ')) };
    }
  }
  return best;
}

async function stageCsv(st: Stage, bytes: Uint8Array, fileName: string, sha256: Promise<string>, copy: Copy | null, ext: string): Promise<Source | null> {
  const { engine, messages } = st;
  const decoded = decodeText(bytes);
  if (decoded.mixed) messages.push(mixedEncodingWarning(fileName, decoded));
  else if (decoded.encoding === 'windows-1252') {
    messages.push({ level: 'warning', file: fileName, text: 'The file is not UTF-8; it was read as Windows-1252 (the usual Excel "CSV" encoding). Check names with accents or £ look right.' });
  }
  // A second BOM (a UTF-8 BOM inside UTF-16, or one saved twice) is not part of the first column's name.
  let text = decoded.text.replace(/^\uFEFF+/, '');
  if (text.trim() === '') {
    messages.push({ level: 'error', file: fileName, text: text === '' ? 'The file is empty: it has no header row.' : 'The file holds only blank lines: it has no header row.' });
    return null;
  }
  if (/^\s*<(\?xml|!DOCTYPE|html|table|[A-Za-z_][\w.-]*[\s>])/i.test(text.slice(0, 2048))) {
    messages.push({
      level: 'error',
      file: fileName,
      text: `This file holds XML or HTML (a web page, or an XML export${ext === '.xls' ? ' named .xls' : ''}), not CSV: open it in Excel and save it as .xlsx or CSV.`,
    });
    return null;
  }

  // Excel's "sep=;" first line names the delimiter.
  let firstLine = 1;
  let forced: string | null = null;
  const sep = /^sep=(.)(\r\n|\n|\r)/i.exec(text.slice(0, 16));
  if (sep) {
    forced = sep[1]!;
    text = text.slice(sep[0].length);
    firstLine = 2;
  }
  // Title rows above the column names ("SSDA903 Header 2023") are skipped, with a warning.
  const located = locateCsvHeader(text, firstLine, forced);
  const delimiter = located?.delimiter ?? forced ?? detectDelimiter(text);
  if (located && located.offset > 0) {
    text = text.slice(located.offset);
    firstLine = located.line;
    const titles = located.skipped.filter((t) => t !== '');
    if (titles.length > 0) {
      messages.push({
        level: 'warning',
        file: fileName,
        row: firstLine,
        text: `The column names are on row ${firstLine}; the ${titles.length > 1 ? `${titles.length} rows` : 'row'} above them (${titles.map((t) => `"${t.slice(0, 60)}"`).join(', ')}) ${titles.length > 1 ? 'were' : 'was'} skipped.`,
      });
    }
  }
  if (delimiter !== ',' && !forced) {
    const name = delimiter === '\t' ? 'tabs' : `"${delimiter}"`;
    messages.push({ level: 'warning', file: fileName, text: `Values are separated by ${name}, not commas; read that way.` });
  }

  // A plain file is checked by native string searches; anything else by the full tokenizer.
  const quick = quickScanCsv(text, delimiter, firstLine);
  const scan = quick ?? scanCsv(text, delimiter, { firstLine });
  if (scan.problems.length > 0) {
    for (const p of scan.problems) messages.push(csvProblemMessage(fileName, p, scan.header));
    return null;
  }
  if (scan.header.every((h) => h.trim() === '')) {
    messages.push({ level: 'error', file: fileName, row: scan.headerLine, text: `Row ${scan.headerLine} should hold the column names, but every cell in it is empty.` });
    return null;
  }
  const recognition = recogniseColumns(scan.header);
  if (!reportRecognition(recognition, fileName, scan.headerLine, 'file', messages)) return null;
  const columnCount = scan.header.length;
  const staged = st.nextName();
  const path = join(st.temp, `${staged}.csv`);
  // DuckDB reads a clean file straight from disk; anything irregular is rewritten by our tokenizer first.
  const clean = scan.blankLines === scan.emptyLinesAtEnd && scan.headerLine === firstLine && !scan.multiline && !scan.strayQuotes && !scan.mixedLineEndings;
  // A clean file's copy for DuckDB: the bytes as read when they are exactly the text (UTF-8 with
  // nothing cut off), which spares encoding the text again (a quarter of a second per national year).
  const cleanCopy = text === decoded.text && decoded.encoding === 'utf-8' && !decoded.mixed ? bytes : text;
  /** Write a clean file's copy (or wait for the one begun as it was read) and say where it is. */
  const writeCleanCopy = async (): Promise<string> => {
    if (cleanCopy === bytes && copy) {
      await copy.written;
      return copy.path;
    }
    await writeFile(path, cleanCopy, { mode: 0o600 });
    return path;
  };
  const rewrite = async (withLine: boolean) => {
    const out: string[] = [];
    if (!withLine) out.push(scan.header.map(csvQuote).join(','));
    scanCsv(text, delimiter, {
      firstLine,
      onRecord: (r) => {
        out.push((withLine ? [String(r.line), ...r.fields] : r.fields).map(csvQuote).join(','));
      },
    });
    await writeFile(path, out.join('\n'), { mode: 0o600 });
  };
  const skippedBlank = scan.blankLines - scan.emptyLinesAtEnd;
  if (skippedBlank > 0) {
    messages.push({ level: 'info', file: fileName, text: `${skippedBlank.toLocaleString('en-GB')} blank line${skippedBlank > 1 ? 's were' : ' was'} skipped.` });
  }

  if (recognition.status === 'unrecognised') {
    // A local table (escalations, caseloads...): read as text, then typed only where provably safe.
    const at = clean ? await writeCleanCopy() : path;
    if (!clean) await rewrite(false);
    await engine.run(
      `CREATE TEMP TABLE ${quoteIdent(staged)} AS SELECT * FROM read_csv($path, header = true, delim = $delim, all_varchar = true, ${READ_CSV_LIMITS})`,
      { path: at, delim: clean ? delimiter : ',' },
    );
    await typeLocalColumns(engine, staged);
    const rows = await countRows(engine, staged);
    const table = localTableName(fileName);
    messages.push({ level: 'info', file: fileName, text: `Not a 903 file; read as the local table ${table} (${plural(rows, 'row')}).` });
    return { label: fileName, fileName, sha256: await sha256, staged, rows, recognised: null, localTable: table };
  }
  if (clean) {
    const at = await writeCleanCopy();
    // Trimming every value costs more than reading the file; skip it when no value needs it.
    const raw = (datesRead?: DatesRead) => cleanCsvSelect(columnCount, quick?.padded ?? true, datesRead);
    const params = { path: at, delim: delimiter, first: firstLine };
    if (st.direct && scan.records > 0) {
      extraColumnsWarning(fileName, recognition, messages);
      const datesRead = quick !== null ? dmyDateColumns(text, delimiter, recognition) : new Set<number>();
      // Every Excel error value starts with '#': a file without one holds none (see stagedSelectSql).
      const excelErrorsPossible = text.includes('#');
      return {
        label: fileName,
        fileName,
        sha256: await sha256,
        staged: '',
        rows: scan.records,
        recognised: recognition,
        direct: { select: stagedSelectSql(recognition, raw(datesRead), datesRead, excelErrorsPossible), datesRead, params, warningsAt: -1 },
      };
    }
    await engine.run(`CREATE TEMP TABLE ${quoteIdent(staged)} AS ${stagedSelectSql(recognition, raw())}`, params);
  } else {
    await rewrite(true);
    await stageRewritten(st, staged, path, columnCount, recognition);
  }
  return finishStaging(engine, fileName, fileName, await sha256, staged, recognition, messages);
}

/** A tokenizer problem as a message naming the row and, when it is one value, the column. */
function csvProblemMessage(fileName: string, p: CsvProblem, header: readonly string[]): ImportMessage {
  // The column by its name, or by its position when the header itself is the problem.
  const column = p.column === undefined ? undefined : header[p.column - 1]?.trim() || String(p.column);
  return {
    level: 'error',
    file: fileName,
    row: p.line,
    ...(column ? { column } : {}),
    text: `Row ${p.line}${column ? ` (column ${column})` : ''} ${p.text}.`,
  };
}

/** Messages for a header that is not usable as it stands; false when the file must be refused. */
function reportRecognition(recognition: Recognition, label: string, headerRow: number, what: 'file' | 'sheet', messages: ImportMessage[]): recognition is Recognised | { status: 'unrecognised' } {
  if (recognition.status === 'duplicate-columns') {
    for (const d of recognition.duplicates) {
      messages.push({ level: 'error', file: label, row: headerRow, column: d.name, text: `Column ${d.name} appears more than once (columns ${d.positions.join(' and ')}).` });
    }
    return false;
  }
  if (recognition.status === 'incomplete') {
    messages.push({
      level: 'error',
      file: label,
      row: headerRow,
      column: recognition.missing.join(', '),
      text: `This looks like a 903 ${recognition.kind.title} ${what} but it has no ${recognition.missing.join(', ')} column${recognition.missing.length > 1 ? 's' : ''}.`,
    });
    return false;
  }
  return true;
}

/**
 * The rawSelect of stagedSelectSql for a clean file (params $path, $delim, and $first, the line of
 * its header): source_row and every value as text, trimmed unless no value is padded, or as DATE
 * for the columns in datesRead (see DatesRead). A value the reader cannot read as a date leaves its
 * row out (ignore_errors), which loadDirect notices.
 */
export function cleanCsvSelect(columnCount: number, padded: boolean, datesRead: DatesRead = new Set()): string {
  const columns = Array.from({ length: columnCount }, (_, i) => stagedColumn(i));
  const decl = columns.map((c, i) => `${quoteLiteral(c)}: '${datesRead.has(i) ? 'DATE' : 'VARCHAR'}'`).join(', ');
  const values = columns.map((c, i) => (datesRead.has(i) ? c : `${trimmedValue(c, padded)} AS ${c}`)).join(', ');
  const dates = datesRead.size > 0 ? `dateformat = '%d/%m/%Y', ignore_errors = true, ` : '';
  return `SELECT (row_number() OVER () + $first)::INTEGER AS source_row, ${values}
     FROM read_csv($path, header = true, auto_detect = false, delim = $delim, quote = '"', escape = '"', ${dates}${READ_CSV_LIMITS}, columns = {${decl}})`;
}

/** A staged value: trimmed text, '' for none. */
function trimmedValue(column: string, trim: boolean): string {
  return trim ? `coalesce(trim(${column}, ${TRIM_CHARS}), '')` : `coalesce(${column}, '')`;
}

/** How many records are looked at to see whether a file's dates are all dd/mm/yyyy. */
const DATE_SAMPLE_ROWS = 50;

/**
 * The date columns (by position) the direct path reads as DATE (see DatesRead): all of them when
 * every date in the file's first rows is written dd/mm/yyyy (or blank), else none (a file of ISO
 * dates keeps the text conversion, which reads them, instead of going the staged way). Never for a
 * file holding a vertical tab or form feed, which the reader would skip around a date.
 */
function dmyDateColumns(text: string, delimiter: string, recognised: Recognised): DatesRead {
  const dates = recognised.kind.columns.filter((c) => c.type === 'date').map((c) => recognised.columnIndex[c.name] ?? -1).filter((i) => i >= 0);
  if (dates.length === 0 || text.includes('\v') || text.includes('\f')) return new Set();
  const rows = text.slice(0, 64 * 1024).split('\n').slice(1, -1).slice(0, DATE_SAMPLE_ROWS);
  for (const row of rows) {
    const fields = row.split(delimiter);
    for (const i of dates) {
      const v = (fields[i] ?? '').trim();
      if (v !== '' && !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v)) return new Set();
    }
  }
  return new Set(dates);
}

async function stageRewritten(st: Stage, staged: string, path: string, columnCount: number, recognised: Recognised): Promise<void> {
  const decl = [`'source_row': 'INTEGER'`, ...Array.from({ length: columnCount }, (_, i) => `${quoteLiteral(stagedColumn(i))}: 'VARCHAR'`)].join(', ');
  const trimmed = Array.from({ length: columnCount }, (_, i) => `${trimmedValue(stagedColumn(i), true)} AS ${stagedColumn(i)}`).join(', ');
  const raw = `SELECT source_row, ${trimmed}
     FROM read_csv($path, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', ${READ_CSV_LIMITS}, columns = {${decl}})`;
  await st.engine.run(`CREATE TEMP TABLE ${quoteIdent(staged)} AS ${stagedSelectSql(recognised, raw)}`, { path });
}

function extraColumnsWarning(label: string, recognised: Recognised, messages: ImportMessage[]): void {
  if (recognised.extraColumns.length === 0) return;
  messages.push({
    level: 'warning',
    file: label,
    text: `Columns that are not part of the 903 ${recognised.kind.title} file were kept aside, not used: ${recognised.extraColumns.map((x) => x.name).join(', ')}.`,
  });
}

/**
 * Load a file not staged straight into its table (inside the import's transaction), and return its
 * unknown-code warnings. NeedsStaging if a row is not clean or the rows are not those the scan counted.
 */
async function loadDirect(engine: SqlEngine, s: Source, keys: { year: number; import_id: number; file: string }, knownCodes: KnownCodes): Promise<ImportMessage[]> {
  const rec = s.recognised!;
  let loaded: { Count: number }[];
  try {
    // An INSERT's result is the number of rows it inserted.
    loaded = await engine.all<{ Count: number }>(checkedInsertSql(rec, s.direct!.select, s.direct!.datesRead), { ...s.direct!.params, ...keys, ...extraKeyParams(rec) });
  } catch (err) {
    if (err instanceof Error && err.message.includes(NOT_CLEAN)) throw new NeedsStaging();
    throw err;
  }
  if (loaded[0]?.Count !== s.rows) throw new NeedsStaging();
  const warnings: ImportMessage[] = [];
  await warnUnknownCodes(engine, s, rec.kind, warnings, knownCodes, (columns) => codeValuesLoadedSql(rec, columns), { import_id: keys.import_id });
  return warnings;
}

/** Drop rows with no value at all (Excel leaves trailing ",,,," lines) and say so. */
async function finishStaging(
  engine: SqlEngine,
  label: string,
  fileName: string,
  sha256: string,
  staged: string,
  recognised: Recognised,
  messages: ImportMessage[],
): Promise<Source> {
  const allEmpty = allEmptySql(recognised);
  const empty = await engine.all<{ n: number; first: number | null; last: number | null }>(
    `SELECT count(*)::INTEGER AS n, min(source_row) AS first, max(source_row) AS last FROM ${quoteIdent(staged)} WHERE ${allEmpty}`,
  );
  const e = empty[0]!;
  if (e.n > 0) {
    await engine.run(`DELETE FROM ${quoteIdent(staged)} WHERE ${allEmpty}`);
    messages.push({
      level: 'info',
      file: label,
      text: e.n === 1 ? `Row ${e.first} is empty and was skipped.` : `${e.n} empty rows (rows ${e.first}-${e.last}) were skipped.`,
    });
  }
  extraColumnsWarning(label, recognised, messages);
  const rows = await countRows(engine, staged);
  if (rows === 0) messages.push({ level: 'info', file: label, text: `The ${recognised.kind.title} file has no rows.` });
  return { label, fileName, sha256, staged, rows, recognised };
}

async function stageWorkbook(st: Stage, bytes: Uint8Array, fileName: string, sha256: string): Promise<Source[]> {
  const { engine, messages } = st;
  let sheets;
  try {
    sheets = await readWorkbook(bytes);
  } catch (err) {
    messages.push({ level: 'error', file: fileName, text: `This workbook could not be read (${plainError(err)}). Save it again from Excel as .xlsx, or export the sheets as CSV.` });
    return [];
  }
  const sources: Source[] = [];
  const before = messages.length;
  for (const sheet of sheets) {
    const label = `${fileName} › ${sheet.name}`;
    if (sheet.hidden) {
      messages.push({ level: 'warning', file: label, text: `Sheet "${sheet.name}" is hidden and was not imported. Unhide it in Excel if it should be.` });
      continue;
    }
    if (sheet.rows.length === 0) continue; // an empty sheet holds nothing to import
    // The column names: a 903 header within the first rows, else the first row with anything in it.
    const texts = (cells: unknown[]) => cells.map((c) => cellToText(c, false));
    const search = sheet.rows.slice(0, HEADER_SEARCH_ROWS);
    const found = search.findIndex((r) => looksLike903Header(texts(r.cells)));
    const headerAt = Math.max(found, 0);
    const headerRow = sheet.rows[headerAt]!;
    const header = texts(headerRow.cells);
    if (headerAt > 0) {
      messages.push({
        level: 'warning',
        file: label,
        row: headerRow.line,
        text: `The column names are on row ${headerRow.line}; the ${headerAt > 1 ? `${headerAt} rows` : 'row'} above them (${search
          .slice(0, headerAt)
          .map((r) => `"${texts(r.cells).filter((t) => t.trim() !== '').join(' ').slice(0, 60)}"`)
          .join(', ')}) ${headerAt > 1 ? 'were' : 'was'} skipped.`,
      });
    }
    const dataRows = sheet.rows.slice(headerAt + 1);
    if (sheet.mergedRanges.length > 0) {
      const ranges = sheet.mergedRanges.slice(0, 5).join(', ') + (sheet.mergedRanges.length > 5 ? ` and ${sheet.mergedRanges.length - 5} more` : '');
      messages.push({
        level: 'warning',
        file: label,
        text: `Sheet "${sheet.name}" has merged cells (${ranges}); each merged block's value was read into every cell it covers, as Excel shows it: check those rows.`,
      });
    }
    if (sheet.formulasWithoutResult.count > 0) {
      const { count, first } = sheet.formulasWithoutResult;
      messages.push({
        level: 'warning',
        file: label,
        text: `${count} formula cell${count > 1 ? 's have' : ' has'} no saved result (first at ${first}), so ${count > 1 ? 'they were' : 'it was'} read as blank: open the file in Excel and save it to fill them in.`,
      });
    }
    if (header.length > MAX_COLUMNS) {
      messages.push({ level: 'error', file: label, row: headerRow.line, text: `Row ${headerRow.line} has ${plural(header.length, 'column')}; at most ${MAX_COLUMNS.toLocaleString('en-GB')} can be read.` });
      continue;
    }
    // Excel holds at most 32,767 characters in a cell; a longer one was not written by Excel.
    let long: { line: number; i: number; v: string } | null = null;
    for (const r of [headerRow, ...dataRows]) {
      const i = r.cells.findIndex((v) => typeof v === 'string' && v.length > MAX_FIELD_CHARS);
      if (i >= 0) {
        long = { line: r.line, i, v: r.cells[i] as string };
        break;
      }
    }
    if (long) {
      const letter = columnLetter(long.i + 1);
      messages.push({
        level: 'error',
        file: label,
        row: long.line,
        column: header[long.i]?.trim() || letter,
        text: `Row ${long.line} (column ${header[long.i]?.trim() || letter}) holds a value of ${plural(long.v.length, 'character')}; values longer than ${MAX_FIELD_CHARS.toLocaleString('en-GB')} characters are refused.`,
      });
      continue;
    }
    const recognition = recogniseColumns(header);
    if (!reportRecognition(recognition, label, headerRow.line, 'sheet', messages)) continue;
    const width = header.length;
    const staged = st.nextName();
    const path = join(st.temp, `${staged}.csv`);
    if (recognition.status === 'unrecognised') {
      const body = [header.map(csvQuote).join(','), ...dataRows.map((r) => Array.from({ length: width }, (_, i) => csvQuote(cellToText(r.cells[i], false))).join(','))].join('\n');
      await writeFile(path, body, { mode: 0o600 });
      await engine.run(`CREATE TEMP TABLE ${quoteIdent(staged)} AS SELECT * FROM read_csv($path, header = true, delim = ',', all_varchar = true, ${READ_CSV_LIMITS})`, { path });
      await typeLocalColumns(engine, staged);
      const rows = await countRows(engine, staged);
      const table = localTableName(sheet.name);
      messages.push({ level: 'info', file: label, text: `Not a 903 sheet; read as the local table ${table} (${plural(rows, 'row')}).` });
      sources.push({ label, fileName, sha256, staged, rows, recognised: null, localTable: table });
      continue;
    }
    const dateAt = new Set(recognition.kind.columns.filter((c) => c.type === 'date').map((c) => recognition.columnIndex[c.name]));
    let tooWide: { line: number; column: number } | null = null;
    for (const r of dataRows) {
      const extra = r.cells.findIndex((c, i) => i >= width && c !== null && c !== undefined && String(c).trim() !== '');
      if (extra >= 0) {
        tooWide = { line: r.line, column: extra + 1 };
        break;
      }
    }
    if (tooWide) {
      const letter = columnLetter(tooWide.column);
      messages.push({
        level: 'error',
        file: label,
        row: tooWide.line,
        column: letter,
        text: `Row ${tooWide.line} has a value in column ${letter}, beyond the last named column (${columnLetter(width)}): give the column a name or clear it.`,
      });
      continue;
    }
    const body = dataRows
      .map((r) => [String(r.line), ...Array.from({ length: width }, (_, i) => cellToText(r.cells[i], dateAt.has(i)))].map(csvQuote).join(','))
      .join('\n');
    await writeFile(path, body, { mode: 0o600 });
    await stageRewritten(st, staged, path, width, recognition);
    sources.push(await finishStaging(engine, label, fileName, sha256, staged, recognition, messages));
  }
  const refusedHere = messages.slice(before).some((m) => m.level === 'error');
  if (sources.length === 0 && !refusedHere) {
    messages.push({ level: 'error', file: fileName, text: 'The workbook has no sheet with data.' });
  }
  return sources;
}

async function countRows(engine: SqlEngine, staged: string): Promise<number> {
  const r = await engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(staged)}`);
  return r[0]?.n ?? 0;
}

/**
 * Check every value of a staged 903 file. A value that cannot be read refuses the import, unless
 * the user chose "import anyway": then it is left blank and kept aside as a finding. Unknown codes
 * are warnings.
 */
async function checkSource(st: Stage, s: Source, values: ValueCheck, blankUnreadable: boolean, knownCodes: KnownCodes): Promise<void> {
  const { engine, messages } = st;
  const rec = s.recognised!;
  // One cheap count says whether anything is wrong; only then are the problems worked out.
  const quick = await engine.all<{ n: number }>(quickCheckSql(s.staged));
  const problems = problemsSql(rec, s.staged);
  const counted = (quick[0]?.n ?? 0) > 0 ? await engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${problems})`) : [];
  const total = counted[0]?.n ?? 0;
  if (total > 0 && blankUnreadable) {
    await blankValues(st, s, problems);
    values.blanked += total;
    messages.push({
      level: 'warning',
      file: s.label,
      text: `${plural(total, 'value')} could not be read and ${total === 1 ? 'was' : 'were'} left blank, as you chose; each is listed as a finding under Data quality.`,
    });
  } else if (total > 0) {
    values.unreadable += total;
    const listed = await engine.all<{ source_row: number; column_name: string; value: string; problem: string }>(
      `SELECT * FROM (${problems}) ORDER BY source_row, column_name LIMIT ${MAX_LISTED_PROBLEMS}`,
    );
    for (const p of listed) {
      messages.push({
        level: 'error',
        file: s.label,
        row: p.source_row,
        column: p.column_name,
        value: p.value,
        text: `Row ${p.source_row}, ${p.column_name}: ${p.value === '' ? 'the value' : `"${p.value}"`} ${p.problem}.`,
      });
    }
    values.messages += listed.length;
    if (total > listed.length) {
      messages.push({ level: 'error', file: s.label, text: `…and ${total - listed.length} more problems in this file.` });
      values.messages++;
    }
  }
  await warnUnknownCodes(engine, s, rec.kind, messages, knownCodes);
}

/** Keep the values that cannot be read aside (with the row's child), then blank them in the staged file. */
async function blankValues(st: Stage, s: Source, problems: string): Promise<void> {
  const rec = s.recognised!;
  const childAt = rec.columnIndex.CHILD ?? -1;
  const child = childAt >= 0 ? `nullif(f.${stagedColumn(childAt)}, '')` : 'NULL';
  const bad = st.nextName();
  await st.engine.run(
    `CREATE TEMP TABLE ${quoteIdent(bad)} AS SELECT p.source_row, ${child} AS child, p.column_name, p.value, p.problem
     FROM (${problems}) p JOIN ${quoteIdent(s.staged)} f USING (source_row)`,
  );
  for (const col of rec.kind.columns) {
    const i = rec.columnIndex[col.name] ?? -1;
    if (i < 0) continue;
    const typed = col.type === 'date' || col.type === 'int' ? `, ${typedColumn(i)} = NULL` : '';
    await st.engine.run(
      `UPDATE ${quoteIdent(s.staged)} SET ${stagedColumn(i)} = ''${typed}
       WHERE source_row IN (SELECT source_row FROM ${quoteIdent(bad)} WHERE column_name = ${quoteLiteral(col.name)})`,
    );
  }
  s.blanked = bad;
}

async function warnUnknownCodes(
  engine: SqlEngine,
  s: Source,
  kind: FileKind,
  messages: ImportMessage[],
  knownCodes: KnownCodes,
  valuesSql: (columns: readonly string[]) => string | null = (columns) => codeValuesAllSql(s.recognised!, s.staged, columns),
  params?: Record<string, SqlValue>,
): Promise<void> {
  const known = new Map<string, ReadonlySet<string>>();
  for (const col of kind.columns) {
    const codes = col.type === 'code' ? knownCodes(kind.id, col.name) : null;
    if (codes) known.set(col.name, codes);
  }
  const sql = valuesSql([...known.keys()]);
  if (!sql) return;
  const values = await engine.all<{ column_name: string; code: string; n: number; first_row: number }>(sql, params);
  for (const v of values) {
    if (known.get(v.column_name)!.has(v.code)) continue;
    messages.push({
      level: 'warning',
      file: s.label,
      row: v.first_row,
      column: v.column_name,
      value: v.code,
      text: `${v.column_name} "${v.code}" is not a code we know (${v.n} row${v.n > 1 ? 's' : ''}, first at row ${v.first_row}); kept and shown as itself.`,
    });
  }
}

/** local_<name>: a safe identifier from a file or sheet name. */
export function localTableName(name: string): string {
  const stem = name.replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `local_${stem || 'table'}`.slice(0, 60);
}

interface ColumnInfo {
  name: string;
  type: string;
}

/**
 * Local tables (files that are not 903 kinds) must fit the table earlier years made, and two files
 * of one import must not land in the same table; both are found here, before anything changes.
 */
async function checkLocalTables(engine: SqlEngine, sources: Source[], year: number, messages: ImportMessage[]): Promise<void> {
  const locals = sources.filter((s) => !s.recognised);
  const seen = new Map<string, string>();
  for (const s of locals) {
    const table = s.localTable!;
    const other = seen.get(table);
    if (other) {
      messages.push({ level: 'error', file: s.label, text: `Both ${other} and ${s.label} would load into the local table ${table}: import one of them, or rename one.` });
      continue;
    }
    seen.set(table, s.label);
    const cols = await engine.all<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = $t ORDER BY column_index`,
      { t: s.staged },
    );
    const own = cols.find((c) => c.name.toLowerCase() === 'return_year');
    if (own) {
      messages.push({ level: 'error', file: s.label, row: 1, column: own.name, text: `The file has a column named ${own.name}; the workbench adds return_year to local tables itself, so rename that column.` });
      continue;
    }
    const existing = await engine.all<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $t ORDER BY column_index`,
      { t: table },
    );
    if (existing.length === 0) continue;
    if (!existing.some((c) => c.name === 'return_year')) {
      messages.push({ level: 'error', file: s.label, text: `A table named ${table} already exists and was not made by an import: rename the file to load it as another table.` });
      continue;
    }
    const held = await engine.all<{ years: string | null }>(
      `SELECT string_agg(DISTINCT return_year::VARCHAR, ', ' ORDER BY return_year::VARCHAR) AS years FROM ${quoteIdent(table)} WHERE return_year IS DISTINCT FROM $year`,
      { year },
    );
    const years = held[0]?.years;
    if (!years) continue; // only this year's rows: the table is made afresh
    const clash = localClash(cols, existing.filter((c) => c.name !== 'return_year'));
    if (clash) {
      messages.push({
        level: 'error',
        file: s.label,
        text: `The local table ${table} already holds ${years.includes(',') ? 'years' : 'year'} ${years} with the columns ${existing
          .filter((c) => c.name !== 'return_year')
          .map((c) => c.name)
          .join(', ')}; this file ${clash}. Rename the file to load it as a separate table, or give it the same columns.`,
      });
      continue;
    }
    for (const c of cols) {
      const target = existing.find((e) => e.name.toLowerCase() === c.name.toLowerCase())!;
      if (target.type === c.type || target.type === 'VARCHAR') continue;
      // The type names come from DuckDB's catalog, never from the file.
      if (!/^[A-Z0-9_(), ]+$/.test(target.type)) continue;
      const bad = await engine.all<{ n: number; example: string | null }>(
        `SELECT count(*)::INTEGER AS n, min(${quoteIdent(c.name)}::VARCHAR) AS example FROM ${quoteIdent(s.staged)}
         WHERE ${quoteIdent(c.name)} IS NOT NULL AND NOT ${c.type === 'VARCHAR' ? fitsTypeSql(quoteIdent(c.name), target.type) : `try_cast(${quoteIdent(c.name)} AS ${target.type}) IS NOT NULL`}`,
      );
      if ((bad[0]?.n ?? 0) > 0) {
        messages.push({
          level: 'error',
          file: s.label,
          column: c.name,
          value: bad[0]!.example ?? '',
          text: `Column ${c.name} of the local table ${table} holds ${target.type} values (years ${years}), but this file has ${bad[0]!.n} value${bad[0]!.n > 1 ? 's' : ''} that ${bad[0]!.n > 1 ? 'are' : 'is'} not, such as "${bad[0]!.example}".`,
        });
      }
    }
  }
}

/** How a file's columns differ from an existing local table's, in words; null when they match. */
function localClash(file: ColumnInfo[], table: ColumnInfo[]): string | null {
  const lower = (cs: ColumnInfo[]) => new Set(cs.map((c) => c.name.toLowerCase()));
  const inTable = lower(table);
  const inFile = lower(file);
  const extra = file.filter((c) => !inTable.has(c.name.toLowerCase())).map((c) => c.name);
  const missing = table.filter((c) => !inFile.has(c.name.toLowerCase())).map((c) => c.name);
  const parts: string[] = [];
  if (extra.length > 0) parts.push(`has columns the table does not (${extra.join(', ')})`);
  if (missing.length > 0) parts.push(`lacks ${missing.join(', ')}`);
  return parts.length > 0 ? parts.join(' and ') : null;
}

async function loadLocalTable(engine: SqlEngine, s: Source, year: number): Promise<void> {
  const table = s.localTable!;
  const exists = await engine.all<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $t`,
    { t: table },
  );
  if ((exists[0]?.n ?? 0) > 0) {
    await engine.run(`DELETE FROM ${quoteIdent(table)} WHERE return_year = $year`, { year });
    const left = await engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(table)}`);
    if ((left[0]?.n ?? 0) > 0) {
      await engine.run(`INSERT INTO ${quoteIdent(table)} BY NAME SELECT $year::INTEGER AS return_year, * FROM ${quoteIdent(s.staged)}`, { year });
      return;
    }
    // No other year uses it: made afresh, so this year's columns and types stand.
    await engine.run(`DROP TABLE ${quoteIdent(table)}`);
  }
  await engine.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT $year::INTEGER AS return_year, * FROM ${quoteIdent(s.staged)}`, { year });
}

/** Who did it, for the activity log: the operating-system account running the workbench. */
export function activityUser(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}
