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

/**
 * What the views are computed by: a snapshot built by other definitions (an older version of the
 * app, on a workspace file it left) is never taken for this one's.
 */
const DEFINITIONS_STAMP = fnv1a(CANONICAL_VIEWS.join('\n'));

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
}

async function buildView(engine: SqlEngine, db: string, v: ViewDefinition, timings?: ViewTiming[]): Promise<void> {
  const t0 = performance.now();
  await engine.run(`CREATE OR REPLACE TABLE ${db}.main.${v.name} AS ${v.body}`);
  if (timings) {
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    const n = await engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${db}.main.${v.name}`);
    timings.push({ name: v.name, rows: n[0]!.n, ms });
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
      for (const v of SNAPSHOT_VIEWS) await buildView(engine, ONCE_DB, v);
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
 * A snapshot of the canonical views kept between calls (a workspace's pack runs, drill-downs and
 * exports, and, in a file store, the next process's), so switching packs does not recompute the
 * views. The store says what it was made from (the view definitions and the list of imports with
 * their times, which every import and removal changes) and which views are complete; a
 * store made from anything else is emptied first. Views are built one at a time, each marked done
 * only once its table is whole, so a process killed half-way leaves a store the next one finishes.
 * The owner must call invalidate() after anything that writes to the 903 tables (an import, a
 * removal, SQL run with changes allowed). One per engine.
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

  /** The data changed: empty the store now (so nothing stale or removed stays in it) and forget kept results. */
  async invalidate(): Promise<void> {
    await this.engine.exclusive(async () => {
      this.kept.clear();
      this.lastBuild = [];
      await this.store.reset(this.engine);
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
   * fn over the snapshot, once the views that `sqlTexts` (the SQL fn will run) need are in it;
   * every snapshot view when sqlTexts is omitted.
   */
  async run<T>(fn: () => Promise<T>, sqlTexts?: readonly string[]): Promise<T> {
    const engine = this.engine;
    let done = new Set<string>();
    // The store is checked (and emptied) before the search path names it: DuckDB will not detach the default database.
    const prepare = async () => {
      await this.store.attach(engine);
      done = await this.viewsDone();
    };
    return exclusiveOver(engine, prepare, CACHED_DB, async () => {
      for (const v of sqlTexts ? viewsNeededBy(sqlTexts) : SNAPSHOT_VIEWS) {
        if (done.has(v.name)) continue;
        await buildView(engine, CACHED_DB, v, this.timeBuilds ? this.lastBuild : undefined);
        await engine.run(`INSERT INTO ${CACHED_DB}.main.snapshot_views VALUES ($name)`, { name: v.name });
      }
      return fn();
    });
  }

  /** The views complete in the store for the data as it is now; the store emptied first if it was made from other data. */
  private async viewsDone(): Promise<Set<string>> {
    const engine = this.engine;
    // Import ids with their times: ids start again at 1 in a workspace made anew at the same path.
    const now = await engine.all<{ ids: string | null }>(
      "SELECT string_agg(import_id::VARCHAR || '@' || imported_at::VARCHAR, ',' ORDER BY import_id) AS ids FROM imports",
    );
    const data = `${DEFINITIONS_STAMP}|${now[0]?.ids ?? ''}`;
    const stamp = await engine.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = '${CACHED_DB}' AND table_name = 'snapshot_made_from'`,
    );
    const made = stamp[0]!.n > 0 ? await engine.all<{ data: string }>(`SELECT data FROM ${CACHED_DB}.main.snapshot_made_from`) : [];
    if (made.length === 1 && made[0]!.data === data) {
      const views = await engine.all<{ name: string }>(`SELECT name FROM ${CACHED_DB}.main.snapshot_views`);
      return new Set(views.map((v) => v.name));
    }
    this.kept.clear();
    this.lastBuild = [];
    await this.store.reset(engine);
    await engine.run(`CREATE TABLE ${CACHED_DB}.main.snapshot_views (name VARCHAR)`);
    await engine.run(`CREATE TABLE ${CACHED_DB}.main.snapshot_made_from (data VARCHAR)`);
    await engine.run(`INSERT INTO ${CACHED_DB}.main.snapshot_made_from VALUES ($data)`, { data });
    return new Set();
  }
}
