import { tableFromIPC } from 'apache-arrow';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppWorkspace } from '../../electron/workspace/appWorkspace.js';
import { Workspace } from '../../electron/workspace/workspace.js';
import { pseudonymSql, workspaceSecret } from '../../electron/workspace/pseudonym.js';

const SAMPLE = join(__dirname, '..', '..', 'sample-data', 'returns');

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

describe('masked drill-down', () => {
  it('lists the same children as the plain drill-down, each under its pseudonym', async () => {
    const ws = await openAppWorkspace({ path: ':memory:' });
    try {
      const dir = join(SAMPLE, '2024');
      const report = await ws['workspace.import']({ year: 2024, files: [{ name: '2024', path: dir }] });
      expect(report.ok).toBe(true);
      const req = { pack: 'age', year: 2024, key: '10-15' };
      const plain = tableFromIPC((await ws['pack.drill'](req)).arrow);
      const masked = tableFromIPC((await ws['pack.drill']({ ...req, maskIds: true })).arrow);
      const { result } = await ws['pack.run']({ id: 'age' });
      const count = result.rows.find((r) => r.key === '10-15')!.values['2024']!.count;
      expect(plain.numRows).toBe(count);
      expect(masked.numRows).toBe(count);
      const plainIds = plain.getChild('child')!.toArray() as string[];
      const maskedIds = masked.getChild('child')!.toArray() as string[];
      expect(new Set(maskedIds).size).toBe(new Set(plainIds).size);
      for (const id of maskedIds) {
        expect(id).toMatch(/^P[0-9A-F]{10}$/);
        expect(plainIds).not.toContain(id);
      }
      // Stable: the same pseudonyms on a second call.
      const again = tableFromIPC((await ws['pack.drill']({ ...req, maskIds: true })).arrow).getChild('child')!.toArray() as string[];
      expect([...again].sort()).toEqual([...maskedIds].sort());
    } finally {
      await ws.close();
    }
  });
});
