/** DfE's rules whose findings are rows of the Header, UASC and Episodes files, and those of them the files cannot check. */
import type { QualityRule, UncheckedRule } from '../rule.js';
import { LEGAL_STATUS_RULES } from './episodesLegalStatus.js';
import { PLACEMENT_RULES } from './episodesPlacement.js';
import { SEQUENCE_RULES } from './episodesSequence.js';

export const HEADER_UASC_EPISODE_RULES: readonly QualityRule[] = [...LEGAL_STATUS_RULES, ...PLACEMENT_RULES, ...SEQUENCE_RULES];

export const HEADER_UASC_EPISODE_NOT_CHECKED: readonly UncheckedRule[] = [];
