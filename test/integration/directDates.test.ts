/**
 * A plain file's dates are read as DATE by DuckDB's CSV reader on the direct path (DatesRead in
 * loadSql.ts), not as text converted by dateExpr as the staged path does. That is only right if,
 * wherever the direct path takes a row as clean, the row holds the date the staged path would
 * give, and the staged path finds nothing wrong with it. Checked here on thousands of shapes of
 * value (a DuckDB upgrade that reads dates differently fails this test, not the user's import).
 * Vertical tabs and form feeds are left out: the importer never reads a file holding one this way.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDuckDbEngine, type DuckDbEngine } from '../../electron/engine/duckdbEngine.js';
import { cleanCsvSelect } from '../../electron/import/importer.js';
import { FILE_KINDS } from '../../shared/domain/fileKinds.js';
import { stagedSelectSql } from '../../shared/import/loadSql.js';
import { recogniseColumns, type Recognised } from '../../shared/import/recognise.js';

/** Every value of the REVIEW column tried: dates right and wrong, padded, with times, in other forms, and words. */
function values(): string[] {
  const days = ['', '0', '1', '9', '00', '01', '09', '10', '28', '29', '30', '31', '32', '99', '001', '+1', '-1', ' 1'];
  const months = ['', '0', '1', '2', '02', '04', '12', '13', '00', '012', '+2'];
  const years = ['', '0', '20', '99', '020', '0000', '0001', '0999', '1000', '1899', '1900', '1901', '2000', '2020', '2021', '2024', '2100', '2400', '9999', '02020', '20200', '+2020'];
  const out = new Set<string>();
  for (const d of days) for (const m of months) for (const y of years) out.add(`${d}/${m}/${y}`);
  const core = ['1/2/2020', '01/02/2020', '29/02/2020', '29/02/2021', '31/04/2021', '01/01/1900', '31/12/1899', '12/31/2020', '29/02/2100', '29/02/2000'];
  const around = ['', ' ', '  ', '\t', '\u00a0', '0', '+', '-', 'x', '.', '/', '\u2007', '\u3000', '\ufeff'];
  const after = [...around, ' 00:00', ' 00:00:00', ' 00:00:0', ' 0:00', ' 12:00', 'T00:00', ' 00:00 ', ' AM', 'Z', ' BC'];
  for (const c of core) {
    for (const p of around) for (const s of after) out.add(`${p}${c}${s}`);
    for (const sep of ['-', '.', '\\', ' ', '//', '|']) out.add(c.replaceAll('/', sep));
  }
  for (const y of ['2020', '0000', '20']) for (const m of ['1', '01', '13']) for (const d of ['1', '01', '31', '32']) for (const t of ['', ' 00:00:00', 'T00:00']) out.add(`${y}-${m}-${d}${t}`);
  for (const w of ['epoch', 'EPOCH', 'Epoch', 'infinity', 'Infinity', '-infinity', '+infinity', 'inf', 'nan', 'now', 'today', 'allballs', 'NULL', 'null', 'N/A', '#N/A', '#VALUE!']) {
    for (const [p, s] of [['', ''], [' ', ''], ['', ' '], ['\t', '\t'], ['-', '']]) out.add(`${p}${w}${s}`);
  }
  for (const v of ['', ' ', '43831', '43831.5', '1e3', '2020', '01/2020', '1/2', '1//2020', '/1/2020', '1/2/', '//', '1/2/2020/1', '1/2/2020 1/2/2020']) out.add(v);
  return [...out];
}

let engine: DuckDbEngine;
let dir: string;
beforeAll(async () => {
  engine = await openDuckDbEngine({ path: ':memory:' });
  dir = await mkdtemp(join(tmpdir(), 'iro-direct-dates-'));
});
afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

it('a date read by the CSV reader is the date the staged path reads, wherever the direct path takes the row as clean', async () => {
  const kind = FILE_KINDS.find((k) => k.id === 'reviews')!;
  const header = kind.columns.map((c) => c.name);
  expect(header).toEqual(['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE']);
  const rec = recogniseColumns(header) as Recognised;
  const tried = values();
  const path = join(dir, 'reviews.csv');
  await writeFile(path, [header.join(','), ...tried.map((v, i) => `${i},01/01/2010,${v},PN1`)].join('\n') + '\n');
  const params = { path, delim: ',', first: 1 };
  const datesRead = new Set([1, 2]);
  const asText = stagedSelectSql(rec, cleanCsvSelect(4, true));
  const asRead = stagedSelectSql(rec, cleanCsvSelect(4, true, datesRead), datesRead);
  const counts = await engine.all<{ text_rows: number; text_ok: number; read_rows: number; read_ok: number }>(
    `SELECT (SELECT count(*) FROM (${asText}))::INTEGER AS text_rows, (SELECT count(*) FROM (${asText}) WHERE row_ok)::INTEGER AS text_ok,
       (SELECT count(hash(t1, t2)) FROM (${asRead}))::INTEGER AS read_rows, (SELECT count(*) FROM (${asRead}) WHERE row_ok)::INTEGER AS read_ok`,
    params,
  );
  // Every value was tried; the reader left some rows out (those the direct path then stages), and took
  // many as clean. (A row is left out only where its dates are read: hence hash(t1, t2).)
  expect(counts[0]!.text_rows).toBe(tried.length);
  expect(counts[0]!.read_rows).toBeLessThan(tried.length);
  expect(counts[0]!.read_ok).toBeGreaterThan(400);
  const wrong = await engine.all<{ value: string; as_text: string | null; as_read: string | null; text_ok: boolean }>(
    `SELECT x.c2 AS value, x.t2::VARCHAR AS as_text, r.t2::VARCHAR AS as_read, x.row_ok AS text_ok
     FROM (${asRead}) r JOIN (${asText}) x USING (c0)
     WHERE r.row_ok AND (NOT x.row_ok OR x.t2 IS DISTINCT FROM r.t2 OR x.t1 IS DISTINCT FROM r.t1)
     ORDER BY c0`,
    params,
  );
  expect(wrong).toEqual([]);
});
