/**
 * The import skips its detailed checks (problemsSql) when the cheap one (row_ok, quickCheckSql)
 * finds nothing. That is only right if the two agree on every value: row_ok is true exactly when
 * problemsSql lists nothing for the row, and quickCheckSql is 0 exactly when problemsSql is empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbEngine, type DuckDbEngine } from '../../electron/engine/duckdbEngine.js';
import { FILE_KINDS, type FileKindId } from '../../shared/domain/fileKinds.js';
import { quoteLiteral } from '../../shared/engine.js';
import { problemsSql, quickCheckSql, stagedColumn, stagedSelectSql } from '../../shared/import/loadSql.js';
import { recogniseColumns, type Recognised } from '../../shared/import/recognise.js';

const VALUES: Record<string, string[]> = {
  date: ['', '01/02/2020', '1/2/2020', '29/02/2020', '29/02/2021', '31/02/2020', '13/13/2020', '02/13/2020', '2020-01-02', '2020-13-01', '2020-1-2',
    '01/02/20', '43831', '43831.5', '#N/A', 'abc', '31/12/1899', '01/01/1900', '01/04/2025', '31/03/2025', '01/02/2020 00:00', '01/02/2020 00:00:00',
    '01/02/2020 12:00', '1/2/02020', '00/01/2020', '01/00/2020', '2025-04-01', '1899-12-31'],
  int: ['', '0', '40', '41', '-1', '+5', '5.0', '99999999999', 'x', '#VALUE!', '007', '-0', ' 3', '1e2'],
  code: ['', 'A', 'c2', '#N/A', '#REF!', '#SPILL!', 'X1', '-2', 'Placed with parents', 'ABCDEFGHIJK', 'ABCDEFGHIJ', 'P1\tx'],
  text: ['', 'AB1 2CD', '#NAME?', 'x'],
  child: ['', '001', '002', '003', '#N/A'],
};

/** Values that are fine in any column of the type (so most rows come out clean). */
const GOOD: Record<string, string[]> = {
  date: ['01/02/2020', '1/2/2020', '29/02/2020', '2020-01-02', '31/03/2025', '01/02/2020 00:00'],
  int: ['0', '40', '007', '-0'],
  code: ['A', 'c2', 'X1'],
  text: ['AB1 2CD', 'x'],
  child: ['001', '002', '003'],
};

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

let engine: DuckDbEngine;
beforeAll(async () => {
  engine = await openDuckDbEngine({ path: ':memory:' });
});
afterAll(async () => {
  await engine.close();
});

async function compare(kindId: FileKindId, rows: number, seed: number) {
  const kind = FILE_KINDS.find((k) => k.id === kindId)!;
  const rec = recogniseColumns(kind.columns.map((c) => c.name)) as Recognised;
  const rand = prng(seed);
  const data = Array.from({ length: rows }, (_, r) => {
    const cells = kind.columns.map((c) => {
      const pool = rand() < 0.85 ? GOOD[c.type]! : VALUES[c.type]!;
      return quoteLiteral(pool[Math.floor(rand() * pool.length)]!);
    });
    return `(${r + 2}, ${cells.join(', ')})`;
  });
  const names = ['source_row', ...kind.columns.map((_, i) => stagedColumn(i))];
  const raw = `SELECT * FROM (VALUES ${data.join(', ')}) v(${names.join(', ')})`;
  const staged = `stg_${kindId}_${seed}`;
  await engine.run(`CREATE TEMP TABLE ${staged} AS ${stagedSelectSql(rec, raw)}`);
  const disagree = await engine.all(
    `SELECT s.source_row, s.row_ok, p.n FROM ${staged} s
     LEFT JOIN (SELECT source_row, count(*) AS n FROM (${problemsSql(rec, staged)}) GROUP BY ALL) p USING (source_row)
     WHERE s.row_ok IS DISTINCT FROM (p.n IS NULL)`,
  );
  expect(disagree).toEqual([]);
  const quick = await engine.all<{ n: number }>(quickCheckSql(staged));
  const full = await engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${problemsSql(rec, staged)})`);
  expect(quick[0]!.n > 0).toBe(full[0]!.n > 0);
  return { okRows: (await engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${staged} WHERE row_ok`))[0]!.n, problems: full[0]!.n };
}

describe('the quick check agrees with problemsSql', () => {
  for (const kind of FILE_KINDS) {
    it(`on every value of a ${kind.id} file`, async () => {
      const mixed = await compare(kind.id, 600, 1);
      expect(mixed.problems).toBeGreaterThan(0);
      expect(mixed.okRows).toBeGreaterThan(20);
      for (let seed = 2; seed < 8; seed++) await compare(kind.id, 3, seed);
    });
  }

  it('on clean files, a duplicated child (a finding, not a refusal) and free text in a code column', async () => {
    await engine.run(`CREATE TEMP TABLE clean_header AS ${stagedSelectSql(recogniseColumns(['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB']) as Recognised,
      `SELECT * FROM (VALUES (2, '001', '1', '01/02/2010', 'WBRI', '', '', ''), (3, '002', '2', '2011-02-03', 'WBRI', 'A1', '', '')) v(source_row, c0, c1, c2, c3, c4, c5, c6)`)}`);
    const rec = recogniseColumns(['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB']) as Recognised;
    expect(await engine.all(quickCheckSql('clean_header'))).toEqual([{ n: 0 }]);
    await engine.run(`UPDATE clean_header SET c0 = '001'`);
    expect(await engine.all(quickCheckSql('clean_header'))).toEqual([{ n: 0 }]);
    await engine.run(`UPDATE clean_header SET c3 = 'White British', row_ok = false WHERE source_row = 3`);
    expect((await engine.all<{ n: number }>(quickCheckSql('clean_header')))[0]!.n).toBeGreaterThan(0);
    expect(await engine.all(`SELECT source_row, column_name, problem FROM (${problemsSql(rec, 'clean_header')})`)).toEqual([
      { source_row: 3, column_name: 'ETHNIC', problem: 'is text, not a code' },
    ]);
  });

  it('a code holding a tab, line feed, form feed, carriage return or space is text (RE2\'s white space); a vertical tab or no-break space is not', async () => {
    const rec = recogniseColumns(['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB']) as Recognised;
    const inside = ['\t', '\n', '\f', '\r', ' ', '\v', '\u00a0', '\u2003'];
    const rows = inside.map((c, i) => `(${i + 2}, '00${i}', '1', '01/02/2010', ${quoteLiteral(`W${c}B`)}, '', '', '')`).join(', ');
    await engine.run(`CREATE TEMP TABLE spaced_codes AS ${stagedSelectSql(rec, `SELECT * FROM (VALUES ${rows}) v(source_row, c0, c1, c2, c3, c4, c5, c6)`)}`);
    expect(await engine.all(`SELECT source_row, row_ok FROM spaced_codes ORDER BY source_row`)).toEqual(inside.map((_, i) => ({ source_row: i + 2, row_ok: i >= 5 })));
    expect(await engine.all(`SELECT source_row, problem FROM (${problemsSql(rec, 'spaced_codes')}) ORDER BY source_row`)).toEqual(
      [2, 3, 4, 5, 6].map((source_row) => ({ source_row, problem: 'is text, not a code' })),
    );
  });
});
