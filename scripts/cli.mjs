// @ts-check
/**
 * `npm run cli`: runs the command line from a bundled build (dist-cli/cli.mjs) so that a call costs
 * Node's start, DuckDB's and the work, not transpiling TypeScript on every call (tsx: ~1 s more).
 * The bundle is rebuilt, quietly and on stderr only, when any source under electron/ or shared/ is
 * newer than it; stdout stays the command's JSON or CSV. Plain JavaScript: it must run before any
 * build exists.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-cli');
const entry = path.join(outDir, 'cli.mjs');

/** Newest modification time of the sources the bundle is built from. */
function newestSource() {
  let newest = 0;
  const walk = (/** @type {string} */ dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const dir of ['electron', 'shared']) walk(path.join(root, dir));
  for (const file of ['package-lock.json', 'vite.cli.config.ts']) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return newest;
}

if (!existsSync(entry) || statSync(entry).mtimeMs < newestSource()) {
  process.stderr.write('Building the command line (once after each change)…\n');
  const { build } = await import('vite');
  // Built beside, then moved into place, so a second CLI started meanwhile never loads half a build.
  const staging = `${outDir}-${process.pid}`;
  await build({ root, configFile: path.join(root, 'vite.cli.config.ts'), logLevel: 'error', build: { outDir: staging } });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
}
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv.slice(2));
