/**
 * DfE rules on the reviews, outcome, adoption, missing, previous permanence and social worker files
 * that are not rules here, and why: most are checked when the file is read.
 */
import type { UncheckedRule } from '../rule.js';

/** Why a rule that a value is a valid date (or filled) is not a rule here. */
export const AT_IMPORT =
  'Checked when the file is read: a value that is not a date, or a blank where every row needs one, is refused naming the file, row and column, or (imported anyway) left blank and listed as W00; reporting it again under this code would count one fault twice.';

export const OTHER_FILES_NOT_CHECKED: readonly UncheckedRule[] = [
  { code: '166', message: 'Date of review is not a valid date or is blank.', why: AT_IMPORT },
  { code: '112', message: 'Date of the decision that the child should be placed for adoption (AD1) is not a valid date.', why: AT_IMPORT },
  { code: '113', message: 'Date of matching child and adopters is not a valid date.', why: AT_IMPORT },
  { code: '115', message: 'Date of the decision that the child should be placed for adoption is not a valid date.', why: AT_IMPORT },
  { code: '116', message: 'Date of the decision that the child should no longer be placed for adoption is not a valid date.', why: AT_IMPORT },
  { code: '564', message: 'The child was missing or away, but the date it started is blank.', why: AT_IMPORT },
  { code: '565', message: 'The date a missing or away episode started is given, but whether missing or away is blank.', why: AT_IMPORT },
  { code: '566', message: 'The date a missing or away episode ended is given, but whether missing or away is blank.', why: AT_IMPORT },
  { code: '1004', message: 'Start date of the missing or away episode is not a valid date.', why: AT_IMPORT },
  { code: '1005', message: 'End date of the missing or away episode is not a valid date.', why: AT_IMPORT },
  { code: 'SW04STG1', message: 'Date the social worker episode began is not a valid date.', why: AT_IMPORT },
  { code: 'SW05STG1', message: 'Date the social worker episode ended is not a valid date.', why: AT_IMPORT },
  {
    code: 'SW11STG2',
    message: 'A social worker episode ended before 31 March and no following episode is given.',
    why: "The public validator's version compares each episode with the row before it whatever the child; what the rule asks (an episode ending before 31 March is followed within 5 days) is checked as SW11aSTG2.",
  },
  {
    code: 'SW11bSTG2',
    message: 'A social worker episode ended within 5 days of 31 March and no following episode is given.',
    why: "The public validator's version reports every child with a single social worker episode, whatever its dates, so its findings would not say what the rule means; episodes that end without a following one are reported by SW11aSTG2 and SW108STG2.",
  },
];
