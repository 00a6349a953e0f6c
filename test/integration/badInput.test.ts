/**
 * The bad-input corpus (issue 7 item 1): for every malformed or hostile file, the message a person
 * must get (file, row, column, key words), whether the import is refused or accepted, and that
 * it never crashes, hangs, balloons in memory or changes the workspace when refused.
 *
 * Small text files are committed in test/fixtures/bad-input/; big, binary and byte-exact ones are
 * made by test/fixtures/bad-input/make.ts into a temp folder.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileInput, ImportMessage, ImportReport, MessageLevel } from '../../shared/api.js';
import { Workspace } from '../../electron/workspace/workspace.js';
import { codeOf, findingsSql } from '../../shared/quality/run.js';
import { CANONICAL_VIEWS } from '../../shared/sql/views.js';
import { makeBadInput } from '../fixtures/bad-input/make.js';

const COMMITTED = join(import.meta.dirname, '../fixtures/bad-input');
const GOOD_2023 = join(import.meta.dirname, '../fixtures/import/good-2023');
/** Each import must finish well inside this. */
const TIME_BOUND_MS = 20_000;
/** Growth of the process's resident memory while one import runs (peak) and after it. */
const PEAK_MEMORY_BOUND = 600 * 1024 * 1024;
const AFTER_MEMORY_BOUND = 300 * 1024 * 1024;

let dir: string;
let made: string;
let base: string;

/** A committed fixture, imported under its own name or another. */
const c = (fixture: string, as = fixture): ImportFileInput => ({ name: as, path: join(COMMITTED, fixture) });
/** A generated fixture (made in beforeAll). */
const g = (fixture: string, as = fixture): (() => ImportFileInput) => () => ({ name: as, path: join(made, fixture) });

interface Expected {
  level: MessageLevel;
  text: RegExp;
  file?: string;
  row?: number;
  column?: string;
  value?: string;
}
const error = (text: RegExp, where: Omit<Expected, 'level' | 'text'> = {}): Expected => ({ level: 'error', text, ...where });
const warning = (text: RegExp, where: Omit<Expected, 'level' | 'text'> = {}): Expected => ({ level: 'warning', text, ...where });
const info = (text: RegExp, where: Omit<Expected, 'level' | 'text'> = {}): Expected => ({ level: 'info', text, ...where });

interface Case {
  name: string;
  files: (ImportFileInput | (() => ImportFileInput))[];
  year?: number;
  /** "Import anyway": values that cannot be read are left blank. */
  blankUnreadable?: boolean;
  outcome: 'refused' | 'accepted';
  /** For refused imports: how many values "import anyway" would leave blank (absent: not offered). */
  blankable?: number;
  /** Every message the import gives (besides the "no episodes file" note), each matched once. */
  messages: Expected[];
  /** For accepted imports: what was stored. */
  check?: (ws: Workspace) => Promise<void>;
}

const rows = (ws: Workspace, sql: string) => ws.engine.all(sql);

/** A row-level fingerprint of every table of the workspace, or of one year's rows. */
async function fingerprint(ws: Workspace, year?: number): Promise<string> {
  const tables = await ws.engine.all<{ t: string; has_year: boolean }>(
    `SELECT table_name AS t, bool_or(column_name = 'return_year') AS has_year FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' GROUP BY 1 ORDER BY 1`,
  );
  const parts: unknown[] = [];
  for (const { t, has_year } of tables) {
    if (year !== undefined && !has_year) continue;
    const where = year === undefined ? '' : ` WHERE return_year = ${year}`;
    const [print] = await ws.engine.all<{ n: number; h: string | null }>(`SELECT count(*)::INTEGER AS n, bit_xor(hash(x))::VARCHAR AS h FROM "${t}" x${where}`);
    // A year's slice: a table holding none of its rows (say a new local table) does not change it.
    if (year !== undefined && print!.n === 0) continue;
    parts.push([t, print]);
  }
  return JSON.stringify(parts);
}

const timings: { name: string; ms: number; peakMb: number; outcome: string; first: string }[] = [];

async function runCase(k: Case, index: number): Promise<void> {
  const path = join(dir, `case-${index}.duckdb`);
  await copyFile(base, path);
  const ws = await Workspace.open({ path, setupSql: CANONICAL_VIEWS });
  try {
    const before = await fingerprint(ws);
    const before2022 = await fingerprint(ws, 2022);
    const files = k.files.map((f) => (typeof f === 'function' ? f() : f));

    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let report: ImportReport;
    try {
      report = await Promise.race([
        ws['workspace.import']({ year: k.year ?? 2023, files, ...(k.blankUnreadable ? { blankUnreadable: true } : {}) }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${k.name}: the import did not finish within ${TIME_BOUND_MS} ms`)), TIME_BOUND_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      clearInterval(sampler);
    }
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    const rss1 = process.memoryUsage().rss;
    timings.push({ name: k.name, ms: Math.round(ms), peakMb: Math.round((peak - rss0) / 2 ** 20), outcome: report.ok ? 'accepted' : 'refused', first: report.messages[0]?.text ?? '' });

    expect(ms, k.name).toBeLessThan(TIME_BOUND_MS);
    expect(peak - rss0, `${k.name}: peak memory growth`).toBeLessThan(PEAK_MEMORY_BOUND);
    expect(rss1 - rss0, `${k.name}: memory growth after`).toBeLessThan(AFTER_MEMORY_BOUND);

    // The outcome, and exactly the messages a person must get.
    const defaultFile = files.length === 1 ? files[0]!.name : undefined;
    const shown = report.messages.filter((m) => !m.text.startsWith('This import has no episodes file'));
    const unmatched = [...shown];
    for (const e of k.messages) {
      const want = { file: defaultFile, ...e };
      const at = unmatched.findIndex((m) => matches(m, want));
      expect(at, `${k.name}: no message like ${JSON.stringify({ ...want, text: String(e.text) })} in\n${JSON.stringify(report.messages, null, 1)}`).toBeGreaterThanOrEqual(0);
      unmatched.splice(at, 1);
    }
    expect(unmatched, `${k.name}: messages nobody expected`).toEqual([]);
    expect(report.ok, k.name).toBe(k.outcome === 'accepted');
    expect(report.blankable, `${k.name}: values "import anyway" would leave blank`).toBe(k.blankable);

    // Staged tables never outlive the import.
    expect(await rows(ws, 'SELECT table_name FROM duckdb_tables() WHERE temporary'), k.name).toEqual([]);
    if (k.outcome === 'refused') {
      expect(await fingerprint(ws), `${k.name}: the workspace changed`).toEqual(before);
    } else {
      expect(await fingerprint(ws, 2022), `${k.name}: another year changed`).toEqual(before2022);
      await k.check?.(ws);
    }
  } finally {
    await ws.close();
    await rm(path, { force: true });
  }
}

function matches(m: ImportMessage, e: Expected & { file?: string | undefined }): boolean {
  if (m.level !== e.level || !e.text.test(m.text)) return false;
  if (e.file !== undefined && m.file !== e.file) return false;
  if (e.row !== undefined && m.row !== e.row) return false;
  if (e.column !== undefined && m.column !== e.column) return false;
  if (e.value !== undefined && m.value !== e.value) return false;
  return true;
}

/** The data-quality findings of 2023: rule code, row and the values concerned. */
const findings = async (ws: Workspace) =>
  (await ws.engine.all<{ rule_index: number; row: number; vals: string; note: string | null }>(
    `SELECT rule_index, row, vals, note FROM (${findingsSql(undefined, 2023)}) ORDER BY row, rule_index`,
  )).map((f) => ({ rule: codeOf(f.rule_index), row: f.row, values: JSON.parse(f.vals) as unknown, ...(f.note ? { note: f.note } : {}) }));

const noted = (ws: Workspace) => rows(ws, 'SELECT child, dob, ethnic, extras FROM header WHERE return_year = 2023');
const NOTE_ROW = [{ child: '0012', dob: '2010-02-01', ethnic: 'WBRI', extras: '{"NOTE":"Zoé Café £5"}' }];
const NOTE_KEPT = warning(/not part of the 903 Header file were kept aside, not used: NOTE\./);
const THREE_DOBS = async (ws: Workspace) =>
  expect(await rows(ws, 'SELECT child, dob, source_row FROM header WHERE return_year = 2023 ORDER BY source_row')).toEqual([
    { child: '0012', dob: '2010-02-01', source_row: 2 },
    { child: '0034', dob: '2012-02-29', source_row: 3 },
    { child: '0056', dob: '2015-01-12', source_row: 4 },
  ]);

const CASES: Case[] = [
  // ---- Empty and nearly empty ----
  { name: 'empty file', files: [c('empty.csv')], outcome: 'refused', messages: [error(/^The file is empty\.$/)] },
  { name: 'a file holding only a UTF-8 BOM', files: [g('bom-only.csv')], outcome: 'refused', messages: [error(/The file is empty: it has no header row/)] },
  {
    name: 'header only: no rows, accepted with a note',
    files: [c('header-only.csv')],
    outcome: 'accepted',
    messages: [info(/The Header file has no rows\./)],
    check: async (ws) => expect(await rows(ws, 'SELECT count(*)::INTEGER AS n FROM header WHERE return_year = 2023')).toEqual([{ n: 0 }]),
  },
  { name: 'a first row of bare commas', files: [c('blank-header.csv')], outcome: 'refused', messages: [error(/Row 1 should hold the column names, but every cell in it is empty/, { row: 1 })] },

  // ---- Delimiters and line structure ----
  {
    name: 'semicolons instead of commas',
    files: [c('semicolons.csv')],
    outcome: 'accepted',
    messages: [warning(/Values are separated by ";", not commas; read that way/)],
    check: async (ws) =>
      expect(await rows(ws, 'SELECT child, dob FROM header WHERE return_year = 2023 ORDER BY child')).toEqual([
        { child: '0012', dob: '2010-02-01' },
        { child: '0034', dob: '2011-04-03' },
      ]),
  },
  {
    name: 'tabs instead of commas',
    files: [c('tabs.tsv')],
    outcome: 'accepted',
    messages: [warning(/Values are separated by tabs, not commas/)],
    check: async (ws) => expect(await rows(ws, 'SELECT child, ethnic FROM header WHERE return_year = 2023 ORDER BY child')).toEqual([
      { child: '0012', ethnic: 'WBRI' },
      { child: '0034', ethnic: 'BAFR' },
    ]),
  },
  {
    name: 'Excel\'s "sep=;" first line, then a bad date on row 4',
    files: [c('sep-line.csv')],
    outcome: 'refused', blankable: 1,
    messages: [error(/Row 4, DOB: "31\/02\/2011" is not a real date/, { row: 4, column: 'DOB', value: '31/02/2011' })],
  },
  {
    name: 'ragged rows',
    files: [c('ragged.csv')],
    outcome: 'refused',
    messages: [
      error(/^Row 3 has 6 values but the header has 7 columns \(a value or a comma is missing\)\.$/, { row: 3 }),
      error(/^Row 4 has 8 values but the header has 7 columns \(an extra comma, or a value with a comma that is not in quotes\)\.$/, { row: 4 }),
    ],
  },
  {
    name: 'a quote left open',
    files: [c('open-quote.csv')],
    outcome: 'refused',
    messages: [error(/Row 3 \(column ETHNIC\) opens a quote that is never closed/, { row: 3, column: 'ETHNIC' })],
  },
  {
    name: 'text after a closing quote',
    files: [c('text-after-quote.csv')],
    outcome: 'refused',
    messages: [error(/Row 2 \(column ETHNIC\) has text after a closing quote \(a quote inside a value must be doubled: ""\)/, { row: 2, column: 'ETHNIC' })],
  },
  {
    name: 'a quote inside an unquoted value is kept',
    files: [c('stray-quote.csv')],
    outcome: 'accepted',
    messages: [NOTE_KEPT],
    check: async (ws) => expect(await rows(ws, 'SELECT extras FROM header WHERE return_year = 2023')).toEqual([{ extras: '{"NOTE":"said \\"hello\\" twice"}' }]),
  },
  {
    name: 'a line break inside a quoted value keeps later row numbers right',
    files: [c('multiline-value.csv')],
    outcome: 'refused', blankable: 1,
    messages: [NOTE_KEPT, error(/Row 4, DOB: "31\/02\/2011" is not a real date/, { row: 4, column: 'DOB' })],
  },
  { name: 'CRLF line endings', files: [g('crlf.csv')], outcome: 'accepted', messages: [], check: THREE_DOBS },
  { name: 'LF line endings', files: [g('lf.csv')], outcome: 'accepted', messages: [], check: THREE_DOBS },
  { name: 'CR-only line endings (old Mac)', files: [g('cr-only.csv')], outcome: 'accepted', messages: [], check: THREE_DOBS },
  { name: 'mixed line endings', files: [g('mixed-endings.csv')], outcome: 'accepted', messages: [], check: THREE_DOBS },
  {
    name: 'blank and space-only lines between rows',
    files: [c('blank-lines-between.csv')],
    outcome: 'accepted',
    messages: [info(/^3 blank lines were skipped\.$/)],
    check: async (ws) => expect(await rows(ws, 'SELECT child, source_row FROM header WHERE return_year = 2023 ORDER BY source_row')).toEqual([
      { child: '0012', source_row: 2 },
      { child: '0034', source_row: 6 },
    ]),
  },
  {
    name: 'trailing ",,,,," rows',
    files: [c('trailing-empty-rows.csv')],
    outcome: 'accepted',
    messages: [info(/^3 blank lines were skipped\.$/)],
    check: async (ws) => expect(await rows(ws, 'SELECT child FROM header WHERE return_year = 2023')).toEqual([{ child: '0012' }]),
  },
  {
    name: 'a million blank lines',
    files: [g('million-blank-lines.csv')],
    outcome: 'accepted',
    messages: [info(/^1,000,000 blank lines were skipped\.$/)],
    // Header line 1, a row on line 2, blank lines 3..1,000,002, the last row on line 1,000,003.
    check: async (ws) => expect(await rows(ws, 'SELECT child, source_row FROM header WHERE return_year = 2023 ORDER BY source_row')).toEqual([
      { child: '0012', source_row: 2 },
      { child: '0034', source_row: 1_000_003 },
    ]),
  },
  {
    name: 'title rows above the column names',
    files: [c('title-row.csv')],
    outcome: 'accepted',
    messages: [warning(/The column names are on row 3; the 2 rows above them \("SSDA903 Header 2022\/23", "Exported by CareSys 04\/04\/2023"\) were skipped/, { row: 3 })],
    check: async (ws) => expect(await rows(ws, 'SELECT child, source_row FROM header WHERE return_year = 2023')).toEqual([{ child: '0012', source_row: 4 }]),
  },

  // ---- Encodings ----
  {
    name: 'Windows-1252 with £ and é',
    files: [g('windows-1252.csv')],
    outcome: 'accepted',
    messages: [warning(/not UTF-8; it was read as Windows-1252/), NOTE_KEPT],
    check: async (ws) => expect(await noted(ws)).toEqual(NOTE_ROW),
  },
  ...(['utf16le-bom.csv', 'utf16be-bom.csv', 'utf16le-no-bom.csv', 'utf16be-no-bom.csv', 'utf8-bom.csv'] as const).map(
    (file): Case => ({ name: `encoding ${file.replace('.csv', '')}`, files: [g(file)], outcome: 'accepted', messages: [NOTE_KEPT], check: async (ws) => expect(await noted(ws)).toEqual(NOTE_ROW) }),
  ),
  {
    name: 'NUL bytes inside a value',
    files: [g('nul-bytes.csv')],
    outcome: 'refused',
    messages: [error(/Row 3 \(column ETHNIC\) holds a NUL character \(a zero byte\)/, { row: 3, column: 'ETHNIC' })],
  },
  {
    name: 'non-ASCII column names kept aside',
    files: [c('non-ascii-columns.csv')],
    outcome: 'accepted',
    messages: [warning(/kept aside, not used: Nationalité, 備考\./)],
    check: async (ws) => expect(await rows(ws, 'SELECT extras FROM header WHERE return_year = 2023')).toEqual([{ extras: '{"Nationalité":"Française","備考":"メモ"}' }]),
  },
  {
    name: 'non-ASCII column names in a local table',
    files: [c('non-ascii-local.csv')],
    outcome: 'accepted',
    messages: [info(/read as the local table local_non_ascii_local \(2 rows\)/)],
    check: async (ws) => expect(await rows(ws, 'SELECT "Catégorie", "Größe", "名前" FROM local_non_ascii_local ORDER BY 1')).toEqual([
      { Catégorie: 'A', Größe: 1, 名前: '花子' },
      { Catégorie: 'B', Größe: 2, 名前: '太郎' },
    ]),
  },

  // ---- Dates ----
  { name: '31/02/2023: not a real date', files: [c('date-31-february.csv')], outcome: 'refused', blankable: 1, messages: [error(/^Row 3, DOB: "31\/02\/2011" is not a real date \(expected dd\/mm\/yyyy\)\.$/, { row: 3, column: 'DOB', value: '31/02/2011' })] },
  {
    name: 'a US date 12/31/2022',
    files: [c('date-us-format.csv')],
    outcome: 'refused', blankable: 1,
    messages: [error(/Row 2, DECOM: "12\/31\/2022" is not a real date: there is no month 31 \(dates must be dd\/mm\/yyyy; this looks like a US mm\/dd\/yyyy date\)/, { row: 2, column: 'DECOM' })],
  },
  {
    name: '12/01/2023 is 12 January',
    files: [c('date-12-january.csv')],
    outcome: 'accepted',
    messages: [],
    check: async (ws) => expect(await rows(ws, 'SELECT decom FROM episodes WHERE return_year = 2023')).toEqual([{ decom: '2023-01-12' }]),
  },
  { name: 'a 2-digit year', files: [c('date-2-digit-year.csv')], outcome: 'refused', blankable: 1, messages: [error(/Row 2, DOB: "01\/02\/10" has a 2-digit year; dates must be dd\/mm\/yyyy/, { row: 2, column: 'DOB' })] },
  {
    name: 'a date after the collection year: imported, and a finding',
    files: [c('date-future.csv')],
    outcome: 'accepted',
    messages: [],
    check: async (ws) => {
      expect(await rows(ws, 'SELECT dob FROM header WHERE return_year = 2023')).toEqual([{ dob: '2099-01-01' }]);
      // (2022 in the base workspace holds the child with another birth date: rule 203 too.)
      expect((await findings(ws)).filter((f) => f.rule === '301')).toEqual([{ rule: '301', row: 2, values: { DOB: '01/01/2099' } }]);
    },
  },
  { name: 'a date before 1900', files: [c('date-before-1900.csv')], outcome: 'refused', blankable: 1, messages: [error(/Row 2, DOB: "01\/01\/1899" is before 1900/, { row: 2, column: 'DOB' })] },
  { name: 'a date with dots', files: [c('date-dots.csv')], outcome: 'refused', blankable: 1, messages: [error(/Row 2, DOB: "01\.02\.2010" is not a date in the form dd\/mm\/yyyy/, { row: 2, column: 'DOB' })] },
  { name: 'an Excel serial number in a CSV date', files: [c('date-excel-serial.csv')], outcome: 'refused', blankable: 1, messages: [error(/Row 2, DOB: "40210" is a number, not a date \(an Excel date serial\?/, { row: 2, column: 'DOB' })] },
  { name: '#N/A written into a CSV date', files: [c('date-excel-error.csv')], outcome: 'refused', blankable: 1, messages: [error(/Row 2, DOB: "#N\/A" is an Excel error value, not data/, { row: 2, column: 'DOB' })] },
  {
    name: 'DEC before DECOM: imported, and a finding',
    files: [c('dec-before-decom.csv')],
    outcome: 'accepted',
    messages: [],
    check: async (ws) => expect((await findings(ws)).filter((f) => f.rule === '356')).toEqual([{ rule: '356', row: 2, values: { DECOM: '01/06/2022', DEC: '05/05/2022' } }]),
  },

  // ---- Numbers ----
  { name: "text in a number column (SDQ_SCORE 'abc')", files: [c('sdq-text.csv')], outcome: 'refused', blankable: 1, messages: [error(/Row 2, SDQ_SCORE: "abc" is not a whole number/, { row: 2, column: 'SDQ_SCORE' })] },
  {
    name: 'SDQ 41, out of range: imported, and a finding (rule 180)',
    files: [c('sdq-41.csv')],
    outcome: 'accepted',
    messages: [],
    check: async (ws) => expect((await findings(ws)).filter((f) => f.rule === '180')).toEqual([{ rule: '180', row: 2, values: { SDQ_SCORE: '41' } }]),
  },
  { name: 'SDQ too big for any integer', files: [c('sdq-huge.csv')], outcome: 'refused', blankable: 1, messages: [error(/Row 2, SDQ_SCORE: "99999999999999999999" is too large a number to read/, { row: 2, column: 'SDQ_SCORE' })] },
  {
    name: 'free text in a code column: refused, naming the value',
    files: [c('code-free-text.csv')],
    outcome: 'refused',
    blankable: 2,
    messages: [
      error(/^Row 2, LS: "Section 20" is text, not a code\.$/, { row: 2, column: 'LS', value: 'Section 20' }),
      error(/^Row 3, PLACE: "Placed with parents" is text, not a code\.$/, { row: 3, column: 'PLACE', value: 'Placed with parents' }),
    ],
  },
  {
    name: '"import anyway": the values that cannot be read are left blank, each a finding',
    files: [c('code-free-text.csv')],
    blankUnreadable: true,
    outcome: 'accepted',
    messages: [warning(/^2 values could not be read and were left blank, as you chose; each is listed as a finding under Data quality\.$/)],
    check: async (ws) => {
      expect(await rows(ws, 'SELECT source_row, ls, place FROM episodes WHERE return_year = 2023 ORDER BY source_row')).toEqual([
        { source_row: 2, ls: null, place: 'U1' },
        { source_row: 3, ls: 'C2', place: null },
      ]);
      expect((await findings(ws)).filter((f) => f.rule === 'W00')).toEqual([
        { rule: 'W00', row: 2, values: { LS: 'Section 20' }, note: 'LS "Section 20" is text, not a code' },
        { rule: 'W00', row: 3, values: { PLACE: 'Placed with parents' }, note: 'PLACE "Placed with parents" is text, not a code' },
      ]);
    },
  },

  // ---- Columns ----
  { name: 'duplicate columns', files: [c('duplicate-columns.csv')], outcome: 'refused', messages: [error(/^Column DOB appears more than once \(columns 3 and 8\)\.$/, { row: 1, column: 'DOB' })] },
  { name: 'a 903 file missing a column', files: [c('missing-column.csv')], outcome: 'refused', messages: [error(/^This looks like a 903 Header file but it has no DOB column\.$/, { row: 1, column: 'DOB' })] },
  {
    name: 'lower-case headers',
    files: [c('lower-case-headers.csv')],
    outcome: 'accepted',
    messages: [],
    check: async (ws) => expect(await rows(ws, 'SELECT child, ethnic FROM header WHERE return_year = 2023')).toEqual([{ child: '0012', ethnic: 'WBRI' }]),
  },
  {
    name: 'headers with spaces and quotes',
    files: [c('spaced-quoted-headers.csv')],
    outcome: 'accepted',
    messages: [],
    check: async (ws) => expect(await rows(ws, 'SELECT child, sex, dob, ethnic FROM header WHERE return_year = 2023')).toEqual([{ child: '0012', sex: '1', dob: '2010-02-01', ethnic: 'WBRI' }]),
  },
  { name: 'an extremely long header line (3,000 columns)', files: [g('wide-header.csv')], outcome: 'refused', messages: [error(/^Row 1 has 3,000 columns; at most 2,000 can be read\.$/, { row: 1 })] },
  {
    name: 'a 1.5 MB column name',
    files: [g('long-header-name.csv')],
    outcome: 'refused',
    messages: [error(/Row 1 \(column 3\) holds a value of 1,500,000 characters; values longer than 1,000,000 characters are refused/, { row: 1, column: '3' })],
  },
  {
    name: 'a 10 MB single field',
    files: [g('big-field.csv')],
    outcome: 'refused',
    // 10,485,760 x's and their two quotes.
    messages: [error(/Row 3 \(column REVIEW\) holds a value of 10,485,762 characters; values longer than 1,000,000 characters are refused/, { row: 3, column: 'REVIEW' })],
  },

  // ---- Values ----
  {
    name: 'cells starting with = + - @ are stored as text, never evaluated',
    files: [c('formula-like-cells.csv')],
    outcome: 'accepted',
    messages: [NOTE_KEPT, warning(/MOTHER "-2" is not a code we know \(1 row, first at row 2\); kept and shown as itself/, { row: 2, column: 'MOTHER', value: '-2' })],
    check: async (ws) =>
      expect(await rows(ws, 'SELECT child, upn, mother, extras FROM header WHERE return_year = 2023 ORDER BY source_row')).toEqual([
        { child: '=1+1', upn: '+441234', mother: '-2', extras: '{"NOTE":"@SUM(A1)"}' },
        { child: '=HYPERLINK("http://x")', upn: null, mother: null, extras: `{"NOTE":"=cmd|' /C calc'!A0"}` },
      ]),
  },
  {
    name: 'whitespace-only cells are blank, values trimmed (spaces and tabs)',
    files: [c('whitespace-cells.csv')],
    outcome: 'accepted',
    messages: [],
    check: async (ws) =>
      expect(await rows(ws, 'SELECT child, sex, dob, ethnic, upn, mother, mc_dob FROM header WHERE return_year = 2023')).toEqual([
        { child: '0012', sex: '1', dob: '2010-02-01', ethnic: 'WBRI', upn: null, mother: null, mc_dob: null },
      ]),
  },
  { name: 'a required value that is only spaces', files: [c('whitespace-required.csv')], outcome: 'refused', blankable: 1, messages: [error(/Row 2, DOB: the value is blank; every row needs a DOB/, { row: 2, column: 'DOB' })] },
  {
    name: 'an unknown code: warned, kept',
    files: [c('unknown-code.csv')],
    outcome: 'accepted',
    messages: [warning(/^ETHNIC "ZZZZ" is not a code we know \(1 row, first at row 2\); kept and shown as itself\.$/, { row: 2, column: 'ETHNIC', value: 'ZZZZ' })],
    check: async (ws) => expect(await rows(ws, 'SELECT ethnic FROM header WHERE return_year = 2023')).toEqual([{ ethnic: 'ZZZZ' }]),
  },
  {
    name: 'child ids with leading zeros are kept',
    files: [c('leading-zeros.csv')],
    outcome: 'accepted',
    messages: [],
    check: async (ws) => expect(await rows(ws, 'SELECT child FROM header WHERE return_year = 2023 ORDER BY source_row')).toEqual([{ child: '000123' }, { child: '0' }]),
  },
  { name: 'a blank CHILD', files: [c('child-blank.csv')], outcome: 'refused', blankable: 1, messages: [error(/^Row 3, CHILD: the value is blank; every row needs a CHILD\.$/, { row: 3, column: 'CHILD' })] },
  {
    name: 'a header file with a child twice: imported, and a finding on each of its rows (DfE INT32)',
    files: [c('duplicate-child.csv')],
    outcome: 'accepted',
    messages: [],
    check: async (ws) =>
      expect((await findings(ws)).filter((f) => f.rule === 'INT32')).toEqual([
        { rule: 'INT32', row: 2, values: { CHILD: '0012' } },
        { rule: 'INT32', row: 4, values: { CHILD: '0012' } },
      ]),
  },

  // ---- The set of files and the year ----
  {
    name: 'two episodes files in one import',
    files: [c('episodes-a.csv'), c('episodes-b.csv')],
    outcome: 'refused',
    messages: [error(/^Two episodes files in one return \(episodes-a\.csv and episodes-b\.csv\): import one of them\.$/, { file: 'episodes-b.csv' })],
  },
  { name: 'year 1899', files: [c('good-header.csv')], year: 1899, outcome: 'refused', messages: [error(/^1899 is not a collection year: give the year the return ends, between 1990 and 2100/, { file: '' })] },
  { name: 'year 3000', files: [c('good-header.csv')], year: 3000, outcome: 'refused', messages: [error(/^3000 is not a collection year/, { file: '' })] },
  {
    name: 'a 5-column file that is not 903: a local table',
    files: [c('caseloads.csv')],
    outcome: 'accepted',
    messages: [info(/^Not a 903 file; read as the local table local_caseloads \(2 rows\)\.$/)],
    check: async (ws) =>
      expect(await rows(ws, 'SELECT return_year, worker, team, cases, opened, note FROM local_caseloads ORDER BY worker')).toEqual([
        { return_year: 2023, worker: 'AB', team: 'North', cases: 12, opened: '2022-04-01', note: 'full' },
        { return_year: 2023, worker: 'CD', team: 'South', cases: 9, opened: '2022-05-01', note: null },
      ]),
  },
  {
    name: 'a local table whose columns clash with the existing one',
    files: [c('escalations-2023-other-columns.csv', 'escalations.csv')],
    outcome: 'refused',
    messages: [
      info(/read as the local table local_escalations \(1 row\)/),
      error(/^The local table local_escalations already holds year 2022 with the columns child, stage, raised; this file has columns the table does not \(level, outcome\) and lacks stage, raised\. Rename the file/),
    ],
  },
  {
    name: 'a local table whose values do not fit the existing column types',
    files: [c('escalations-2023-text-stage.csv', 'escalations.csv')],
    outcome: 'refused',
    messages: [
      info(/read as the local table local_escalations \(1 row\)/),
      error(/^Column stage of the local table local_escalations holds BIGINT values \(years 2022\), but this file has 1 value that is not, such as "second"\.$/, { column: 'stage', value: 'second' }),
    ],
  },
  {
    name: 'two files that would fill one local table',
    files: [c('caseloads.csv'), c('caseloads.csv', 'Caseloads.CSV')],
    outcome: 'refused',
    messages: [
      info(/local table local_caseloads/, { file: 'caseloads.csv' }),
      info(/local table local_caseloads/, { file: 'Caseloads.CSV' }),
      error(/^Both caseloads\.csv and Caseloads\.CSV would load into the local table local_caseloads/, { file: 'Caseloads.CSV' }),
    ],
  },
  {
    name: 'a local file with its own return_year column',
    files: [c('local-return-year.csv')],
    outcome: 'refused',
    messages: [info(/local table local_local_return_year/), error(/^The file has a column named return_year; the workbench adds return_year to local tables itself/, { row: 1, column: 'return_year' })],
  },
  {
    name: 'a file name written as SQL',
    files: [c('two-columns.csv', "x'); DROP TABLE header; --.csv")],
    outcome: 'accepted',
    messages: [info(/^Not a 903 file; read as the local table local_x_drop_table_header \(1 row\)\.$/)],
    check: async (ws) => {
      expect(await rows(ws, 'SELECT return_year, a, b FROM local_x_drop_table_header')).toEqual([{ return_year: 2023, a: 1, b: 2 }]);
      expect(await rows(ws, "SELECT file_name FROM import_files WHERE return_year = 2023")).toEqual([{ file_name: "x'); DROP TABLE header; --.csv" }]);
    },
  },
  {
    name: 'column names written as SQL',
    files: [c('injection-columns.csv')],
    outcome: 'accepted',
    messages: [warning(/kept aside, not used: it's "odd", x"\); DROP TABLE header; --\./)],
    check: async (ws) => expect(await rows(ws, 'SELECT extras FROM header WHERE return_year = 2023')).toEqual([{ extras: '{"it\'s \\"odd\\"":"v1","x\\"); DROP TABLE header; --":"v2"}' }]),
  },

  // ---- Not CSV at all ----
  { name: 'a PNG named .csv', files: [g('png-image.csv')], outcome: 'refused', messages: [error(/^This is a PNG image, not a CSV file or an Excel workbook\.$/)] },
  { name: 'a PDF named .csv', files: [g('pdf-document.csv')], outcome: 'refused', messages: [error(/^This is a PDF document, not a CSV file or an Excel workbook\.$/)] },
  { name: 'a web page saved as .xls', files: [c('html-table.xls')], outcome: 'refused', messages: [error(/holds XML or HTML \(a web page, or an XML export named \.xls\), not CSV/)] },
  { name: 'an XML export', files: [c('xml-export.xml')], outcome: 'refused', messages: [error(/holds XML or HTML .*not CSV: open it in Excel and save it as \.xlsx or CSV/)] },
  { name: 'a zip of CSV files', files: [g('csv-files.zip')], outcome: 'refused', messages: [error(/^This is a zip file, not a CSV file or an Excel workbook: unzip it and import the files inside \(header\.csv, episodes\.csv\)\.$/)] },
  { name: 'a Word document named .xlsx', files: [g('word-document.xlsx')], outcome: 'refused', messages: [error(/^This is a Word document, not a CSV file or an Excel workbook\.$/)] },
  {
    name: 'a file too big to be a return',
    files: [g('too-big.csv')],
    outcome: 'refused',
    messages: [error(/^The file is 300 MB; files over 256 MB are refused/)],
  },
  { name: 'a path that does not exist', files: [{ name: 'gone.csv', path: join(COMMITTED, 'no-such-file.csv') }], outcome: 'refused', messages: [error(/^The file .*no-such-file\.csv cannot be found\.$/)] },
  ...(process.platform === 'win32'
    ? []
    : [{ name: 'a device, not a file (/dev/zero)', files: [{ name: 'zero.csv', path: '/dev/zero' }], outcome: 'refused', messages: [error(/^\/dev\/zero is not a file\.$/)] } satisfies Case]),

  // ---- Excel ----
  {
    name: 'an XLSX that is really a CSV',
    files: [g('really-a-csv.xlsx')],
    outcome: 'accepted',
    messages: [warning(/^This file is named \.xlsx but holds plain text; it was read as CSV\.$/)],
    check: async (ws) => expect(await rows(ws, 'SELECT child FROM header WHERE return_year = 2023')).toEqual([{ child: '0012' }]),
  },
  {
    name: 'a CSV that is really an XLSX',
    files: [g('really-an-xlsx.csv')],
    outcome: 'accepted',
    messages: [warning(/^This file is named \.csv but is an Excel workbook; it was read as one\.$/)],
    check: async (ws) => expect(await rows(ws, 'SELECT child, dob, source_file FROM header WHERE return_year = 2023')).toEqual([{ child: '0012', dob: '2010-02-01', source_file: 'really-an-xlsx.csv › Header' }]),
  },
  { name: 'a password-protected XLSX (OLE container)', files: [g('encrypted.xlsx')], outcome: 'refused', messages: [error(/^This workbook is password-protected \(encrypted\), so it cannot be read: open it in Excel, remove the password/)] },
  { name: 'an old .xls', files: [g('old-excel.xls')], outcome: 'refused', messages: [error(/^This is an old Excel 97-2003 \(\.xls\) workbook, which cannot be read: open it in Excel and save it as \.xlsx or CSV\.$/)] },
  { name: 'a zip bomb renamed .xlsx', files: [g('zip-bomb.xlsx')], outcome: 'refused', messages: [error(/^This workbook was not opened: it would unpack to more than 200 MB \(a "zip bomb", or not a 903 return\)\.$/)] },
  {
    name: 'a zip bomb whose directory lies about sizes',
    files: [g('zip-bomb-lying.xlsx')],
    outcome: 'refused',
    messages: [error(/^This workbook was not opened: its part xl\/worksheets\/sheet1\.xml unpacks to more than the 4,096 bytes its directory claims \(a disguised "zip bomb"\)\.$/)],
  },
  { name: 'a truncated XLSX', files: [g('truncated.xlsx')], outcome: 'refused', messages: [error(/^This workbook was not opened: it is damaged or incomplete/)] },
  {
    name: 'formulas: cached results used, a formula with none read as blank',
    files: [g('formulas.xlsx')],
    outcome: 'accepted',
    messages: [warning(/^1 formula cell has no saved result \(first at D3\), so it was read as blank/, { file: 'formulas.xlsx › Reviews' })],
    check: async (ws) =>
      expect(await rows(ws, 'SELECT child, review, review_code FROM reviews WHERE return_year = 2023 ORDER BY source_row')).toEqual([
        { child: '0012', review: '2022-05-03', review_code: 'PN1' },
        { child: '0034', review: '2022-07-01', review_code: null },
      ]),
  },
  {
    name: 'merged cells',
    files: [g('merged-cells.xlsx')],
    outcome: 'accepted',
    messages: [warning(/^Sheet "Reviews" has merged cells \(D2:D3\); each merged block's value was read into every cell it covers, as Excel shows it: check those rows\.$/, { file: 'merged-cells.xlsx › Reviews' })],
    // D2:D3 merged, holding PN1: both rows show PN1 in Excel, and both get it.
    check: async (ws) => expect(await rows(ws, 'SELECT child, review_code FROM reviews WHERE return_year = 2023 ORDER BY source_row')).toEqual([
      { child: '0012', review_code: 'PN1' },
      { child: '0034', review_code: 'PN1' },
    ]),
  },
  {
    name: 'a hidden sheet',
    files: [g('hidden-sheet.xlsx')],
    outcome: 'accepted',
    messages: [warning(/^Sheet "Old reviews" is hidden and was not imported/, { file: 'hidden-sheet.xlsx › Old reviews' })],
    check: async (ws) => expect(await rows(ws, 'SELECT child FROM reviews WHERE return_year = 2023')).toEqual([{ child: '0012' }]),
  },
  {
    name: 'an #N/A error cell in a date column',
    files: [g('error-cell.xlsx')],
    outcome: 'refused', blankable: 1,
    messages: [error(/^Row 3, REVIEW: "#N\/A" is an Excel error value, not data: fix the formula or clear the cell\.$/, { file: 'error-cell.xlsx › Reviews', row: 3, column: 'REVIEW', value: '#N/A' })],
  },
  {
    name: 'title rows above the header in a sheet',
    files: [g('title-rows.xlsx')],
    outcome: 'accepted',
    messages: [warning(/^The column names are on row 3; the 2 rows above them \("SSDA903 reviews 2022\/23", "Exported 04\/04\/2023"\) were skipped\.$/, { file: 'title-rows.xlsx › Reviews', row: 3 })],
    check: async (ws) => expect(await rows(ws, 'SELECT child, source_row FROM reviews WHERE return_year = 2023')).toEqual([{ child: '0012', source_row: 4 }]),
  },
  {
    name: 'a value beyond the last named column of a sheet',
    files: [g('beyond-last-column.xlsx')],
    outcome: 'refused',
    messages: [error(/^Row 3 has a value in column F, beyond the last named column \(D\)/, { file: 'beyond-last-column.xlsx › Reviews', row: 3, column: 'F' })],
  },
  {
    name: 'a 1.2 MB cell in a sheet (Excel stops at 32,767 characters)',
    files: [g('long-cell.xlsx')],
    outcome: 'refused',
    messages: [error(/^Row 2 \(column REVIEW_CODE\) holds a value of 1,200,000 characters; values longer than 1,000,000 characters are refused\.$/, { file: 'long-cell.xlsx › Reviews', row: 2, column: 'REVIEW_CODE' })],
  },
  { name: 'a workbook with no data', files: [g('empty-workbook.xlsx')], outcome: 'refused', messages: [error(/^The workbook has no sheet with data\.$/)] },
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-bad-input-'));
  made = join(dir, 'made');
  await makeBadInput(made);
  // The workspace every case starts from: 2022 with a local table, 2023 a good return.
  base = join(dir, 'base.duckdb');
  const ws = await Workspace.open({ path: base });
  const y2022 = await ws['workspace.import']({ year: 2022, files: [c('good-header.csv', 'header.csv'), c('escalations-2022.csv', 'escalations.csv')] });
  expect(y2022.messages.filter((m) => m.level === 'error')).toEqual([]);
  const y2023 = await ws['workspace.import']({ year: 2023, files: [{ name: 'good-2023', path: GOOD_2023 }] });
  expect(y2023.ok).toBe(true);
  await ws.close();
}, 120_000);

afterAll(async () => {
  if (timings.length > 0) {
    const lines = timings.map((t) => `${String(t.ms).padStart(6)} ms ${String(t.peakMb).padStart(4)} MB  ${t.outcome.padEnd(8)} ${t.name} — ${t.first.slice(0, 140)}`);
    console.log(`bad-input corpus (${timings.length} imports):\n${lines.join('\n')}`);
  }
  await rm(dir, { recursive: true, force: true });
});

describe('the bad-input corpus', () => {
  it('has at least 50 files', async () => {
    const names = new Set<string>();
    for (const k of CASES) for (const f of k.files) names.add((typeof f === 'function' ? f() : f).path!);
    expect(names.size).toBeGreaterThanOrEqual(50);
  });

  CASES.forEach((k, i) => {
    it(`${k.outcome === 'refused' ? 'refuses' : 'accepts'}: ${k.name}`, () => runCase(k, i), 60_000);
  });
});
