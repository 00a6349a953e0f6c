/** DfE's rules whose findings are rows of the Header, UASC and Episodes files, and those of them the files cannot check. */
import type { QualityRule, UncheckedRule } from '../rule.js';
import { EPISODE_SEQUENCE_SOURCE } from './episodeSql.js';
import { AT_IMPORT } from './notChecked.js';
import { LEGAL_STATUS_RULES } from './episodesLegalStatus.js';
import { PLACEMENT_RULES } from './episodesPlacement.js';
import { SEQUENCE_RULES } from './episodesSequence.js';
import { HEADER_CHILD_RULES } from './headerMother.js';
import { UASC_RULES } from './uasc.js';

/** The Episodes rules read the episodes in sequence (each with its neighbours), computed once per run. */
export const HEADER_UASC_EPISODE_RULES: readonly QualityRule[] = [
  ...HEADER_CHILD_RULES,
  ...UASC_RULES,
  ...LEGAL_STATUS_RULES,
  ...PLACEMENT_RULES,
  ...SEQUENCE_RULES,
].map((r) => (r.table === 'episodes' ? { ...r, source: EPISODE_SEQUENCE_SOURCE } : r));

/** Fields DfE derives from the postcodes (distance, authority and location of the placement), absent from the CSV files. */
const DERIVED =
  'It reads a field DfE derives from the home and placement postcodes (PL_DISTANCE, PL_LA or PL_LOCATION), which the CSV and XLSX files do not carry and which needs a postcode directory the workbench does not hold (and, offline, cannot fetch).';
const OFSTED = "It needs Ofsted's list of registered providers (each URN's type, provider, postcode and dates), which is not part of the return.";

export const HEADER_UASC_EPISODE_NOT_CHECKED: readonly UncheckedRule[] = [
  { code: '102', message: 'The date of birth is not a valid date.', why: AT_IMPORT },
  { code: '104', message: 'The date UASC status ceased is not a valid date.', why: AT_IMPORT },
  { code: '141', message: 'The date the episode began is not a valid date.', why: AT_IMPORT },
  { code: '147', message: 'The date the episode ceased is not a valid date.', why: AT_IMPORT },
  { code: '171', message: "The date of birth of the mother's child is not a valid date.", why: AT_IMPORT },
  { code: '169', message: 'The local authority of the placement is not valid or is missing.', why: DERIVED },
  { code: '392a', message: 'The child is looked after but no placement distance is recorded.', why: DERIVED },
  { code: '406', message: 'The child is or was an unaccompanied asylum-seeking child, so the placement distance should be blank.', why: DERIVED },
  { code: '411', message: 'The placement location (in or out of the authority) disagrees with the authority of the placement.', why: DERIVED },
  { code: '420', message: 'The authority of the placement is given for a short break (V3 or V4).', why: DERIVED },
  { code: '452', message: "The placement authority in last year's last episode differs from this year's first.", why: DERIVED },
  { code: '453', message: "The placement distance in last year's last episode differs from this year's first.", why: DERIVED },
  { code: '503G', message: 'The placement distance in the first episode differs from the episode open at the end of last year.', why: DERIVED },
  { code: '503H', message: 'The placement authority in the first episode differs from the episode open at the end of last year.', why: DERIVED },
  { code: '503J', message: 'The placement location in the first episode differs from the episode open at the end of last year.', why: DERIVED },
  { code: '1015', message: "The provider is the authority's own provision, but the child is not placed in the authority.", why: DERIVED },
  { code: '1008', message: 'The Ofsted URN is not valid.', why: OFSTED },
  { code: '219', message: 'The Ofsted URN does not match the placement type.', why: OFSTED },
  { code: '221', message: 'The Ofsted URN does not match the placement postcode.', why: OFSTED },
  { code: '224', message: 'The Ofsted URN does not match the placement provider.', why: OFSTED },
  { code: '227', message: 'The Ofsted URN is not valid for the date the episode began.', why: OFSTED },
  { code: '228', message: 'The Ofsted URN is not valid for the date the episode ceased.', why: OFSTED },
  { code: '229', message: "The placement provider does not match the authority of the URN's provider.", why: OFSTED },
];
