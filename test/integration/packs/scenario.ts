/**
 * A small multi-year workspace whose every number is worked out by hand in the tests.
 * Returns 2021, 2023 and 2024 are loaded; 2022 is deliberately missing.
 *
 *   2021: S = 01/04/2020, E = 31/03/2021      2023: S = 01/04/2022, E = 31/03/2023
 *   2024: S = 01/04/2023, E = 31/03/2024
 *
 * Children (DOB, sex, ethnicity):
 *   P    01/06/2010 1 WBRI  in care since 01/11/2017: S C1 U6 X1 to 01/09/2020, then L C2 U6 open.
 *                          The 2023/2024 returns hold only the open episode, so the period's start
 *                          comes from the 2021 return.
 *   M1   29/02/2016 2 XXXX  (unknown ethnic code) starts 28/02/2021 aged 4 (29 Feb birthday is 1 March).
 *   M2   29/02/2016 2 WBRI  starts 01/03/2021 aged 5.
 *   Q    31/03/2008 1 WBRI  S V2 U6 01/06/2022 -> 31/03/2023 X1, then P V2 K2 from 31/03/2023 (so looked
 *                          after on 31 March 2023 by the episode starting that day), ceases E5 10/01/2024.
 *   Q2   31/03/2007 2 BAFR  S C2 U4 from 01/10/2021; 16 on 31/03/2023 (birthday that day); ceases with an
 *                          unknown reason E99 on 31/03/2024 (so not looked after on 31 March 2024).
 *   R    05/05/2012 2 WBRI  S C1 U4 01/09/2022 -> 31/03/2023 E4A: ends on 31 March, so ceased, not CLA.
 *   SB   01/01/2014 1 WBRI  two V3 short breaks (May, July 2022), then S V2 U6 from 01/10/2022.
 *   SBO  01/01/2015 2 WBRI  short breaks only (V3, August 2022); has a review and an OC2 row, both ignored.
 *   TM   01/01/2013 1 MWBC  header UASC 1. S C2 U6 (PR4) from 01/01/2022; P C2 T3 temporary from
 *                          20/03/2023; back to U6 (P) on 10/04/2023.
 *   ADO  15/01/2020 2 WBRI  S C1 U6 01/06/2021; L E1 U6 01/06/2022; T E1 A5 01/09/2022; adopted E11 01/02/2023.
 *   NEW1 01/12/2023 2 WBRI  S L2 U3 from 05/01/2024.
 *   NEW2 01/01/2012 U -     (unknown sex, blank ethnicity) S V2 U6 01/05/2023 -> 01/06/2023 E4A; S C3 U6
 *                          (unknown legal status code) from 01/09/2023.
 *   NEW3 01/01/2010 1 WBRI  S V2 U6 from 01/06/2023.
 */
import type { SqlEngine } from '../../../shared/engine.js';
import { ep, insertEpisodes, insertHeaders, insertRows } from './fixtures.js';

export async function loadScenario(engine: SqlEngine): Promise<void> {
  // ---- 2021 ----
  await insertHeaders(engine, 2021, [
    { child: 'P', sex: '1', dob: '2010-06-01' },
    { child: 'M1', sex: '2', dob: '2016-02-29', ethnic: 'XXXX' },
    { child: 'M2', sex: '2', dob: '2016-02-29' },
  ]);
  await insertEpisodes(engine, 2021, [
    ep('P', '2017-11-01', '2020-09-01', 'S', 'C1', 'U6', 'X1'),
    ep('P', '2020-09-01', null, 'L', 'C2', 'U6'),
    ep('M1', '2021-02-28', null, 'S', 'V2', 'U3'),
    ep('M2', '2021-03-01', null, 'S', 'C1', 'U6'),
  ]);
  await insertRows(engine, 'reviews', 2021, [{ child: 'P', dob: '2010-06-01', review: '2020-11-20', review_code: 'PN1' }]);

  // ---- 2023 ----
  await insertHeaders(engine, 2023, [
    { child: 'P', sex: '1', dob: '2010-06-01' },
    { child: 'Q', sex: '1', dob: '2008-03-31' },
    { child: 'Q2', sex: '2', dob: '2007-03-31', ethnic: 'BAFR' },
    { child: 'R', sex: '2', dob: '2012-05-05' },
    { child: 'SB', sex: '1', dob: '2014-01-01' },
    { child: 'SBO', sex: '2', dob: '2015-01-01' },
    { child: 'TM', sex: '1', dob: '2013-01-01', ethnic: 'MWBC', uasc: '1' },
    { child: 'ADO', sex: '2', dob: '2020-01-15' },
  ]);
  await insertEpisodes(engine, 2023, [
    ep('P', '2020-09-01', null, 'L', 'C2', 'U6'),
    ep('Q', '2022-06-01', '2023-03-31', 'S', 'V2', 'U6', 'X1'),
    ep('Q', '2023-03-31', null, 'P', 'V2', 'K2'),
    ep('Q2', '2021-10-01', null, 'S', 'C2', 'U4'),
    ep('R', '2022-09-01', '2023-03-31', 'S', 'C1', 'U4', 'E4A'),
    ep('SB', '2022-05-01', '2022-05-04', 'S', 'V3', 'K2', 'E4A'),
    ep('SB', '2022-07-01', '2022-07-03', 'S', 'V3', 'K2', 'E8'),
    ep('SB', '2022-10-01', null, 'S', 'V2', 'U6'),
    ep('SBO', '2022-08-01', '2022-08-03', 'S', 'V3', 'K2', 'E8'),
    ep('TM', '2022-01-01', '2023-03-20', 'S', 'C2', 'U6', 'X1', { place_provider: 'PR4' }),
    ep('TM', '2023-03-20', null, 'P', 'C2', 'T3'),
    ep('ADO', '2021-06-01', '2022-06-01', 'S', 'C1', 'U6', 'X1'),
    ep('ADO', '2022-06-01', '2022-09-01', 'L', 'E1', 'U6', 'X1'),
    ep('ADO', '2022-09-01', '2023-02-01', 'T', 'E1', 'A5', 'E11'),
  ]);
  await insertRows(engine, 'uasc', 2023, [
    { child: 'Q2', sex: '2', dob: '2007-03-31', duc: null },
    { child: 'P', sex: '1', dob: '2010-06-01', duc: '2023-03-31' },
  ]);
  await insertRows(engine, 'oc2', 2023, [
    { child: 'P', dob: '2010-06-01', sdq_score: 12, health_assessment: '1', teeth_check: '1', immunisations: '0' },
    { child: 'Q2', dob: '2007-03-31', sdq_score: 20, health_assessment: '1', teeth_check: '0', immunisations: '1' },
    { child: 'R', dob: '2012-05-05', sdq_score: 30, health_assessment: '1', teeth_check: '1', immunisations: '1' },
    { child: 'SBO', dob: '2015-01-01', sdq_score: 5, health_assessment: '1', teeth_check: '1', immunisations: '1' },
  ]);
  await insertRows(engine, 'ad1', 2023, [
    { child: 'ADO', dob: '2020-01-15', date_int: '2022-03-01', date_match: '2022-08-01', foster_care: '1', nb_adoptr: '2' },
  ]);
  await insertRows(engine, 'missing', 2023, [
    { child: 'Q', dob: '2008-03-31', missing: 'M', mis_start: '2022-07-01', mis_end: '2022-07-02' },
    { child: 'Q', dob: '2008-03-31', missing: 'M', mis_start: '2022-08-01', mis_end: '2022-08-01' },
    { child: 'Q', dob: '2008-03-31', missing: 'A', mis_start: '2022-09-01', mis_end: null },
    { child: 'P', dob: '2010-06-01', missing: 'M', mis_start: '2022-03-30', mis_end: '2022-04-02' },
    { child: 'P', dob: '2010-06-01', missing: 'M', mis_start: '2021-01-01', mis_end: '2021-01-02' },
    { child: 'SBO', dob: '2015-01-01', missing: 'M', mis_start: '2022-08-02', mis_end: '2022-08-02' },
  ]);
  await insertRows(engine, 'oc3', 2023, [
    { child: 'OLD1', dob: '2003-05-01', in_touch: 'YES', activ: 'F2', accom: 'U1' },
    { child: 'OLD2', dob: '2004-05-01', in_touch: 'YES', activ: 'G5', accom: 'S2' },
    { child: 'OLD3', dob: '2004-07-01', in_touch: 'NO', activ: '0', accom: '0' },
    { child: 'OLD4', dob: '2002-07-01', in_touch: 'YES', activ: 'Q7', accom: 'Z1' },
  ]);
  await insertRows(engine, 'reviews', 2023, [
    { child: 'P', review: '2022-05-10', review_code: 'PN1' },
    { child: 'P', review: '2022-12-01', review_code: 'PN7' },
    { child: 'Q', review: '2022-06-30', review_code: 'PN1' },
    { child: 'Q', review: '2022-10-01', review_code: 'PN3' },
    { child: 'Q', review: '2023-03-31', review_code: 'PN5' },
    { child: 'Q2', review: '2022-10-15', review_code: 'PN4' },
    { child: 'SB', review: '2022-10-20', review_code: 'PN1' },
    { child: 'SBO', review: '2022-08-02', review_code: 'PN1' },
    { child: 'TM', review: '2022-04-05', review_code: 'PN1' },
    { child: 'TM', review: '2022-06-10', review_code: 'PN2' },
    { child: 'R', review: '2022-08-15', review_code: 'PN1' },
    { child: 'R', review: '2022-09-20', review_code: 'PN1' },
    { child: 'ADO', review: '2022-12-01', review_code: 'PN0' },
  ].map((r) => ({ dob: '2010-01-01', ...r })));

  // ---- 2024 ----
  await insertHeaders(engine, 2024, [
    { child: 'P', sex: '1', dob: '2010-06-01' },
    { child: 'Q', sex: '1', dob: '2008-03-31' },
    { child: 'Q2', sex: '2', dob: '2007-03-31', ethnic: 'BAFR' },
    { child: 'SB', sex: '1', dob: '2014-01-01' },
    { child: 'TM', sex: '1', dob: '2013-01-01', ethnic: 'MWBC', uasc: '1' },
    { child: 'NEW1', sex: '2', dob: '2023-12-01' },
    { child: 'NEW2', sex: 'U', dob: '2012-01-01', ethnic: null as unknown as string },
    { child: 'NEW3', sex: '1', dob: '2010-01-01' },
  ]);
  await insertEpisodes(engine, 2024, [
    ep('P', '2020-09-01', null, 'L', 'C2', 'U6'),
    ep('Q', '2023-03-31', '2024-01-10', 'P', 'V2', 'K2', 'E5'),
    ep('Q2', '2021-10-01', '2024-03-31', 'S', 'C2', 'U4', 'E99'),
    ep('SB', '2022-10-01', null, 'S', 'V2', 'U6'),
    ep('TM', '2023-03-20', '2023-04-10', 'P', 'C2', 'T3', 'X1'),
    ep('TM', '2023-04-10', null, 'P', 'C2', 'U6'),
    ep('NEW1', '2024-01-05', null, 'S', 'L2', 'U3'),
    ep('NEW2', '2023-05-01', '2023-06-01', 'S', 'V2', 'U6', 'E4A'),
    ep('NEW2', '2023-09-01', null, 'S', 'C3', 'U6'),
    ep('NEW3', '2023-06-01', null, 'S', 'V2', 'U6'),
  ]);
  // Social worker episodes (2024 only): P one worker all year; TM a change of worker in the year.
  await insertRows(engine, 'sw_episodes', 2024, [
    { child: 'P', dob: '2010-06-01', sw_id: 'SWA', sw_decom: '2020-09-01', sw_dec: null, sw_reason: 'FCONTA' },
    { child: 'TM', dob: '2013-01-01', sw_id: 'SWB', sw_decom: '2022-01-01', sw_dec: '2023-07-01', sw_reason: 'FCONTA' },
    { child: 'TM', dob: '2013-01-01', sw_id: 'SWC', sw_decom: '2023-07-01', sw_dec: null, sw_reason: 'LEFTRL' },
  ]);
}
