/** Every data-quality rule the workbench runs, and DfE's rules it cannot check from the files. */
import type { QualityRule, UncheckedRule } from '../rule.js';
import { ADOPTION_MISSING_RULES } from './adoptionMissing.js';
import { ADOPTION_RULES } from './adoptions.js';
import { CARE_LEAVER_RULES } from './careLeavers.js';
import { EPISODE_RULES } from './episodes.js';
import { HEADER_RULES } from './header.js';
import { HEADER_UASC_EPISODE_NOT_CHECKED, HEADER_UASC_EPISODE_RULES } from './headerUascEpisodes.js';
import { INTERNAL_RULES } from './internal.js';
import { AD1_RULES, OC2_RULES, OC3_RULES, REVIEW_RULES } from './outcomes.js';
import { MISSING_RULES } from './missing.js';
import { OTHER_FILES_NOT_CHECKED } from './notChecked.js';
import { PLACED_FOR_ADOPTION_RULES } from './placedForAdoption.js';
import { PREVIOUS_PERMANENCE_RULES } from './previousPermanence.js';
import { SOCIAL_WORKER_RULES } from './socialWorkers.js';
import { WORKBENCH_RULES } from './workbench.js';

export const QUALITY_RULES: readonly QualityRule[] = [
  ...HEADER_RULES,
  ...EPISODE_RULES,
  ...HEADER_UASC_EPISODE_RULES,
  ...REVIEW_RULES,
  ...OC2_RULES,
  ...OC3_RULES,
  ...AD1_RULES,
  ...ADOPTION_MISSING_RULES,
  ...ADOPTION_RULES,
  ...PLACED_FOR_ADOPTION_RULES,
  ...MISSING_RULES,
  ...PREVIOUS_PERMANENCE_RULES,
  ...SOCIAL_WORKER_RULES,
  ...CARE_LEAVER_RULES,
  ...INTERNAL_RULES,
  ...WORKBENCH_RULES,
];

/** The code of the finding kept for each value "import anyway" left blank. */
export const BLANKED_RULE = { code: 'W00', message: 'A value could not be read and was left blank ("import anyway").' } as const;

const POSTCODES = 'It needs the distance between the home and placement postcodes, which needs a postcode directory the workbench does not hold (and, offline, cannot fetch).';
const XML = 'It applies to the XML return only, where the field is derived; the CSV and XLSX files the workbench reads do not carry it.';

export const NOT_CHECKED: readonly UncheckedRule[] = [
  { code: '164', message: 'Distance between home and placement is not valid.', why: POSTCODES },
  { code: '392c', message: 'Home or placement postcode is not a valid postcode.', why: 'It needs the directory of postcodes in use, which the workbench does not hold (and, offline, cannot fetch).' },
  { code: '179', message: 'Placement location code (in or out of the authority) is not valid.', why: XML },
  ...HEADER_UASC_EPISODE_NOT_CHECKED,
  ...OTHER_FILES_NOT_CHECKED,
];
