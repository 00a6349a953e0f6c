/** The SQL date arithmetic agrees with the TypeScript rules it is built from. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, bankHolidaysBetween } from '../../../shared/domain/bankHolidays.js';
import { ageOn } from '../../../shared/domain/years.js';
import type { SqlEngine } from '../../../shared/engine.js';
import { insertHeaders, openWorkspace } from './fixtures.js';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openWorkspace();
  // The working-day calendar covers three years before the first loaded return to the year after the last.
  await insertHeaders(engine, 2022, [{ child: 'A', sex: '1', dob: '2010-01-01' }]);
  await insertHeaders(engine, 2024, [{ child: 'A', sex: '1', dob: '2010-01-01' }]);
});
afterAll(async () => engine.close());

describe('SQL calendar', () => {
  it('bank_holidays holds the computed England and Wales bank holidays', async () => {
    const rows = await engine.all(`SELECT CAST(holiday AS VARCHAR) AS d FROM bank_holidays WHERE year(holiday) BETWEEN 2019 AND 2025 ORDER BY 1`);
    expect(rows.map((r) => r.d)).toEqual(bankHolidaysBetween(2019, 2025).map((h) => h.date));
  });

  it('20 working days later, by the working_days view, equals addWorkingDays for every day of 2019-2025', async () => {
    const rows = await engine.all(`
      SELECT CAST(CAST(d AS DATE) AS VARCHAR) AS start, CAST(w1.wday AS VARCHAR) AS due
      FROM range(DATE '2019-01-02', DATE '2025-11-01', INTERVAL 1 DAY) r(d)
      ASOF JOIN working_days w0 ON CAST(r.d AS DATE) >= w0.wday
      JOIN working_days w1 ON w1.wd_no = w0.wd_no + 20
      ORDER BY 1`);
    expect(rows).toHaveLength((Date.UTC(2025, 10, 1) - Date.UTC(2019, 0, 2)) / 86_400_000);
    const wrong = rows.filter((r) => addWorkingDays(String(r.start), 20) !== r.due);
    expect(wrong).toEqual([]);
  });

  it('age_on agrees with ageOn, including 29 February and 31 March birthdays', async () => {
    const pairs: [string, string][] = [];
    for (const dob of ['2008-02-29', '2012-02-29', '2007-03-31', '2010-03-30', '2010-04-01', '2015-12-31']) {
      for (const d of ['2023-02-28', '2023-03-01', '2024-02-28', '2024-02-29', '2023-03-30', '2023-03-31', '2024-03-31', '2025-03-31']) pairs.push([dob, d]);
    }
    const rows = await engine.all(
      `SELECT CAST(dob AS VARCHAR) AS dob, CAST(d AS VARCHAR) AS d, age_on(dob, d) AS age FROM (VALUES ${pairs.map(([a, b]) => `(DATE '${a}', DATE '${b}')`).join(', ')}) v(dob, d)`,
    );
    for (const r of rows) expect(r.age, `${r.dob} on ${r.d}`).toBe(ageOn(String(r.dob), String(r.d)));
    const ages = await engine.all(`SELECT age_on(DATE '2008-02-29', DATE '2023-02-28') AS a, age_on(DATE '2008-02-29', DATE '2023-03-01') AS b, age_on(DATE '2007-03-31', DATE '2023-03-31') AS c`);
    expect(ages[0]).toEqual({ a: 14, b: 15, c: 16 });
  });
});
