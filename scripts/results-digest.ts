/**
 * A digest of a workspace's results, one line per part, so that a change meant to leave every figure
 * as it was (a speed-up) can be proved to: run it with the code before and with the code after, and
 * compare the two outputs (`diff`, or `cmp`). Issue 18 asks for this proof on the sample and the
 * national set.
 *
 *   npx tsx scripts/results-digest.ts --workspace W [--import YEAR=DIR ...] [--breakdowns] [--quality] [--out F]
 *
 *   --import YEAR=DIR   first make W (it must not exist) by importing each folder as that year, in
 *                       the order given; each import's report is digested too (an import refused is
 *                       a line of its own, and the rest still run)
 *   --breakdowns        also every pack broken down by each breakdown the app offers for it
 *   --quality           also the data-quality findings, rule by rule
 *
 * The code before can be had with `git worktree add /tmp/before <commit>` (with node_modules linked
 * or installed there): run this script from each tree on its own copy of the same files.
 *
 * Lines, sorted:
 *   import <year> <digest>                     the import report (less the import's id)
 *   table <name> <year|-> <rows> <digest> <rows out of file order>
 *   view <name> <year|-> <rows> <digest>
 *   pack <id> <options> suppress=<none|5|10> <digest>
 *   quality <rule> <findings> <digest>
 * A table's and a view's digest is order-free (DuckDB's hash of every column, xor-ed over the rows),
 * leaving out import ids and times of day; for a 903 table, rows out of file order counts the rows
 * stored before a row of the same file that comes earlier in it (0 when the table is in file order).
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openAppWorkspace, type AppWorkspace } from '../electron/workspace/appWorkspace.js';
import { quoteIdent } from '../shared/engine.js';
import { BREAKDOWNS, BREAKDOWN_OPTION } from '../shared/packs/breakdown.js';
import { getPack, listPacks, optionVariants, runPacks } from '../shared/packs/run.js';
import { CANONICAL_VIEW_NAMES } from '../shared/sql/views.js';

const THRESHOLDS = [null, 5, 10] as const;
/** Tables that record when and by whom, not what: the same import at another time differs there. */
const NOT_RESULTS = new Set(['activity_log', 'workspace_meta']);
/** Views that are fixed lists, not results. */
const FIXED_VIEWS = new Set(['bank_holidays', 'working_days']);

export interface DigestOptions {
  breakdowns?: boolean;
  quality?: boolean;
}

export const digestOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** Per year (or '-'), row count and order-free digest of a table or view's columns but import ids and times. */
async function relationDigest(ws: AppWorkspace, name: string): Promise<{ year: string; rows: number; digest: string }[]> {
  const columns = await ws.engine.all<{ name: string; type: string }>(
    `SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${quoteIdent(name)})`,
  );
  const kept = columns.filter((c) => c.name !== 'import_id' && !c.type.startsWith('TIMESTAMP')).map((c) => quoteIdent(c.name));
  const byYear = columns.some((c) => c.name === 'return_year');
  return ws.engine.all(
    `SELECT ${byYear ? 'return_year::VARCHAR' : "'-'"} AS year, count(*)::INTEGER AS rows,
       ${kept.length > 0 ? `bit_xor(hash(struct_pack(${kept.join(', ')})))::VARCHAR` : "''"} AS digest
     FROM ${quoteIdent(name)} GROUP BY ALL ORDER BY 1`,
  );
}

/** Rows of a 903 table stored after a row of the same file that comes later in the file. */
async function outOfOrder(ws: AppWorkspace, table: string): Promise<number> {
  const rows = await ws.engine.all<{ n: number }>(
    `SELECT count(*) FILTER (WHERE source_row < previous)::INTEGER AS n FROM (
       SELECT source_row, lag(source_row) OVER (PARTITION BY import_id, source_file ORDER BY rowid) AS previous FROM ${quoteIdent(table)})`,
  );
  return rows[0]?.n ?? 0;
}

export async function digestWorkspace(ws: AppWorkspace, options: DigestOptions = {}): Promise<string[]> {
  const lines: string[] = [];
  const tables = await ws.engine.all<{ name: string; numbered: boolean }>(
    `SELECT t.table_name AS name, bool_or(c.column_name = 'source_row') AS numbered
     FROM duckdb_tables() t JOIN duckdb_columns() c USING (table_oid)
     WHERE t.schema_name = 'main' AND NOT t.temporary GROUP BY 1 ORDER BY 1`,
  );
  for (const { name, numbered } of tables) {
    if (NOT_RESULTS.has(name)) continue;
    const order = numbered ? await outOfOrder(ws, name) : 0;
    for (const r of await relationDigest(ws, name)) lines.push(`table ${name} ${r.year} ${r.rows} ${r.digest} ${order}`);
  }
  await ws.views.run(async () => {
    for (const name of CANONICAL_VIEW_NAMES) {
      if (FIXED_VIEWS.has(name)) continue;
      for (const r of await relationDigest(ws, name)) lines.push(`view ${name} ${r.year} ${r.rows} ${r.digest}`);
    }
  });
  for (const { id, ownBreakdowns } of listPacks()) {
    const variants = optionVariants(getPack(id));
    const broken = options.breakdowns ? BREAKDOWNS.filter((b) => !ownBreakdowns?.includes(b.id)) : [];
    for (const base of variants) {
      for (const by of [null, ...broken]) {
        const packOptions: Record<string, string> = { ...base, ...(by ? { [BREAKDOWN_OPTION]: by.id } : {}) };
        for (const suppress of THRESHOLDS) {
          const result = await runPacks(ws.engine, [id], { options: packOptions, suppress, snapshot: ws.views });
          lines.push(`pack ${id} ${JSON.stringify(packOptions)} suppress=${suppress ?? 'none'} ${digestOf(result[id])}`);
        }
      }
    }
  }
  if (options.quality) {
    const { findings } = await ws['quality.findings']({});
    const byRule = new Map<string, unknown[]>();
    for (const f of findings) {
      const list = byRule.get(f.rule);
      if (list) list.push(f);
      else byRule.set(f.rule, [f]);
    }
    for (const [rule, list] of byRule) lines.push(`quality ${rule} ${list.length} ${digestOf(list)}`);
  }
  return lines.sort();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      import: { type: 'string', multiple: true, default: [] },
      breakdowns: { type: 'boolean', default: false },
      quality: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (!values.workspace) throw new Error('Give --workspace W (with --import YEAR=DIR to make it first).');
  if (values.import.length > 0 && existsSync(values.workspace)) throw new Error(`${values.workspace} exists: --import makes a new workspace.`);
  const ws = await openAppWorkspace({ path: values.workspace });
  const lines: string[] = [];
  try {
    for (const spec of values.import) {
      const m = /^(\d{4})=(.+)$/.exec(spec);
      if (!m) throw new Error(`--import takes YEAR=DIR (got "${spec}").`);
      const report = await ws['workspace.import']({ year: Number(m[1]), files: [{ name: m[1]!, path: m[2]! }] });
      lines.push(`import ${m[1]} ${report.ok ? 'ok' : 'refused'} ${digestOf({ ...report, importId: null })}`);
    }
    lines.push(...(await digestWorkspace(ws, { breakdowns: values.breakdowns, quality: values.quality })));
  } finally {
    await ws.close();
  }
  const text = lines.join('\n') + '\n';
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
  console.error(`${lines.length} lines, digest of all ${digestOf(lines)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
