/**
 * The codes each 903 column may hold, for unknown-code warnings at import. Unknown codes are
 * kept and shown as themselves; the warning only helps people spot typos and new codes.
 */
import { codeListFor } from '../domain/codes.js';
import type { FileKindId } from '../domain/fileKinds.js';

const cache = new Map<string, ReadonlySet<string> | null>();

export function knownCodesFor(kind: FileKindId, column: string): ReadonlySet<string> | null {
  const key = `${kind}.${column}`;
  if (!cache.has(key)) {
    const list = codeListFor(kind, column);
    cache.set(key, list ? new Set(list.codes.map((c) => c.code)) : null);
  }
  return cache.get(key)!;
}
