/**
 * Local tables are read as text and typed only where every value proves it safe: ids keep their
 * leading zeros, a day-first date is never read month-first, and a column with one value that is
 * not a number stays text (so a pack summing it says so, rather than a value going missing).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAppWorkspace } from '../helpers/appWorkspace.js';

let dir: string;
let path: string;

const REFERRALS = `ref,child,code,hours,cost,referred,due,raised_at,big,note
00123,027030,007,3,12.50,03/04/2023,2023-04-30,2023-04-03 09:30,1234567890123456789,
0045,000001,10,12,0.5,13/04/2023,2023-05-01,2023-04-13T14:00:00,1,x
7,314699,0,n/a,100,30/04/2023,2023-05-02,2023-04-30 23:59,2,
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iro-local-types-'));
  path = join(dir, 'w.duckdb');
  writeFileSync(join(dir, 'referrals.csv'), REFERRALS);
  await withAppWorkspace(path, async (ws) => {
    const report = await ws['workspace.import']({ year: 2024, files: [{ name: 'referrals.csv', path: join(dir, 'referrals.csv') }] });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local table types', () => {
  it('keeps ids and codes with leading zeros as text, and types numbers and dates only where every value is one', async () => {
    await withAppWorkspace(path, async (ws) => {
      const [table] = await ws['localPacks.tables']({});
      expect(Object.fromEntries(table!.columns.map((c) => [c.name, c.type]))).toEqual({
        ref: 'VARCHAR', // 00123, 0045
        child: 'VARCHAR', // 027030
        code: 'VARCHAR', // 007
        hours: 'VARCHAR', // n/a
        cost: 'DOUBLE',
        referred: 'DATE', // day first: 03/04/2023 is 3 April
        due: 'DATE',
        raised_at: 'TIMESTAMP',
        big: 'VARCHAR', // 19 digits: more than a number keeps
        note: 'VARCHAR',
      });
      const rows = await ws.engine.all(`SELECT ref, child, code, hours, cost, strftime(referred, '%d %B %Y') AS referred, big, note FROM local_referrals ORDER BY referred`);
      expect(rows).toEqual([
        { ref: '00123', child: '027030', code: '007', hours: '3', cost: 12.5, referred: '03 April 2023', big: '1234567890123456789', note: null },
        { ref: '0045', child: '000001', code: '10', hours: '12', cost: 0.5, referred: '13 April 2023', big: '1', note: 'x' },
        { ref: '7', child: '314699', code: '0', hours: 'n/a', cost: 100, referred: '30 April 2023', big: '2', note: null },
      ]);
    });
  });

  it('refuses a later file whose ids have leading zeros where the table holds them as numbers, rather than drop the zeros', async () => {
    await withAppWorkspace(path, async (ws) => {
      const file = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        return [{ name: 'visits.csv', path: join(dir, name) }];
      };
      expect((await ws['workspace.import']({ year: 2023, files: file('v23.csv', 'child,visited\n123,2022-05-01\n') })).ok).toBe(true);
      const report = await ws['workspace.import']({ year: 2024, files: file('v24.csv', 'child,visited\n00789,03/05/2023\n') });
      expect(report.ok).toBe(false);
      expect(report.messages.find((m) => m.level === 'error')).toMatchObject({
        file: 'visits.csv',
        column: 'child',
        value: '00789',
        text: 'Column child of the local table local_visits holds BIGINT values (years 2023), but this file has 1 value that is not, such as "00789".',
      });
      // Dates day first, in either form, fit the date column.
      expect((await ws['workspace.import']({ year: 2024, files: file('v24b.csv', 'child,visited\n789,03/05/2023\n') })).ok).toBe(true);
      expect(await ws.engine.all(`SELECT child, visited::VARCHAR AS visited FROM local_visits ORDER BY 1`)).toEqual([
        { child: 123, visited: '2022-05-01' },
        { child: 789, visited: '2023-05-03' },
      ]);
    });
  });
});
