/**
 * A small workspace for the packs the seed reports print beyond DfE's (category of need, starting
 * occasions, placements started, social workers, repeat missing, reviews by month, review
 * timeliness and participation by child, short breaks). Every number in seedTables.test.ts is
 * worked out by hand from the rows below. Returns 2023 and 2024; only 2024 has sw_episodes.
 *
 *   2023: S = 01/04/2022, E = 31/03/2023        2024: S = 01/04/2023, E = 31/03/2024
 *
 *   A  31/03/2010 (16 on 31 March 2024, the birthday that day) 2 WBRI
 *      S C2 U6 N2 01/05/2023 -> 01/08/2023 X1 (ended: CREQB); P C2 K2 01/08/2023 -> 01/11/2023 X1;
 *      P C2 T3 (temporary) 01/11/2023 -> 05/11/2023 X1; P C2 K2 (the return) from 05/11/2023.
 *   B  01/01/2015 1 BAFR  S V2 U4 N3 01/06/2023 -> 01/07/2023 E4A; S V2 U4 N4 from 01/09/2023, that
 *      second start recorded twice (two identical rows).
 *   C  01/01/2012 1 WBRI  short breaks only: in 2023 V3 30/03/2023 -> 31/03/2023 E8 (ends on 31 March);
 *      in 2024 V3 01/05/2023 -> 03/05/2023 E8 and V4 from 01/03/2024 (open on 31 March). A review, ignored.
 *   D  01/01/2022 2 WBRI  V3 01/04/2023 -> 02/04/2023 E8 (a short break on the first day of the year);
 *      S C1 U6 N1 01/10/2023 -> 01/02/2024 X1; T E1 A5 from 01/02/2024 (adoption with the same carers).
 *   E  01/06/2008 1 WBRI  S C2 U4 (CIN blank) 01/01/2021 -> 31/03/2024 X1 (ended: CHILD); P C2 K2 from
 *      31/03/2024 (a move on the last day of the year).
 */
import type { SqlEngine } from '../../../shared/engine.js';
import { ep, insertEpisodes, insertHeaders, insertRows } from './fixtures.js';

export async function loadSeedTablesScenario(engine: SqlEngine): Promise<void> {
  // ---- 2023 ----
  await insertHeaders(engine, 2023, [
    { child: 'C', sex: '1', dob: '2012-01-01' },
    { child: 'E', sex: '1', dob: '2008-06-01' },
  ]);
  await insertEpisodes(engine, 2023, [
    ep('C', '2023-03-30', '2023-03-31', 'S', 'V3', 'K2', 'E8'),
    ep('E', '2021-01-01', null, 'S', 'C2', 'U4', null, { cin: null }),
  ]);
  await insertRows(engine, 'reviews', 2023, [{ child: 'E', dob: '2008-06-01', review: '2023-01-10', review_code: 'PN1' }]);

  // ---- 2024 ----
  await insertHeaders(engine, 2024, [
    { child: 'A', sex: '2', dob: '2010-03-31' },
    { child: 'B', sex: '1', dob: '2015-01-01', ethnic: 'BAFR' },
    { child: 'C', sex: '1', dob: '2012-01-01' },
    { child: 'D', sex: '2', dob: '2022-01-01' },
    { child: 'E', sex: '1', dob: '2008-06-01' },
  ]);
  await insertEpisodes(engine, 2024, [
    ep('A', '2023-05-01', '2023-08-01', 'S', 'C2', 'U6', 'X1', { cin: 'N2', reason_place_change: 'CREQB' }),
    ep('A', '2023-08-01', '2023-11-01', 'P', 'C2', 'K2', 'X1', { cin: 'N2' }),
    ep('A', '2023-11-01', '2023-11-05', 'P', 'C2', 'T3', 'X1', { cin: 'N2' }),
    ep('A', '2023-11-05', null, 'P', 'C2', 'K2', null, { cin: 'N2' }),
    ep('B', '2023-06-01', '2023-07-01', 'S', 'V2', 'U4', 'E4A', { cin: 'N3' }),
    ep('B', '2023-09-01', null, 'S', 'V2', 'U4', null, { cin: 'N4' }),
    ep('B', '2023-09-01', null, 'S', 'V2', 'U4', null, { cin: 'N4' }),
    ep('C', '2023-05-01', '2023-05-03', 'S', 'V3', 'K2', 'E8'),
    ep('C', '2024-03-01', null, 'S', 'V4', 'K2'),
    ep('D', '2023-04-01', '2023-04-02', 'S', 'V3', 'K2', 'E8'),
    ep('D', '2023-10-01', '2024-02-01', 'S', 'C1', 'U6', 'X1', { cin: 'N1' }),
    ep('D', '2024-02-01', null, 'T', 'E1', 'A5', null, { cin: 'N1' }),
    ep('E', '2021-01-01', '2024-03-31', 'S', 'C2', 'U4', 'X1', { cin: null, reason_place_change: 'CHILD' }),
    ep('E', '2024-03-31', null, 'P', 'C2', 'K2', null, { cin: null }),
  ]);
  await insertRows(engine, 'sw_episodes', 2024, [
    { child: 'A', dob: '2010-03-31', sw_id: 'SW1', sw_decom: '2023-05-01', sw_dec: '2023-06-01', sw_reason: 'FCONTA' },
    { child: 'A', dob: '2010-03-31', sw_id: 'SW2', sw_decom: '2023-06-01', sw_dec: '2024-01-01', sw_reason: 'LEFTRL' },
    { child: 'A', dob: '2010-03-31', sw_id: 'SW3', sw_decom: '2024-01-01', sw_dec: '2024-02-01', sw_reason: 'ABSENC' },
    { child: 'A', dob: '2010-03-31', sw_id: 'SW1', sw_decom: '2024-02-01', sw_dec: null, sw_reason: 'ABSENC' },
    { child: 'B', dob: '2015-01-01', sw_id: 'SW4', sw_decom: '2022-01-01', sw_dec: '2023-03-31', sw_reason: 'FCONTA' },
    { child: 'B', dob: '2015-01-01', sw_id: 'SW5', sw_decom: '2023-09-01', sw_dec: null, sw_reason: 'FCONTA' },
    { child: 'E', dob: '2008-06-01', sw_id: 'SW6', sw_decom: '2021-01-01', sw_dec: '2023-04-01', sw_reason: 'FCONTA' },
    { child: 'E', dob: '2008-06-01', sw_id: 'SW7', sw_decom: '2023-04-01', sw_dec: null, sw_reason: 'LEFTRL' },
  ]);
  await insertRows(engine, 'missing', 2024, [
    { child: 'A', dob: '2010-03-31', missing: 'M', mis_start: '2023-03-20', mis_end: null },
    { child: 'A', dob: '2010-03-31', missing: 'M', mis_start: '2023-05-10', mis_end: '2023-05-11' },
    { child: 'A', dob: '2010-03-31', missing: 'M', mis_start: '2023-06-10', mis_end: '2023-06-11' },
    { child: 'A', dob: '2010-03-31', missing: 'M', mis_start: '2023-07-10', mis_end: '2023-07-11' },
    { child: 'A', dob: '2010-03-31', missing: 'M', mis_start: '2023-08-10', mis_end: '2023-08-11' },
    { child: 'B', dob: '2015-01-01', missing: 'M', mis_start: '2023-09-15', mis_end: '2023-09-15' },
    { child: 'B', dob: '2015-01-01', missing: 'A', mis_start: '2023-10-01', mis_end: '2023-10-01' },
    { child: 'B', dob: '2015-01-01', missing: 'A', mis_start: '2023-10-05', mis_end: '2023-10-05' },
    { child: 'E', dob: '2008-06-01', missing: 'M', mis_start: '2023-03-01', mis_end: '2023-03-31' },
  ]);
  await insertRows(engine, 'reviews', 2024, [
    { child: 'A', dob: '2010-03-31', review: '2023-05-20', review_code: 'PN1' },
    { child: 'A', dob: '2010-03-31', review: '2023-09-01', review_code: 'PN7' },
    { child: 'B', dob: '2015-01-01', review: '2023-09-20', review_code: 'PN5' },
    { child: 'C', dob: '2012-01-01', review: '2023-05-02', review_code: 'PN1' },
    { child: 'D', dob: '2022-01-01', review: '2024-03-31', review_code: 'PN0' },
    { child: 'E', dob: '2008-06-01', review: '2023-06-01', review_code: 'PN4' },
  ]);
}
