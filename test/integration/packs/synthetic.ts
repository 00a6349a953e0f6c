/**
 * Quick synthetic 903 returns for timing the packs at local-authority size (until the lead's
 * sample data lands). Set-based SQL with deterministic hashes: a universe of children each with
 * one period of care of 1-4 episodes, a few short-break children, and for every return year the
 * episodes open during that year (DEC/REC blank when still open at 31 March), headers, reviews,
 * OC2, OC3, UASC and missing rows. Not realistic in detail; realistic in size and shape.
 */
import type { SqlEngine } from '../../../shared/engine.js';

export interface SyntheticOptions {
  children: number;
  fromYear: number;
  toYear: number;
}

const pick = (list: string[], h: string) => `(['${list.join("', '")}'])[CAST(1 + (${h}) % ${list.length} AS BIGINT)]`;

export async function loadSynthetic(engine: SqlEngine, o: SyntheticOptions): Promise<void> {
  const first = `DATE '${o.fromYear - 7}-04-01'`;
  const last = `DATE '${o.toYear}-03-31'`;
  const span = `date_diff('day', ${first}, ${last})`;
  await engine.run(`CREATE OR REPLACE TEMP TABLE syn_child AS
    SELECT i, 'C' || lpad(CAST(i AS VARCHAR), 6, '0') AS child,
      CAST(${first} + CAST(hash(i, 'start') % ${span} AS INTEGER) AS DATE) AS pstart,
      30 + CAST(hash(i, 'len') % 2200 AS INTEGER) AS plen,
      1 + CAST(hash(i, 'k') % 4 AS INTEGER) AS k,
      CAST(hash(i, 'age') % 6200 AS INTEGER) AS age_days,
      ${pick(['1', '2'], "hash(i, 'sex')")} AS sex,
      ${pick(['WBRI', 'WBRI', 'WBRI', 'WOTH', 'MWBC', 'AIND', 'BAFR', 'BCRB', 'OOTH', 'NOBT'], "hash(i, 'eth')")} AS ethnic,
      hash(i, 'sb') % 20 = 0 AS short_breaks
    FROM range(${o.children}) t(i)`);
  await engine.run(`CREATE OR REPLACE TEMP TABLE syn_episode AS
    SELECT c.child, c.i, j, c.k, c.short_breaks,
      CAST(c.pstart - c.age_days AS DATE) AS dob,
      CAST(c.pstart + CAST(j * c.plen / c.k AS INTEGER) AS DATE) AS decom,
      CAST(c.pstart + CAST((j + 1) * c.plen / c.k AS INTEGER) AS DATE) AS dec_true,
      CASE WHEN c.short_breaks THEN 'S' WHEN j = 0 THEN 'S' ELSE ${pick(['P', 'L', 'P', 'T', 'U', 'B'], 'hash(c.i, j)')} END AS rne,
      CASE WHEN c.short_breaks THEN 'V3' ELSE ${pick(['C2', 'C1', 'V2', 'E1', 'C2', 'L2', 'J1'], "hash(c.i, j, 'ls')")} END AS ls,
      CASE WHEN c.short_breaks THEN 'K2' ELSE ${pick(['U6', 'U6', 'U4', 'U3', 'U1', 'K2', 'P1', 'A5', 'K3', 'R1', 'T1'], "hash(c.i, j, 'pl')")} END AS place,
      CASE WHEN j < c.k - 1 AND NOT c.short_breaks THEN 'X1'
           ELSE ${pick(['E4A', 'E4A', 'E11', 'E45', 'E5', 'E13', 'E8', 'E17', 'E4B', 'E41'], "hash(c.i, 'rec')")} END AS rec_true,
      ${pick(['N1', 'N1', 'N2', 'N4', 'N5'], "hash(c.i, 'cin')")} AS cin
    FROM syn_child c, range(4) r(j) WHERE j < c.k`);
  for (let y = o.fromYear; y <= o.toYear; y++) {
    const S = `DATE '${y - 1}-04-01'`;
    const E = `DATE '${y}-03-31'`;
    await engine.run(`INSERT INTO episodes (return_year, import_id, source_file, source_row, child, decom, rne, ls, cin, place, place_provider, dec, rec)
      SELECT ${y}, ${y}, 'episodes.csv', row_number() OVER (), child, decom, rne, ls, cin, place,
        CASE WHEN place LIKE 'T%' THEN NULL WHEN place = 'P1' THEN 'PR0' ELSE ${pick(['PR1', 'PR1', 'PR4', 'PR5'], "hash(i, j, 'pr')")} END,
        CASE WHEN dec_true <= ${E} THEN dec_true END, CASE WHEN dec_true <= ${E} THEN rec_true END
      FROM syn_episode WHERE decom <= ${E} AND dec_true >= ${S}`);
    await engine.run(`INSERT INTO header (return_year, import_id, source_file, source_row, child, sex, dob, ethnic)
      SELECT ${y}, ${y}, 'header.csv', row_number() OVER (), c.child, c.sex, min(e.dob), c.ethnic
      FROM syn_child c JOIN syn_episode e ON e.child = c.child
      WHERE e.decom <= ${E} AND e.dec_true >= ${S} GROUP BY c.child, c.sex, c.ethnic`);
    await engine.run(`INSERT INTO reviews (return_year, import_id, source_file, source_row, child, dob, review, review_code)
      SELECT ${y}, ${y}, 'reviews.csv', row_number() OVER (), child, dob, rv,
        CASE WHEN age_on(dob, rv) < 4 THEN 'PN0' ELSE ${pick(['PN1', 'PN1', 'PN1', 'PN2', 'PN4', 'PN5', 'PN6', 'PN7'], 'hash(i, rv)')} END
      FROM (
        SELECT c.child, c.i, min(e.dob) AS dob,
          CAST(CAST(c.pstart + to_months(CAST(CASE WHEN n = 0 THEN 0 ELSE 3 + 6 * (n - 1) END AS INTEGER)) AS DATE) + 18 + CAST(hash(c.i, n) % 20 AS INTEGER) AS DATE) AS rv,
          CAST(c.pstart + c.plen AS DATE) AS pend
        FROM syn_child c JOIN syn_episode e ON e.child = c.child, range(40) r(n)
        WHERE NOT c.short_breaks GROUP BY c.child, c.i, c.pstart, c.plen, n
      ) WHERE rv BETWEEN ${S} AND ${E} AND rv <= pend`);
    await engine.run(`INSERT INTO oc2 (return_year, import_id, source_file, source_row, child, dob, sdq_score, health_assessment, teeth_check, immunisations, health_check)
      SELECT ${y}, ${y}, 'oc2.csv', row_number() OVER (), c.child, CAST(c.pstart - c.age_days AS DATE),
        CASE WHEN hash(c.i, 'sdq') % 5 > 0 THEN CAST(hash(c.i, ${y}) % 35 AS INTEGER) END,
        CASE WHEN hash(c.i, ${y}, 'ha') % 10 > 0 THEN '1' ELSE '0' END,
        CASE WHEN hash(c.i, ${y}, 'tc') % 8 > 0 THEN '1' ELSE '0' END,
        CASE WHEN hash(c.i, ${y}, 'im') % 9 > 0 THEN '1' ELSE '0' END,
        CASE WHEN hash(c.i, ${y}, 'hc') % 7 > 0 THEN '1' ELSE '0' END
      FROM syn_child c WHERE NOT c.short_breaks AND c.pstart <= ${S} AND c.pstart + c.plen > ${E}`);
    await engine.run(`INSERT INTO oc3 (return_year, import_id, source_file, source_row, child, dob, in_touch, activ, accom)
      SELECT ${y}, ${y}, 'oc3.csv', row_number() OVER (), c.child, CAST(c.pstart - c.age_days AS DATE),
        ${pick(['YES', 'YES', 'YES', 'NO', 'REFU'], "hash(c.i, 'it')")},
        ${pick(['F1', 'F2', 'F5', 'P5', 'G4', 'G5', 'G6', '0'], `hash(c.i, ${y}, 'ac')`)},
        ${pick(['B1', 'D1', 'E1', 'U1', 'U1', 'Z1', 'S2', 'X2', '0'], `hash(c.i, ${y}, 'am')`)}
      FROM syn_child c
      WHERE NOT c.short_breaks AND age_on(CAST(c.pstart - c.age_days AS DATE), ${E}) BETWEEN 17 AND 21
        AND c.pstart + c.plen < ${S} AND hash(c.i, 'oc3') % 3 = 0`);
    await engine.run(`INSERT INTO uasc (return_year, import_id, source_file, source_row, child, sex, dob)
      SELECT ${y}, ${y}, 'uasc.csv', row_number() OVER (), c.child, c.sex, CAST(c.pstart - c.age_days AS DATE)
      FROM syn_child c WHERE hash(c.i, 'uasc') % 25 = 0 AND c.pstart <= ${E} AND c.pstart + c.plen >= ${S}`);
    await engine.run(`INSERT INTO missing (return_year, import_id, source_file, source_row, child, dob, missing, mis_start, mis_end)
      SELECT ${y}, ${y}, 'missing.csv', row_number() OVER (), c.child, CAST(c.pstart - c.age_days AS DATE),
        CASE WHEN hash(c.i, n) % 3 = 0 THEN 'A' ELSE 'M' END,
        CAST(${S} + CAST(hash(c.i, n, ${y}) % 360 AS INTEGER) AS DATE),
        CAST(${S} + CAST(hash(c.i, n, ${y}) % 360 AS INTEGER) + 1 AS DATE)
      FROM syn_child c, range(3) r(n)
      WHERE NOT c.short_breaks AND hash(c.i, 'miss') % 10 = 0 AND c.pstart <= ${S} AND c.pstart + c.plen > ${E}`);
    // Social worker episodes (collected from 2023/24): one to three workers in the year, the first
    // from before it, a worker sometimes coming back.
    if (y >= 2024) {
      await engine.run(`INSERT INTO sw_episodes (return_year, import_id, source_file, source_row, child, dob, sw_id, sw_decom, sw_dec, sw_reason)
        SELECT ${y}, ${y}, 'sw_episodes.csv', row_number() OVER (), c.child, CAST(c.pstart - c.age_days AS DATE),
          'SW' || CAST(hash(c.i, n, ${y}, 'sw') % 4 AS VARCHAR),
          CAST(${S} + CAST(120 * n - 30 AS INTEGER) AS DATE), CASE WHEN n < 2 THEN CAST(${S} + CAST(120 * (n + 1) - 30 AS INTEGER) AS DATE) END, 'MANAGE'
        FROM syn_child c, range(3) r(n)
        WHERE NOT c.short_breaks AND c.pstart <= ${S} AND c.pstart + c.plen > ${E} AND n <= hash(c.i, 'swn') % 3`);
    }
  }
}
