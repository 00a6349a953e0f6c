/**
 * Every data-quality rule on its own two hand-written fixtures (shared/quality/rules): the one that
 * passes gives no finding, the one that fails gives a finding on the row it breaks. The clean base
 * child passes every rule, and rules needing the previous year stay silent without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppWorkspace, type AppWorkspace } from '../../electron/workspace/appWorkspace.js';
import { FILE_KINDS, type FileKindId } from '../../shared/domain/fileKinds.js';
import { quoteIdent, quoteLiteral } from '../../shared/engine.js';
import type { Fixture, FixtureTables } from '../../shared/quality/rule.js';
import { FIXTURE_YEAR, fixtureTables } from '../../shared/quality/rules/fixtures.js';
import { NOT_CHECKED, QUALITY_RULES } from '../../shared/quality/rules/index.js';
import { findingsSql, ruleSql } from '../../shared/quality/run.js';

let ws: AppWorkspace;
beforeAll(async () => {
  ws = await openAppWorkspace({ path: ':memory:' });
});
afterAll(async () => {
  await ws.close();
});

async function loadYear(year: number, tables: FixtureTables): Promise<void> {
  await ws.engine.run(`INSERT INTO imports VALUES (${year}, ${year}, now()::TIMESTAMP, NULL)`);
  for (const [kind, rows] of Object.entries(tables) as [FileKindId, FixtureTables[FileKindId]][]) {
    await ws.engine.run(`INSERT INTO import_files VALUES (${year}, ${year}, '${kind}.csv', '${kind}', '${kind}', '', ${rows?.length ?? 0}, NULL)`);
    let line = 2;
    for (const row of rows ?? []) {
      const cols = Object.keys(row);
      const values = cols.map((c) => (row[c] === null ? 'NULL' : typeof row[c] === 'number' ? String(row[c]) : quoteLiteral(String(row[c]))));
      await ws.engine.run(
        `INSERT INTO ${quoteIdent(kind)} (return_year, import_id, source_file, source_row, ${cols.map((c) => quoteIdent(c.toLowerCase())).join(', ')})
         VALUES (${year}, ${year}, '${kind}.csv', ${line++}, ${values.join(', ')})`,
      );
    }
  }
}

async function load(fixture: Fixture): Promise<void> {
  await ws.engine.run('DELETE FROM imports');
  await ws.engine.run('DELETE FROM import_files');
  for (const k of FILE_KINDS) await ws.engine.run(`DELETE FROM ${quoteIdent(k.id)}`);
  const year = fixture.year ?? FIXTURE_YEAR;
  await loadYear(year, fixtureTables(fixture.tables, true));
  if (fixture.previous) await loadYear(year - 1, fixtureTables(fixture.previous, false));
}

/** The rule's findings over every year, or (as for a national workspace) built for the one year given. */
async function findings(index: number, year?: number) {
  return ws.engine.all<{ year: number; file: string; row: number; child: string; vals: string }>(
    `SELECT year, file, row, child, vals FROM (${ruleSql(QUALITY_RULES[index]!, index, year)}) ORDER BY file, row`,
  );
}

describe('each rule on its pass and fail fixtures', () => {
  QUALITY_RULES.forEach((rule, index) => {
    it(`${rule.code} (${rule.table}: ${rule.fields.join(', ')})`, async () => {
      const year = rule.fail.year ?? FIXTURE_YEAR;
      await load(rule.pass);
      expect(await findings(index), `${rule.code} passes its pass fixture`).toEqual([]);
      expect(await findings(index, rule.pass.year ?? FIXTURE_YEAR), `${rule.code} passes its pass fixture built for its year`).toEqual([]);
      await load(rule.fail);
      const found = await findings(index);
      expect(found.length, `${rule.code} fails its fail fixture`).toBeGreaterThan(0);
      expect(await findings(index, year), `${rule.code} finds the same rows built for the year alone`).toEqual(found);
      for (const f of found) {
        expect(f.year).toBe(year);
        expect(f.file).toBe(`${rule.table}.csv`);
        const own = FILE_KINDS.find((k) => k.id === rule.table)!.columns.filter((c) => rule.fields.includes(c.name)).map((c) => c.name);
        expect(Object.keys(JSON.parse(f.vals) as object).sort()).toEqual(own.sort());
      }
    });
  });
});

describe('the rule set', () => {
  it('finds nothing on the clean base child', async () => {
    // Last year the child had an earlier period of care (a Header child needs episodes: DfE's EPI).
    await load({ tables: {}, previous: { header: [{}], episodes: [{ DECOM: '2021-06-01', DEC: '2022-03-01', REC: 'E8' }] } });
    expect(await ws.engine.all(`SELECT rule_index, file, row FROM (${findingsSql()})`)).toEqual([]);
  });

  it('checks a previous-year rule only where the year before is loaded', async () => {
    const index = QUALITY_RULES.findIndex((r) => r.code === '202');
    await load({ tables: { header: [{ SEX: '2' }] }, previous: { header: [{ SEX: '1' }] } });
    expect(await findings(index)).toHaveLength(1);
    await ws.engine.run(`DELETE FROM imports WHERE return_year = ${FIXTURE_YEAR - 1}`);
    expect(await findings(index)).toEqual([]);
  });

  it('checks a rule that compares with another file only where that file was loaded for the year', async () => {
    const needing = QUALITY_RULES.map((rule, index) => ({ rule, index })).filter(({ rule }) => rule.needs !== undefined);
    expect(needing.length).toBeGreaterThan(0);
    for (const { rule, index } of needing) {
      await load(rule.fail);
      expect(await findings(index), `${rule.code} fails its fail fixture`).not.toEqual([]);
      await ws.engine.run(`DELETE FROM import_files WHERE kind IN (${rule.needs!.map((k) => quoteLiteral(k)).join(', ')})`);
      expect(await findings(index), `${rule.code} is silent without ${rule.needs!.join(', ')}`).toEqual([]);
    }
  });

  it('has a code and a plain-English message for each rule, and says why each unchecked rule is not checked', () => {
    for (const r of QUALITY_RULES) {
      expect(r.code).toMatch(/^(\d{3,4}[A-Za-z]?|W\d\d|INT\d\d|SW\d\d+[a-z]?STG\d|NoE|EPI)$/);
      expect(r.message).toMatch(/^[A-Z].*\.$/);
      expect(r.fields.length).toBeGreaterThan(0);
    }
    for (const n of NOT_CHECKED) expect(n.why.length).toBeGreaterThan(20);
  });

  it('names no table t in a condition: t is the row, whose year a build for one year writes as that year', () => {
    const aliasT = /\b(?:FROM|JOIN)\s+[\w."]+\s+(?:AS\s+)?t\b|\bt\s+AS\s*\(/i;
    expect(aliasT.test('EXISTS (SELECT 1 FROM episodes t WHERE true)')).toBe(true);
    expect(QUALITY_RULES.filter((r) => aliasT.test(r.when)).map((r) => `${r.code} ${r.table}`)).toEqual([]);
  });

  it('defines each DfE code once per table and year (no two definitions of one check), and lists none as not checked', () => {
    const dfe = QUALITY_RULES.filter((q) => !q.code.startsWith('W'));
    const twice = dfe.filter((a, i) =>
      dfe.some((b, j) => j > i && a.code === b.code && a.table === b.table && (a.from ?? 0) <= (b.to ?? 9999) && (b.from ?? 0) <= (a.to ?? 9999)),
    );
    expect(twice.map((r) => `${r.code} ${r.table}`)).toEqual([]);
    expect(NOT_CHECKED.filter((n) => dfe.some((r) => r.code === n.code)).map((n) => n.code)).toEqual([]);
  });
});
