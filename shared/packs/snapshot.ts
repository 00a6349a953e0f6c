/**
 * Snapshots of the canonical views. Every pack reads the same few views (the episode history
 * behind most of them costs seconds at an authority's scale and a minute at national scale), so
 * packs run over the views computed once into tables. The tables live in a database attached
 * beside the workspace, and queries find them first by the search path while fn runs; all of it
 * inside one engine.exclusive section, so no other caller (the SQL editor, an import) runs in
 * between, sees the tables, or changes the data under them.
 *
 * A kept snapshot (ViewSnapshotCache) is built only as far as the SQL about to run needs (the
 * views it names and the views those read), view by view, and, in a store that is a file, outlives
 * the process: the next process (the CLI, the app started again) reads the views already made.
 * After an import adds a year, a kept view is brought up to date for the years it changed only
 * (that year and the later ones, whose history reads it), not computed again whole.
 */
import { quoteLiteral, type SqlEngine, type SqlValue } from '../engine.js';
import { CANONICAL_VIEWS, CANONICAL_VIEW_DEFINITIONS, type ViewDefinition } from '../sql/views.js';

/** Kept between calls (ViewSnapshotCache). */
export const CACHED_DB = 'iro_views';
/** Made for one call and dropped after it (withViewSnapshot). */
const ONCE_DB = 'iro_views_once';

/**
 * Views the snapshot leaves as views: a plain filter of one table costs less to read again than
 * to copy (episodes_nsb: at national scale, 1.6 s and 0.9 GB more at the peak to copy).
 */
const LEFT_AS_VIEWS: ReadonlySet<string> = new Set(['episodes_nsb']);

/** The views a snapshot computes into tables, in dependency order. */
const SNAPSHOT_VIEWS: readonly ViewDefinition[] = CANONICAL_VIEW_DEFINITIONS.filter((v) => !LEFT_AS_VIEWS.has(v.name));

const namedIn = (name: string, sql: string) => new RegExp(`\\b${name}\\b`).test(sql);

/** Each snapshot view's name -> the snapshot views its body reads. */
const READS: ReadonlyMap<string, readonly string[]> = new Map(
  SNAPSHOT_VIEWS.map((v) => [v.name, SNAPSHOT_VIEWS.filter((w) => w.name !== v.name && namedIn(w.name, v.body)).map((w) => w.name)]),
);

/**
 * The snapshot views some SQL needs, in dependency order: those it names, and those they read.
 * years_loaded always (every run asks which years are loaded).
 */
export function viewsNeededBy(sqlTexts: readonly string[]): ViewDefinition[] {
  const text = sqlTexts.join('\n');
  const wanted = new Set<string>();
  const add = (name: string) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const dep of READS.get(name) ?? []) add(dep);
  };
  add('years_loaded');
  for (const v of SNAPSHOT_VIEWS) if (namedIn(v.name, text)) add(v.name);
  return SNAPSHOT_VIEWS.filter((v) => wanted.has(v.name));
}

/** How the store records what its views were made from (snapshot_views, snapshot_made_from). */
const STORE_FORMAT = 2;

/**
 * What the views are computed by: a snapshot built by other definitions (an older version of the
 * app, on a workspace file it left) is never taken for this one's.
 */
const DEFINITIONS_STAMP = fnv1a([`store format ${STORE_FORMAT}`, ...CANONICAL_VIEWS].join('\n'));

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** How long one view took to compute into the snapshot, and its rows. */
export interface ViewTiming {
  name: string;
  rows: number;
  ms: number;
  /** Only the years from this one on were computed (the rest kept); absent when computed whole. */
  fromYear?: number;
}

/**
 * The view computed whole into db (fromYear null), or its rows from fromYear on replaced in one
 * transaction; mark() records it made, after the whole table (in the same transaction as an update).
 */
async function buildView(
  engine: SqlEngine,
  db: string,
  v: ViewDefinition,
  fromYear: number | null,
  mark: () => Promise<void>,
  timings?: ViewTiming[],
): Promise<void> {
  const t0 = performance.now();
  if (fromYear === null) {
    await engine.run(`CREATE OR REPLACE TABLE ${db}.main.${v.name} AS ${v.body}`);
    await mark();
  } else {
    await engine.transaction(async () => {
      await engine.run(`DELETE FROM ${db}.main.${v.name} WHERE return_year >= ${fromYear}`);
      await engine.run(`INSERT INTO ${db}.main.${v.name} ${v.since(fromYear)}`);
      await mark();
    });
  }
  if (timings) {
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    const n = await engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${db}.main.${v.name}`);
    timings.push({ name: v.name, rows: n[0]!.n, ms, ...(fromYear === null ? {} : { fromYear }) });
  }
}

/** fn inside one exclusive section, after prepare() (which attaches db), with db's tables first on the search path. */
async function exclusiveOver<T>(engine: SqlEngine, prepare: () => Promise<void>, db: string, fn: () => Promise<T>): Promise<T> {
  return engine.exclusive(async () => {
    await prepare();
    const rows = await engine.all<{ path: string; main: string }>("SELECT current_setting('search_path') AS path, current_database() AS main");
    await engine.run(`SET search_path = ${quoteLiteral(`${db}.main,${rows[0]!.main}.main`)}`);
    try {
      return await fn();
    } finally {
      await engine.run(`SET search_path = ${quoteLiteral(rows[0]!.path)}`);
    }
  });
}

/**
 * Run fn against a snapshot of the canonical views made for this call and dropped after it (see
 * ViewSnapshotCache to keep one between calls). Not inside engine.transaction: fn's statements
 * each commit on their own, and nothing else runs until fn is done.
 */
export async function withViewSnapshot<T>(engine: SqlEngine, fn: () => Promise<T>): Promise<T> {
  return exclusiveOver(engine, () => engine.run(`ATTACH IF NOT EXISTS ':memory:' AS ${ONCE_DB}`), ONCE_DB, async () => {
    try {
      for (const v of SNAPSHOT_VIEWS) await buildView(engine, ONCE_DB, v, null, async () => undefined);
      return await fn();
    } finally {
      for (const v of [...SNAPSHOT_VIEWS].reverse()) await engine.run(`DROP TABLE IF EXISTS ${ONCE_DB}.main.${v.name}`);
    }
  });
}

/**
 * Where a kept snapshot's tables live: a database attached to the engine as CACHED_DB. In memory
 * it lasts as long as the process; in a file (the workspace's, electron/workspace) it outlives it.
 */
export interface SnapshotStore {
  /** Attach the store if it is not attached (called at the start of every section). */
  attach(engine: SqlEngine): Promise<void>;
  /**
   * Leave the store attached and empty. A file store deletes its file and makes a new one, so no
   * trace of rows since removed (a removed year's children) stays in it.
   */
  reset(engine: SqlEngine): Promise<void>;
}

export const MEMORY_SNAPSHOT_STORE: SnapshotStore = {
  attach: (engine) => engine.run(`ATTACH IF NOT EXISTS ':memory:' AS ${CACHED_DB}`),
  async reset(engine) {
    await engine.run(`DETACH DATABASE IF EXISTS ${CACHED_DB}`);
    await engine.run(`ATTACH ':memory:' AS ${CACHED_DB}`);
  },
};

/**
 * Views computed whole whenever the data changed: tiny, or not by year (working_days spans the
 * years loaded).
 */
const COMPUTED_WHOLE: ReadonlySet<string> = new Set(['years_loaded', 'bank_holidays', 'working_days']);

/** One import as a view records it was made from: its id and time (ids start again in a workspace made anew) and its year. */
interface ImportMark {
  key: string;
  year: number;
}

const marksText = (marks: readonly ImportMark[]) => marks.map((m) => `${m.key}:${m.year}`).join(',');
const parseMarks = (text: string): ImportMark[] =>
  text === ''
    ? []
    : text.split(',').map((m) => {
        const at = m.lastIndexOf(':');
        return { key: m.slice(0, at), year: Number(m.slice(at + 1)) };
      });

/** What the store holds for the data as it is now. */
interface StoreState {
  /** The imports now, as views record them. */
  now: string;
  /** Each view in the store -> the imports it was made from. */
  views: Map<string, string>;
}

/**
 * The first year a view made from `made` must be computed again for to match `now`, when `now`
 * only adds imports to it: a year's rows read its own and earlier returns only, so the added
 * imports' first year and every later one. null when an import it was made from is gone.
 */
function firstChangedYear(made: string, now: string): number | null {
  const before = new Set(parseMarks(made).map((m) => m.key));
  const current = parseMarks(now);
  const kept = current.filter((m) => before.has(m.key)).length;
  if (kept !== before.size) return null;
  return Math.min(...current.filter((m) => !before.has(m.key)).map((m) => m.year));
}

/**
 * A snapshot of the canonical views kept between calls (a workspace's pack runs, drill-downs and
 * exports, and, in a file store, the next process's), so switching packs does not recompute the
 * views. The store says what its views were computed by (the view definitions) and, for each
 * view, the imports (with their times and years) it was made from. A view made from fewer imports
 * than there are now has only the years the added ones changed computed again; a store holding
 * anything made from an import since removed or replaced, or by other definitions, is emptied
 * first, so no row of removed data stays in it. Each view is marked with the imports it was made
 * from only once its table is whole, in the same transaction as the rows, so a process killed
 * half-way leaves a store the next one finishes. The owner must call invalidate() after anything
 * that writes to the 903 tables (an import, a removal, SQL run with changes allowed). One per engine.
 */
export class ViewSnapshotCache {
  /** Set (by the benchmark) to have builds record their views' timings in lastBuild. */
  timeBuilds = false;
  /** The views built since the store was last emptied, with their timings (when timeBuilds). */
  lastBuild: ViewTiming[] = [];
  /** Each pack query's aggregate rows over the current snapshot (a few hundred rows each), by its SQL. */
  private readonly kept = new Map<string, Record<string, SqlValue>[]>();

  constructor(
    private readonly engine: SqlEngine,
    private readonly store: SnapshotStore = MEMORY_SNAPSHOT_STORE,
  ) {}

  /**
   * The data changed: forget kept results and, unless the change was only imports added (whose
   * years the views bring up to date themselves), empty the store now (so nothing stale or
   * removed stays in it).
   */
  async invalidate(change: 'imports-added' | 'any' = 'any'): Promise<void> {
    await this.engine.exclusive(async () => {
      this.kept.clear();
      this.lastBuild = [];
      if (change === 'any') await this.store.reset(this.engine);
    });
  }

  /** Forget the packs' aggregates (the benchmark, to time computing them); the snapshot stays. */
  forgetAggregates(): void {
    this.kept.clear();
  }

  /**
   * The aggregate rows of a pack query over the current snapshot: computed once, then kept until
   * the snapshot is made again, so going back to a pack, or exporting packs already shown, does
   * not run them again. Call inside run().
   */
  async aggregates(sql: string, compute: () => Promise<Record<string, SqlValue>[]>): Promise<Record<string, SqlValue>[]> {
    const hit = this.kept.get(sql);
    if (hit) return hit;
    const rows = await compute();
    this.kept.set(sql, rows);
    return rows;
  }

  /**
   * fn over the snapshot, once the views that `sqlTexts` (the SQL fn will run) need are in it and
   * made from the data as it is; every snapshot view when sqlTexts is omitted.
   */
  async run<T>(fn: () => Promise<T>, sqlTexts?: readonly string[]): Promise<T> {
    const engine = this.engine;
    let state: StoreState = { now: '', views: new Map() };
    // The store is checked (and emptied) before the search path names it: DuckDB will not detach the default database.
    const prepare = async () => {
      await this.store.attach(engine);
      state = await this.storeState();
    };
    return exclusiveOver(engine, prepare, CACHED_DB, async () => {
      const timings = this.timeBuilds ? this.lastBuild : undefined;
      for (const v of sqlTexts ? viewsNeededBy(sqlTexts) : SNAPSHOT_VIEWS) {
        const made = state.views.get(v.name);
        if (made === state.now) continue;
        const params = { name: v.name, now: state.now };
        if (made === undefined || COMPUTED_WHOLE.has(v.name)) {
          // Unmarked first: a process killed before the table is whole leaves it to be made again.
          await engine.run(`DELETE FROM ${CACHED_DB}.main.snapshot_views WHERE name = $name`, { name: v.name });
          const mark = () => engine.run(`INSERT INTO ${CACHED_DB}.main.snapshot_views VALUES ($name, $now)`, params);
          await buildView(engine, CACHED_DB, v, null, mark, timings);
        } else {
          // storeState emptied a store holding removed imports, so this only adds years.
          const mark = () => engine.run(`UPDATE ${CACHED_DB}.main.snapshot_views SET made_from = $now WHERE name = $name`, params);
          await buildView(engine, CACHED_DB, v, firstChangedYear(made, state.now)!, mark, timings);
        }
      }
      return fn();
    });
  }

  /**
   * The imports now and the views in the store with what each was made from; the store emptied
   * first if it was made by other definitions or holds anything made from an import since gone.
   */
  private async storeState(): Promise<StoreState> {
    const engine = this.engine;
    const imports = await engine.all<{ key: string; year: number }>(
      "SELECT import_id::VARCHAR || '@' || imported_at::VARCHAR AS key, return_year AS year FROM imports ORDER BY import_id",
    );
    const now = marksText(imports);
    const stamp = await engine.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = '${CACHED_DB}' AND table_name = 'snapshot_made_from'`,
    );
    const made = stamp[0]!.n > 0 ? await engine.all<{ data: string }>(`SELECT data FROM ${CACHED_DB}.main.snapshot_made_from`) : [];
    if (made.length === 1 && made[0]!.data === DEFINITIONS_STAMP) {
      const rows = await engine.all<{ name: string; made_from: string }>(`SELECT name, made_from FROM ${CACHED_DB}.main.snapshot_views`);
      const views = new Map(rows.map((r) => [r.name, r.made_from]));
      if ([...views.values()].every((m) => m === now || firstChangedYear(m, now) !== null)) return { now, views };
    }
    this.kept.clear();
    this.lastBuild = [];
    await this.store.reset(engine);
    await engine.run(`CREATE TABLE ${CACHED_DB}.main.snapshot_views (name VARCHAR, made_from VARCHAR)`);
    await engine.run(`CREATE TABLE ${CACHED_DB}.main.snapshot_made_from (data VARCHAR)`);
    await engine.run(`INSERT INTO ${CACHED_DB}.main.snapshot_made_from VALUES ($data)`, { data: DEFINITIONS_STAMP });
    return { now, views: new Map() };
  }
}
