/**
 * Stable pseudonyms for child ids in exports: the same child gets the same pseudonym in every
 * export from one workspace, and a different one in another workspace. The per-workspace secret
 * is random, kept in the workspace file, and never exported.
 */
import { randomBytes } from 'node:crypto';
import type { SqlEngine } from '../../shared/engine.js';

const SECRET_KEY = 'pseudonym_secret';

export async function workspaceSecret(engine: SqlEngine): Promise<string> {
  const found = await engine.all<{ value: string }>('SELECT value FROM workspace_meta WHERE key = $key', { key: SECRET_KEY });
  if (found[0]) return found[0].value;
  const secret = randomBytes(32).toString('hex');
  await engine.run('INSERT INTO workspace_meta VALUES ($key, $value) ON CONFLICT DO NOTHING', { key: SECRET_KEY, value: secret });
  const again = await engine.all<{ value: string }>('SELECT value FROM workspace_meta WHERE key = $key', { key: SECRET_KEY });
  return again[0]!.value;
}

/** SQL for the pseudonym of a child id expression; the secret is bound as `secretParam` ($secret, or ? for positional). */
export function pseudonymSql(childExpr: string, secretParam: '$secret' | '?' = '$secret'): string {
  return `'P' || upper(substr(sha256(${secretParam} || ':' || ${childExpr}), 1, 10))`;
}
