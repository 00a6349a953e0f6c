import { describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/workspace/workspace.js';
import { pseudonymSql, workspaceSecret } from '../../electron/workspace/pseudonym.js';

async function pseudonyms(ws: Workspace, ids: string[]) {
  const secret = await workspaceSecret(ws.engine);
  const rows = await ws.engine.all<{ p: string }>(
    `SELECT ${pseudonymSql('id')} AS p FROM unnest($ids::VARCHAR[]) AS t(id)`,
    { secret, ids: JSON.stringify(ids) },
  );
  return rows.map((r) => r.p);
}

describe('pseudonymous child ids', () => {
  it('are stable within a workspace, differ between workspaces, and do not contain the id', async () => {
    const a = await Workspace.open({ path: ':memory:' });
    const b = await Workspace.open({ path: ':memory:' });
    try {
      const ids = ['0012', '0034', '0012'];
      const pa = await pseudonyms(a, ids);
      expect(pa[0]).toMatch(/^P[0-9A-F]{10}$/);
      expect(pa[0]).toBe(pa[2]);
      expect(pa[0]).not.toBe(pa[1]);
      expect(await pseudonyms(a, ids)).toEqual(pa);
      const pb = await pseudonyms(b, ids);
      expect(pb[0]).not.toBe(pa[0]);
      expect(pa.join()).not.toContain('0012');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
