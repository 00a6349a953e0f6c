/** DfE rules on the Episodes file: codes (blank passes: the import requires what must be filled), and how a child's episodes follow one another. */
import { CIN, LS, PLACE, PLACE_PROVIDER, REASON_PLACE_CHANGE, REC, RNE } from '../../domain/codes.js';
import type { QualityRule } from '../rule.js';
import { codeRule } from './codeRule.js';
import { validCode } from './sql.js';

const TEMPORARY = `('T0', 'T1', 'T2', 'T3', 'T4')`;
/** Placements with no provider: temporary ones, and Z1 (other). */
const NO_PROVIDER = `('T0', 'T1', 'T2', 'T3', 'T4', 'Z1')`;

export const EPISODE_RULES: QualityRule[] = [
  codeRule('143', 'episodes', 'RNE', 'Reason for new episode code is not valid.', RNE, 'P', 'Q'),
  codeRule('144', 'episodes', 'LS', 'Legal status code is not valid.', LS, 'C1', 'C3'),
  codeRule('145', 'episodes', 'CIN', 'Category of need code is not valid.', CIN, 'N8', 'N9'),
  codeRule('146', 'episodes', 'PLACE', 'Placement type code is not valid.', PLACE, 'P1', 'R4'),
  codeRule('149', 'episodes', 'REC', 'Reason episode ceased code is not valid.', REC, 'X1', 'E4'),
  codeRule('1009', 'episodes', 'REASON_PLACE_CHANGE', 'Reason for placement change is not a valid code.', REASON_PLACE_CHANGE, 'CARPL', 'MOVE'),
  {
    code: '142',
    message: 'A new episode has started, but the previous episode has no end date or reason for ending.',
    table: 'episodes',
    fields: ['DEC', 'REC'],
    when: `(t.dec IS NULL OR t.rec IS NULL)
      AND EXISTS (SELECT 1 FROM episodes n WHERE n.return_year = t.return_year AND n.child = t.child AND n.decom > t.decom)`,
    pass: { tables: { episodes: [{ DEC: '2022-09-01', REC: 'X1' }, { DECOM: '2022-09-01', RNE: 'P' }] } },
    fail: { tables: { episodes: [{ DEC: '2022-09-01' }, { DECOM: '2022-09-01', RNE: 'P' }] } },
  },
  {
    code: '178',
    message: 'Placement provider code is not valid, or is given for a placement that has no provider.',
    table: 'episodes',
    fields: ['PLACE_PROVIDER', 'PLACE'],
    when: `t.place_provider IS NOT NULL AND (NOT ${validCode(PLACE_PROVIDER, 't.place_provider')} OR t.place IN ${NO_PROVIDER})`,
    pass: { tables: { episodes: [{ PLACE: 'Z1', PLACE_PROVIDER: null }] } },
    fail: { tables: { episodes: [{ PLACE: 'Z1', PLACE_PROVIDER: 'PR1' }] } },
  },
  {
    code: '213',
    message: 'Placement provider is given for a temporary placement (T0-T4), which needs none.',
    table: 'episodes',
    fields: ['PLACE', 'PLACE_PROVIDER'],
    when: `t.place IN ${TEMPORARY} AND t.place_provider IS NOT NULL`,
    pass: { tables: { episodes: [{ PLACE: 'T1', PLACE_PROVIDER: null }] } },
    fail: { tables: { episodes: [{ PLACE: 'T1', PLACE_PROVIDER: 'PR1' }] } },
  },
  {
    code: '217',
    message: 'A child placed for adoption with their current foster carers (A3 or A5) must have a reason for new episode of S, T or U.',
    table: 'episodes',
    fields: ['PLACE', 'DECOM', 'RNE'],
    when: `t.place IN ('A3', 'A5') AND t.decom >= DATE '2015-04-01' AND t.rne IS DISTINCT FROM 'S' AND t.rne IS DISTINCT FROM 'T' AND t.rne IS DISTINCT FROM 'U'`,
    pass: { tables: { episodes: [{ PLACE: 'A3', RNE: 'T', LS: 'E1' }] } },
    fail: { tables: { episodes: [{ PLACE: 'A3', RNE: 'P', LS: 'E1' }] } },
  },
];
