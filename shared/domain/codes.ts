/**
 * Every SSDA903 code list as data: code -> label, the DfE group a code is published under, and the
 * collection years a code is valid in (a code outside its years is still counted and labelled; the
 * years only tell an analyst why it is rare). Sources: ssda903.md and reference.md section 2.
 *
 * Unknown codes are shown as themselves and blank values as `blank` (codeKey / codeLabel), so no
 * child is ever dropped from a table because of a code we did not expect.
 */
import type { FileKindId } from './fileKinds.js';

export interface CodeInfo {
  readonly code: string;
  readonly label: string;
  /** Id of the group (see CodeList.groups) this code is counted under in DfE tables. */
  readonly group?: string;
  /** First collection year (ending 31 March) the code is valid in. */
  readonly from?: number;
  /** Last collection year the code is valid in. */
  readonly to?: number;
  /**
   * Last 31 March the code can describe, where that is before the end of its last year: a code
   * superseded during that year (H5 and P2: from 28 October 2023 such settings for 16-17s must be
   * Ofsted-registered, K3; DfE shows them as z, not applicable, at 31 March 2024).
   */
  readonly lastOn31March?: number;
}

/** The years of a code (CodeInfo's from, to, lastOn31March). */
export type CodeYears = Pick<CodeInfo, 'from' | 'to' | 'lastOn31March'>;

/**
 * True when a code is in its list in the given collection year: during the year, or on its 31 March
 * (a code superseded during its last year is out by then).
 */
export function codeInUse(years: CodeYears, year: number, on31March = false): boolean {
  const to = on31March ? (years.lastOn31March ?? years.to) : years.to;
  return (years.from === undefined || year >= years.from) && (to === undefined || year <= to);
}

export interface CodeGroup {
  readonly id: string;
  readonly label: string;
}

export interface CodeList {
  readonly id: string;
  readonly title: string;
  readonly codes: readonly CodeInfo[];
  readonly groups?: readonly CodeGroup[];
}

/** Row key and label of a blank value. */
export const BLANK = 'blank';

function list(id: string, title: string, codes: readonly CodeInfo[], groups?: readonly CodeGroup[]): CodeList {
  return groups ? { id, title, codes, groups } : { id, title, codes };
}

export const SEX = list('sex', 'Sex', [
  { code: '1', label: 'Male', group: 'male', to: 2024 },
  { code: '2', label: 'Female', group: 'female', to: 2024 },
  { code: 'M', label: 'Male', group: 'male', from: 2025 },
  { code: 'F', label: 'Female', group: 'female', from: 2025 },
  { code: 'U', label: 'Unknown', group: 'unknown', from: 2025 },
], [
  { id: 'male', label: 'Male' },
  { id: 'female', label: 'Female' },
  { id: 'unknown', label: 'Unknown' },
]);

export const ETHNIC = list('ethnic', 'Ethnicity', [
  { code: 'WBRI', label: 'White British', group: 'white' },
  { code: 'WIRI', label: 'White Irish', group: 'white' },
  { code: 'WIRT', label: 'Traveller of Irish heritage', group: 'white' },
  { code: 'WROM', label: 'Gypsy/Roma', group: 'white' },
  { code: 'WOTH', label: 'Any other White background', group: 'white' },
  { code: 'MWBC', label: 'White and Black Caribbean', group: 'mixed' },
  { code: 'MWBA', label: 'White and Black African', group: 'mixed' },
  { code: 'MWAS', label: 'White and Asian', group: 'mixed' },
  { code: 'MOTH', label: 'Any other Mixed background', group: 'mixed' },
  { code: 'AIND', label: 'Indian', group: 'asian' },
  { code: 'APKN', label: 'Pakistani', group: 'asian' },
  { code: 'ABAN', label: 'Bangladeshi', group: 'asian' },
  // DfE's 2021-2025 tables count Chinese under Asian (older ones under Other): reference.md 2.2.
  { code: 'CHNE', label: 'Chinese', group: 'asian' },
  { code: 'AOTH', label: 'Any other Asian background', group: 'asian' },
  { code: 'BCRB', label: 'Black Caribbean', group: 'black' },
  { code: 'BAFR', label: 'Black African', group: 'black' },
  { code: 'BOTH', label: 'Any other Black background', group: 'black' },
  { code: 'OOTH', label: 'Any other ethnic group', group: 'other' },
  { code: 'REFU', label: 'Refused', group: 'refused' },
  { code: 'NOBT', label: 'Information not yet obtained', group: 'refused' },
], [
  { id: 'white', label: 'White' },
  { id: 'mixed', label: 'Mixed or Multiple ethnic groups' },
  { id: 'asian', label: 'Asian or Asian British' },
  { id: 'black', label: 'Black, African, Caribbean or Black British' },
  { id: 'other', label: 'Other ethnic group' },
  { id: 'refused', label: 'Refused or information not yet available' },
]);

export const RNE = list('rne', 'Reason for new episode', [
  { code: 'S', label: 'Started to be looked after' },
  { code: 'L', label: 'Change of legal status only' },
  { code: 'P', label: 'Change of placement and carer(s) only' },
  { code: 'T', label: 'Change of placement (but same carer(s)) only' },
  { code: 'B', label: 'Change of legal status and placement and carer(s) at the same time' },
  { code: 'U', label: 'Change of legal status and change of placement (but same carer(s)) at the same time' },
]);

export const LS = list('ls', 'Legal status', [
  { code: 'C1', label: 'Interim care order', group: 'care-orders' },
  { code: 'C2', label: 'Full care order', group: 'care-orders' },
  { code: 'E1', label: 'Placement order granted', group: 'placement-order' },
  // No freeing-order row in current DfE tables; freeing orders were the forerunner of placement orders.
  { code: 'D1', label: 'Freeing order granted', group: 'placement-order' },
  { code: 'V2', label: 'Single period of accommodation under section 20', group: 'voluntary' },
  { code: 'V3', label: 'Short-term breaks, individual episodes recorded', group: 'short-breaks' },
  { code: 'V4', label: 'Short-term breaks, agreement recorded', group: 'short-breaks' },
  { code: 'L1', label: 'Under police protection and in LA accommodation', group: 'child-protection' },
  { code: 'L2', label: 'Emergency protection order', group: 'child-protection' },
  { code: 'L3', label: 'Child assessment order and in LA accommodation', group: 'child-protection' },
  { code: 'J1', label: 'Remanded to LA or youth detention accommodation', group: 'youth-justice' },
  { code: 'J2', label: 'Placed in LA accommodation under PACE', group: 'youth-justice' },
  { code: 'J3', label: 'Sentenced to a youth rehabilitation order with residence requirement', group: 'youth-justice' },
], [
  { id: 'care-orders', label: 'Care orders' },
  { id: 'placement-order', label: 'Placement order granted' },
  { id: 'voluntary', label: 'Voluntary agreements under S20 CA 1989' },
  { id: 'child-protection', label: 'Detained for child protection' },
  { id: 'youth-justice', label: 'Youth justice legal statuses' },
  { id: 'short-breaks', label: 'Short-term breaks (excluded)' },
]);

export const CIN = list('cin', 'Category of need', [
  { code: 'N1', label: 'Abuse or neglect' },
  { code: 'N2', label: "Child's disability" },
  { code: 'N3', label: 'Parental illness or disability' },
  { code: 'N4', label: 'Family in acute stress' },
  { code: 'N5', label: 'Family dysfunction' },
  { code: 'N6', label: 'Socially unacceptable behaviour' },
  { code: 'N7', label: 'Low income' },
  { code: 'N8', label: 'Absent parenting' },
]);

export const PLACE = list('place', 'Placement type', [
  { code: 'U1', label: 'Foster placement with relative or friend - long-term fostering', group: 'foster' },
  { code: 'U2', label: 'Foster placement with relative or friend who is also an approved adopter - FFA/concurrent planning', group: 'foster' },
  { code: 'U3', label: 'Foster placement with relative or friend - not long-term or FFA/concurrent planning', group: 'foster' },
  { code: 'U4', label: 'Foster placement with other foster carer - long-term fostering', group: 'foster' },
  { code: 'U5', label: 'Foster placement with other foster carer who is also an approved adopter - FFA/concurrent planning', group: 'foster' },
  { code: 'U6', label: 'Foster placement with other foster carer - not long-term or FFA/concurrent planning', group: 'foster' },
  { code: 'A3', label: 'Placed for adoption with consent with current foster carer(s)', group: 'adoption' },
  { code: 'A4', label: 'Placed for adoption with consent not with current foster carer(s)', group: 'adoption' },
  { code: 'A5', label: 'Placed for adoption with placement order with current foster carer(s)', group: 'adoption' },
  { code: 'A6', label: 'Placed for adoption with placement order not with current foster carer(s)', group: 'adoption' },
  { code: 'P1', label: 'Placed with own parent(s) or other person(s) with parental responsibility', group: 'parents' },
  { code: 'K1', label: "Secure children's homes", group: 'homes' },
  { code: 'K2', label: "Children's homes subject to Children's Homes Regulations", group: 'homes' },
  { code: 'H5', label: "Semi-independent living accommodation not subject to children's homes regulations", group: 'independent', to: 2024, lastOn31March: 2023 },
  { code: 'P2', label: 'Independent living, e.g. flat, lodgings, bedsit, B&B or with friends', group: 'independent', to: 2024, lastOn31March: 2023 },
  { code: 'K3', label: 'Supported accommodation (Ofsted-registered)', group: 'independent', from: 2024 },
  { code: 'R1', label: 'Residential care home', group: 'other-residential' },
  { code: 'R2', label: 'NHS/health trust or other establishment providing medical or nursing care', group: 'other-residential' },
  { code: 'R3', label: 'Family centre or mother and baby unit', group: 'other-residential' },
  { code: 'R5', label: 'Young offender institution or prison', group: 'other-residential' },
  { code: 'P3', label: 'Residential employment', group: 'other-residential' },
  { code: 'S1', label: "All residential schools, except where dual-registered as a school and children's home", group: 'residential-schools' },
  { code: 'Z1', label: 'Other placements', group: 'other-placements', to: 2025 },
  // Labels of the 2025/26 split of Z1 were not found in any source (reference.md 2.7).
  { code: 'Z11', label: 'Other placement (Z11)', group: 'other-placements', from: 2026 },
  { code: 'Z12', label: 'Other placement (Z12)', group: 'other-placements', from: 2026 },
  { code: 'Z13', label: 'Other placement (Z13)', group: 'other-placements', from: 2026 },
  { code: 'Z14', label: 'Other placement (Z14)', group: 'other-placements', from: 2026 },
  { code: 'T0', label: 'All types of temporary move', group: 'temporary' },
  { code: 'T1', label: 'Temporary periods in hospital', group: 'temporary' },
  { code: 'T2', label: 'Temporary absences of the child on holiday', group: 'temporary' },
  { code: 'T3', label: 'Temporary accommodation whilst normal foster carer(s) on holiday', group: 'temporary' },
  { code: 'T4', label: 'Temporary accommodation of 7 days or less, any other reason', group: 'temporary' },
], [
  { id: 'foster', label: 'Foster placements' },
  { id: 'adoption', label: 'Placed for adoption' },
  { id: 'parents', label: 'Placed with parents or other person with parental responsibility' },
  { id: 'homes', label: "Secure homes and children's homes" },
  { id: 'independent', label: 'Independent and semi-independent living arrangements / supported accommodation' },
  { id: 'other-residential', label: 'Other residential settings' },
  { id: 'residential-schools', label: 'Residential schools' },
  { id: 'other-placements', label: 'Other placements' },
  { id: 'temporary', label: 'Temporary placements' },
]);

/** Temporary placements: not a change of placement, and not the child's substantive placement. */
export const TEMPORARY_PLACEMENTS = ['T0', 'T1', 'T2', 'T3', 'T4'] as const;

export const PLACE_PROVIDER = list('place_provider', 'Placement provider', [
  { code: 'PR0', label: 'Parent(s) or other person(s) with parental responsibility' },
  { code: 'PR1', label: 'Own provision (by the local authority)' },
  { code: 'PR2', label: 'Other local authority provision' },
  { code: 'PR3', label: 'Other public provision' },
  { code: 'PR4', label: 'Private provision' },
  { code: 'PR5', label: 'Voluntary/third sector provision' },
]);

export const REC = list('rec', 'Reason episode ceased', [
  { code: 'E11', label: 'Adopted - application for an adoption order unopposed', group: 'adoption' },
  { code: 'E12', label: 'Adopted - consent dispensed with by the court', group: 'adoption' },
  { code: 'E43', label: 'Special guardianship order made to former foster carer(s)', group: 'sgo', to: 2018 },
  { code: 'E44', label: 'Special guardianship order made to carer(s) other than former foster carer(s)', group: 'sgo', to: 2018 },
  { code: 'E45', label: 'Special guardianship order made to former foster carer(s) who are relatives or friends', group: 'sgo', from: 2019 },
  { code: 'E46', label: 'Special guardianship order made to former foster carer(s), other than relatives or friends', group: 'sgo', from: 2019 },
  { code: 'E47', label: 'Special guardianship order made to carer(s), other than former foster carer(s), who are relatives or friends', group: 'sgo', from: 2019 },
  { code: 'E48', label: 'Special guardianship order made to carer(s), other than former foster carer(s), other than relatives or friends', group: 'sgo', from: 2019 },
  { code: 'E4A', label: 'Returned home to live with parent(s), relative(s) or other person(s) with parental responsibility as part of the care planning process', group: 'returned-home' },
  { code: 'E4B', label: 'Returned home to live with parent(s), relative(s) or other person(s) with parental responsibility, not as part of the care planning process', group: 'returned-home' },
  { code: 'E5', label: 'Moved into independent living arrangement with supportive accommodation', group: 'independent-living' },
  { code: 'E6', label: 'Moved into independent living arrangement without formalised support', group: 'independent-living' },
  { code: 'E13', label: 'Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility', group: 'other' },
  { code: 'E41', label: 'Residence order or child arrangements order granted', group: 'other' },
  { code: 'E17', label: 'Aged 18 or over and remained with current carers (staying put)', group: 'other' },
  { code: 'E7', label: 'Transferred to residential care funded by adult social care services', group: 'other' },
  { code: 'E9', label: 'Sentenced to custody', group: 'other' },
  { code: 'E14', label: 'Accommodation on remand ended', group: 'other' },
  { code: 'E15', label: 'Age assessment determined child is aged 18 or over', group: 'other' },
  { code: 'E16', label: 'Child moved abroad', group: 'other' },
  { code: 'E2', label: 'Died', group: 'other' },
  { code: 'E3', label: 'Care taken over by another local authority in the UK', group: 'other' },
  { code: 'E8', label: 'Period of being looked after ceased for any other reason', group: 'other' },
  { code: 'X1', label: 'Episode ceases and new episode begins on same day (still looked after)' },
], [
  { id: 'adoption', label: 'Adopted' },
  { id: 'sgo', label: 'Special guardianship order' },
  { id: 'returned-home', label: 'Returned home to parents or others with parental responsibility' },
  { id: 'independent-living', label: 'Moved into independent living' },
  { id: 'other', label: 'Other reasons' },
]);

export const REASON_PLACE_CHANGE = list('reason_place_change', 'Reason for placement change', [
  { code: 'CARPL', label: 'Change to/implementation of care plan' },
  { code: 'CLOSE', label: 'Resignation or closure of provision' },
  { code: 'ALLEG', label: 'Allegation (s47)' },
  { code: 'STAND', label: 'Standards of care concern' },
  { code: 'APPRR', label: 'Approval removed' },
  { code: 'CREQB', label: "Carer(s) requests placement end due to child's behaviour" },
  { code: 'CREQO', label: "Carer(s) requests placement end other than due to child's behaviour" },
  { code: 'CHILD', label: 'Child requests placement end' },
  { code: 'LAREQ', label: 'Responsible/area authority requests placement end' },
  { code: 'PLACE', label: 'Change in the status of placement only' },
  { code: 'CUSTOD', label: 'Custody arrangement' },
  { code: 'OTHER', label: 'Other' },
]);

export const REVIEW_CODE = list('review_code', 'Participation in review', [
  { code: 'PN0', label: 'Child aged under 4 at the time of the review' },
  { code: 'PN1', label: 'Child physically attends and speaks for themselves' },
  { code: 'PN2', label: 'Child physically attends and an advocate speaks on their behalf' },
  { code: 'PN3', label: 'Child attends and conveys their view symbolically (non-verbally)' },
  { code: 'PN4', label: 'Child physically attends but does not speak or convey their views' },
  { code: 'PN5', label: 'Child does not attend but briefs an advocate to speak for them' },
  { code: 'PN6', label: 'Child does not attend but conveys their feelings by a facilitative medium' },
  { code: 'PN7', label: 'Child does not attend nor are their views conveyed' },
]);

export const SDQ_REASON = list('sdq_reason', 'Reason for no SDQ score', [
  { code: 'SDQ1', label: 'No form returned as child aged under 4 or over 16 at date of latest assessment' },
  { code: 'SDQ2', label: 'Carer(s) refused to complete and return questionnaire' },
  { code: 'SDQ3', label: "Not possible to complete due to severity of child's disability" },
  { code: 'SDQ4', label: 'Other' },
  { code: 'SDQ5', label: 'Child or young person refuses to allow an SDQ to be completed' },
]);

/** OC2 flags, MOTHER, FOSTER_CARE, header UASC. */
export const YES_NO = list('yes_no', 'Yes or no', [
  { code: '1', label: 'Yes' },
  { code: '0', label: 'No' },
]);

export const MISSING = list('missing', 'Missing or away', [
  { code: 'M', label: 'Missing from placement' },
  { code: 'A', label: 'Away from placement without authorisation' },
]);

export const IN_TOUCH = list('in_touch', 'Local authority in touch with care leaver', [
  { code: 'YES', label: 'In touch' },
  { code: 'NO', label: 'Not in touch' },
  { code: 'DIED', label: 'Died since leaving care' },
  { code: 'REFU', label: 'Young person refuses contact' },
  { code: 'NREQ', label: 'Young person no longer requires services' },
  { code: 'RHOM', label: 'Returned home to parents or others with parental responsibility for 6 months or more' },
]);

export const ACTIV = list('activ', 'Care leaver activity', [
  { code: 'F1', label: 'Full-time higher education', group: 'eet' },
  { code: 'P1', label: 'Part-time higher education', group: 'eet' },
  { code: 'F2', label: 'Full-time education other than higher education', group: 'eet' },
  { code: 'P2', label: 'Part-time education other than higher education', group: 'eet' },
  { code: 'F3', label: 'Full-time training or employment', group: 'eet', to: 2021 },
  { code: 'P3', label: 'Part-time training or employment', group: 'eet', to: 2021 },
  { code: 'F4', label: 'Full-time apprenticeship', group: 'eet', from: 2022 },
  { code: 'P4', label: 'Part-time apprenticeship', group: 'eet', from: 2022 },
  { code: 'F5', label: 'Full-time training or employment (not apprenticeship)', group: 'eet', from: 2022 },
  { code: 'P5', label: 'Part-time training or employment (not apprenticeship)', group: 'eet', from: 2022 },
  { code: 'G4', label: 'Not in education, employment or training because of illness or disability', group: 'neet' },
  { code: 'G5', label: 'Not in education, employment or training - other circumstances', group: 'neet' },
  { code: 'G6', label: 'Not in education, employment or training due to pregnancy or parenting', group: 'neet' },
  { code: '0', label: 'Activity not known (not in touch, died or returned home)', group: 'not-known' },
], [
  { id: 'eet', label: 'In education, employment or training' },
  { id: 'neet', label: 'Not in education, employment or training' },
  { id: 'not-known', label: 'Activity not known' },
]);

const ACCOM_TYPES: readonly (readonly [string, string])[] = [
  ['B', 'With parents or relatives'],
  ['C', 'Community home or other residential care'],
  ['D', 'Semi-independent, transitional accommodation'],
  ['E', 'Supported lodgings'],
  ['G', 'Gone abroad'],
  ['H', 'Deported'],
  ['K', 'Ordinary lodgings, without formal support'],
  ['R', 'Residence not known'],
  ['S', 'No fixed abode / homeless'],
  ['T', 'Foyers and similar supported accommodation'],
  ['U', 'Independent living'],
  ['V', 'Emergency accommodation'],
  ['W', 'Bed and breakfast'],
  ['X', 'In custody'],
  ['Y', 'Other accommodation'],
  ['Z', 'With former foster carer(s)'],
];

/** ACCOM = accommodation letter + suitability digit (1 suitable, 2 not suitable), or 0 (not known). */
export const ACCOM = list('accom', 'Care leaver accommodation', [
  ...ACCOM_TYPES.flatMap(([letter, label]) => [
    { code: `${letter}1`, label: `${label} - suitable`, group: 'suitable' },
    { code: `${letter}2`, label: `${label} - not suitable`, group: 'not-suitable' },
  ]),
  { code: '0', label: 'Accommodation not known (not in touch, died or returned home)', group: 'not-known' },
], [
  { id: 'suitable', label: 'In suitable accommodation' },
  { id: 'not-suitable', label: 'Not in suitable accommodation' },
  { id: 'not-known', label: 'Accommodation not known' },
]);

export const SEX_ADOPTR = list('sex_adoptr', 'Sex of adopter(s)', [
  { code: 'M1', label: 'Single male' },
  { code: 'F1', label: 'Single female' },
  { code: 'MM', label: 'Male couple' },
  { code: 'FF', label: 'Female couple' },
  { code: 'MF', label: 'Male and female couple' },
]);

export const LS_ADOPTR = list('ls_adoptr', 'Legal status of adopter(s)', [
  { code: 'L0', label: 'Single adopter' },
  { code: 'L11', label: 'Different-gender married couple' },
  { code: 'L12', label: 'Same-gender married couple' },
  { code: 'L2', label: 'Civil partnership couple' },
  { code: 'L3', label: 'Different-gender unmarried couple' },
  { code: 'L4', label: 'Same-gender couple not married or in a civil partnership' },
]);

export const NB_ADOPTR = list('nb_adoptr', 'Number of adopters', [
  { code: '1', label: 'One adopter' },
  { code: '2', label: 'Two adopters' },
]);

export const REASON_PLACED_CEASED = list('reason_placed_ceased', 'Reason no longer to be placed for adoption', [
  { code: 'RD1', label: "Child's needs changed after the decision" },
  { code: 'RD2', label: 'Court did not make a placement order' },
  { code: 'RD3', label: 'Prospective adopters could not be found' },
  { code: 'RD4', label: 'Any other reason' },
]);

export const PREV_PERM = list('prev_perm', 'Previous permanence', [
  { code: 'P1', label: 'Adoption' },
  { code: 'P2', label: 'Special guardianship order' },
  { code: 'P3', label: 'Residence order or child arrangements order' },
  { code: 'P4', label: 'Unknown' },
  { code: 'Z1', label: 'No previous permanence option' },
]);

export const SW_REASON = list('sw_reason', 'Reason for change of social worker', [
  { code: 'MANAGE', label: 'Managing caseloads' },
  { code: 'FCONTA', label: 'First contact or re-referral' },
  { code: 'LEFTRL', label: 'Previous social worker left the role' },
  { code: 'ORGRST', label: 'New social worker following organisational restructure' },
  { code: 'TSPROC', label: 'New social worker following transfer due to standard process' },
  { code: 'ABSENC', label: 'Absence cover or return from absence' },
  { code: 'CHCHAN', label: 'Child requested change' },
  { code: 'PCCHAN', label: 'Parent or carer requested change' },
  { code: 'SWDIED', label: 'Previous social worker died' },
  { code: 'OTHERS', label: 'Other reason' },
]);

export const UPN_UNKNOWN = list('upn_unknown', 'Reason UPN not known', [
  { code: 'UN1', label: 'Not of school age and no UPN yet' },
  { code: 'UN2', label: 'Never attended a maintained school in England' },
  { code: 'UN3', label: 'Educated outside England' },
  { code: 'UN4', label: 'Newly looked after, UPN not yet known' },
  { code: 'UN5', label: 'Sources disagree on name or date of birth' },
]);

export const CODE_LISTS: readonly CodeList[] = [
  SEX, ETHNIC, RNE, LS, CIN, PLACE, PLACE_PROVIDER, REC, REASON_PLACE_CHANGE, REVIEW_CODE, SDQ_REASON,
  YES_NO, MISSING, IN_TOUCH, ACTIV, ACCOM, SEX_ADOPTR, LS_ADOPTR, NB_ADOPTR, REASON_PLACED_CEASED,
  PREV_PERM, SW_REASON,
];

/** Which code list a 903 column holds (for labels in drill-downs and unknown-code warnings at import). */
const COLUMN_LISTS: Partial<Record<FileKindId, Record<string, CodeList>>> = {
  header: { SEX, ETHNIC, MOTHER: YES_NO, UASC: YES_NO },
  episodes: { RNE, LS, CIN, PLACE, PLACE_PROVIDER, REC, REASON_PLACE_CHANGE },
  reviews: { REVIEW_CODE },
  uasc: { SEX },
  oc2: {
    SDQ_REASON,
    CONVICTED: YES_NO,
    HEALTH_CHECK: YES_NO,
    IMMUNISATIONS: YES_NO,
    TEETH_CHECK: YES_NO,
    HEALTH_ASSESSMENT: YES_NO,
    SUBSTANCE_MISUSE: YES_NO,
    INTERVENTION_RECEIVED: YES_NO,
    INTERVENTION_OFFERED: YES_NO,
  },
  oc3: { IN_TOUCH, ACTIV, ACCOM },
  ad1: { FOSTER_CARE: YES_NO, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR },
  placed_for_adoption: { REASON_PLACED_CEASED },
  previous_permanence: { PREV_PERM },
  missing: { MISSING },
  sw_episodes: { SW_REASON },
};

/** The code list of a 903 column (upper-case spec name), or null for free text, dates and ids. */
export function codeListFor(kind: FileKindId, column: string): CodeList | null {
  return COLUMN_LISTS[kind]?.[column.toUpperCase()] ?? null;
}

const indexes = new Map<CodeList, Map<string, CodeInfo>>();
function index(codeList: CodeList): Map<string, CodeInfo> {
  let ix = indexes.get(codeList);
  if (!ix) {
    ix = new Map(codeList.codes.map((c) => [c.code, c]));
    indexes.set(codeList, ix);
  }
  return ix;
}

export function codeInfo(codeList: CodeList, code: string | null | undefined): CodeInfo | null {
  if (code === null || code === undefined) return null;
  return index(codeList).get(code) ?? null;
}

/** Row key of a value: the code as found, or `blank`. */
export function codeKey(code: string | null | undefined): string {
  return code === null || code === undefined || code.trim() === '' ? BLANK : code;
}

/** Label of a code: its list label, `blank` for a blank, the code itself when unknown. */
export function codeLabel(codeList: CodeList, code: string | null | undefined): string {
  const key = codeKey(code);
  if (key === BLANK) return BLANK;
  return codeInfo(codeList, key)?.label ?? key;
}

/** Id of the DfE group a code belongs to, or null (unknown code, blank, or an ungrouped list). */
export function codeGroupId(codeList: CodeList, code: string | null | undefined): string | null {
  return codeInfo(codeList, code)?.group ?? null;
}

export function groupLabel(codeList: CodeList, groupId: string): string {
  return codeList.groups?.find((g) => g.id === groupId)?.label ?? groupId;
}

/** Codes of a list in a group, in list order. */
export function codesInGroup(codeList: CodeList, groupId: string): string[] {
  return codeList.codes.filter((c) => c.group === groupId).map((c) => c.code);
}

/** True when the code is valid in the given collection year (unknown codes: false). */
export function codeValidIn(codeList: CodeList, code: string, year: number): boolean {
  const info = codeInfo(codeList, code);
  return !!info && codeInUse(info, year);
}

/** A SQL IN-list of codes, e.g. ('E11', 'E12'); codes come from the lists above, never from user text. */
export function sqlCodes(codes: readonly string[]): string {
  return `(${codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ')})`;
}
