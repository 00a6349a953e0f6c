/**
 * Cancel and limits for Explore's queries (issue 19 item 2): a query that would run for ever is
 * stopped by Cancel, by the page going away, by its time limit or by quitting; an oversized result
 * is refused before it fills the heap; and the app answers other calls while a query runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryRefused, Workspace } from '../../electron/workspace/workspace.js';

let dir: string;
let ws: Workspace;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-limits-'));
  ws = await Workspace.open({ path: join(dir, 'w.duckdb') });
});

afterAll(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

const FOREVER = 'SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3';

/** The outcome of a query that should fail, and when it failed. */
async function settled(p: Promise<unknown>): Promise<{ err: QueryRefused; at: number }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(QueryRefused);
    return { err: err as QueryRefused, at: performance.now() };
  }
  throw new Error('the query finished');
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cancel', () => {
  it('stops a query that would run for ever within a second of Cancel, and the app answers meanwhile', async () => {
    const running = settled(ws['query.run']({ sql: FOREVER }));
    await tick(300);
    const t0 = performance.now();
    const status = await ws['workspace.status']({});
    expect(status.years).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(1000);
    const cancelledAt = performance.now();
    await ws['query.cancel']({});
    const { err, at } = await running;
    expect(err.code).toBe('cancelled');
    expect(err.message).toBe('The query was cancelled.');
    expect(at - cancelledAt).toBeLessThan(1000);
    // The workspace goes on as before.
    await expect(ws['query.run']({ sql: 'SELECT 42 AS answer' })).resolves.toMatchObject({ rowCount: 1 });
  });

  it('stops the query when the caller goes away (its signal aborts: the page closed)', async () => {
    const controller = new AbortController();
    const running = settled(ws['query.run']({ sql: FOREVER }, { signal: controller.signal }));
    await tick(200);
    const abortedAt = performance.now();
    controller.abort();
    const { err, at } = await running;
    expect(err.code).toBe('cancelled');
    expect(at - abortedAt).toBeLessThan(1000);
  });

  it('stops a change waiting with the app\'s own work too', async () => {
    const running = settled(ws['query.run']({ sql: `CREATE TABLE never AS ${FOREVER}`, allowWrite: true }));
    await tick(300);
    await ws['query.cancel']({});
    expect((await running).err.code).toBe('cancelled');
    expect(await ws.engine.all(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'never'`)).toEqual([]);
  });
});

describe('limits', () => {
  it('stops a query at its time limit and says so', async () => {
    const t0 = performance.now();
    const { err, at } = await settled(ws['query.run']({ sql: FOREVER, timeLimitSeconds: 1 }));
    expect(err.code).toBe('limit');
    expect(err.message).toBe('The query was stopped after 1 second, its time limit. Narrow it (a WHERE, fewer joins) or allow more time.');
    expect(at - t0).toBeGreaterThanOrEqual(900);
  });

  it('refuses an oversized result without the heap growing past 1 GiB', async () => {
    let peak = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 10);
    try {
      const { err } = await settled(ws['query.run']({ sql: "SELECT repeat('x', 5000) AS s FROM range(100000)" }));
      expect(err.code).toBe('limit');
      expect(err.message).toBe('The result is larger than 64 MB, so it was stopped. Select fewer columns or rows (LIMIT), or summarise with GROUP BY.');
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    expect(peak).toBeLessThan(1024 ** 3);
    // A smaller limit asked for is kept to.
    const { err } = await settled(ws['query.run']({ sql: "SELECT repeat('x', 5000) AS s FROM range(1000)", maxMegabytes: 1 }));
    expect(err.message).toMatch(/^The result is larger than 1 MB/);
    await expect(ws['query.run']({ sql: "SELECT repeat('x', 5000) AS s FROM range(1000)" })).resolves.toMatchObject({ rowCount: 1000 });
  });
});

describe('quitting', () => {
  it('closes the workspace promptly while a query runs, cancelling it', async () => {
    const other = await Workspace.open({ path: join(dir, 'other.duckdb') });
    const running = settled(other['query.run']({ sql: FOREVER }));
    await tick(200);
    const t0 = performance.now();
    await other.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect((await running).err.code).toBe('cancelled');
  });
});
