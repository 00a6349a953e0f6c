/**
 * The kept snapshot of the canonical views in a file beside the workspace, so that a new process
 * (the CLI, the app started again) reads the views the last one computed instead of spending
 * seconds to minutes on them. Child-level data, like the workspace: a private folder, the file
 * deleted (not just emptied) whenever the data changes, so rows of a removed year leave no trace.
 */
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { quoteLiteral, type SqlEngine } from '../../shared/engine.js';
import { CACHED_DB, type SnapshotStore } from '../../shared/packs/snapshot.js';

/** `<workspace>.views/`: the folder of the workspace's kept views. */
export function viewsFolderFor(workspacePath: string): string {
  return `${workspacePath}.views`;
}

export function fileSnapshotStore(workspacePath: string): SnapshotStore {
  const folder = viewsFolderFor(workspacePath);
  const file = join(folder, 'snapshot.duckdb');
  const attach = async (engine: SqlEngine) => {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    await engine.run(`ATTACH IF NOT EXISTS ${quoteLiteral(file)} AS ${CACHED_DB}`);
  };
  return {
    attach,
    async reset(engine) {
      await engine.run(`DETACH DATABASE IF EXISTS ${CACHED_DB}`);
      for (const f of [file, `${file}.wal`]) await rm(f, { force: true });
      await attach(engine);
    },
  };
}
