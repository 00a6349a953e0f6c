/**
 * Pack results already shown, kept in the page so going back to a pack redraws at once (no round
 * trip). One cache per API and workspace state: any change of data (a new WorkspaceStatus after
 * an import, a removal or a change made in Explore) starts a fresh one.
 */
import type { PackRunResult, WorkbenchApi, WorkspaceStatus } from '../../../shared/api.js';

const caches = new WeakMap<WorkbenchApi, { status: WorkspaceStatus; runs: Map<string, PackRunResult> }>();

/** The key of a pack run: the pack, the suppression and the options chosen (a breakdown among them), in a fixed order. */
export function packRunKey(id: string, suppress: number | null, options?: Readonly<Record<string, string>>): string {
  const chosen = Object.entries(options ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return `${id}|${suppress ?? ''}${chosen.map(([k, v]) => `|${k}=${v}`).join('')}`;
}

export function packRunCache(api: WorkbenchApi, status: WorkspaceStatus): Map<string, PackRunResult> {
  let cache = caches.get(api);
  if (!cache || cache.status !== status) caches.set(api, (cache = { status, runs: new Map() }));
  return cache.runs;
}

/** Forget the pack results kept for this API: the comparators changed (another authority, newer published figures). */
export function forgetPackRuns(api: WorkbenchApi): void {
  caches.delete(api);
}
