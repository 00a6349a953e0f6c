/**
 * How a drill-down shows its columns: headings in words ("Age at 31 March", "SDQ score"), dates
 * as dd/mm/yyyy (the app's convention, as in the returns), and 903 codes with their labels
 * ("C2 Full care order"; a code not in the list is shown as it is).
 */
import { ACCOM, ACTIV, CIN, ETHNIC, IN_TOUCH, LS, MISSING, PLACE, PLACE_PROVIDER, REC, REVIEW_CODE, RNE, SDQ_REASON, codeInfo, type CodeList } from '../../../shared/domain/codes.js';

const HEADINGS: Record<string, string> = {
  child: 'Child',
  dob: 'Date of birth',
  ls: 'Legal status',
  rne: 'Reason new episode',
  rec: 'Reason episode ceased',
  decom: 'Episode start',
  dec: 'Episode end',
  age_31_march: 'Age at 31 March',
  ethnic: 'Ethnicity',
  place: 'Placement',
  activ: 'Activity',
  accom: 'Accommodation',
  cin: 'Category of need',
  return_year: 'Return year',
};
const UPPER = new Set(['sdq', 'oc2', 'oc3', 'upn', 'uasc', 'la', 'cin', 'id', 'ad1', 'iro']);

/** Column names as words for the header: "has_oc2" -> "Has OC2" (the name stays in the tooltip). */
export function drillHeading(name: string): string {
  const known = HEADINGS[name.toLowerCase()];
  if (known) return known;
  const words = name.toLowerCase().split('_').filter(Boolean).map((w) => (UPPER.has(w) ? w.toUpperCase() : w === 'march' ? 'March' : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Which code list a drill-down column holds, by the names the packs give their columns. */
const CODE_COLUMNS: Record<string, CodeList> = {
  ls: LS,
  legal_status: LS,
  place: PLACE,
  placement: PLACE,
  rne: RNE,
  rec: REC,
  reason_ceased: REC,
  ethnic: ETHNIC,
  ethnicity: ETHNIC,
  cin: CIN,
  category_of_need: CIN,
  activ: ACTIV,
  activity: ACTIV,
  accom: ACCOM,
  accommodation: ACCOM,
  in_touch: IN_TOUCH,
  review_code: REVIEW_CODE,
  place_provider: PLACE_PROVIDER,
  provider: PLACE_PROVIDER,
  sdq_reason: SDQ_REASON,
  missing: MISSING,
};

/** A cell as shown: dates dd/mm/yyyy, codes with their labels, everything else as it is. */
export function drillCellText(name: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const date = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(text);
  if (date) return `${date[3]}/${date[2]}/${date[1]}`;
  const list = CODE_COLUMNS[name.toLowerCase()];
  const label = list ? codeInfo(list, text)?.label : undefined;
  return label ? `${text} ${label}` : text;
}
