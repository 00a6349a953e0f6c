/**
 * The registry of query packs, in the order of the IRO report. Adding a table to the product is
 * adding one pack file and one line here.
 */
import { adoptionPack } from './adoption.js';
import { agePack } from './age.js';
import { ageGenderPack } from './ageGender.js';
import { careLeaversPack } from './careLeavers.js';
import { categoryOfNeedPack, startersCategoryOfNeedPack } from './categoryOfNeed.js';
import { claPack } from './cla.js';
import { durationPack } from './duration.js';
import { ethnicityPack } from './ethnicity.js';
import { genderPack } from './gender.js';
import { healthPack } from './health.js';
import { legalStatusPack, startersLegalStatusPack } from './legalStatus.js';
import { missingPack } from './missing.js';
import { missingRepeatPack } from './missingRepeat.js';
import { placementProviderPack } from './placementProvider.js';
import { placementsStartedPack } from './placementsStarted.js';
import { placementStabilityPack } from './placementStability.js';
import { placementTypePack } from './placementType.js';
import { reasonsCeasedPack } from './reasonsCeased.js';
import { reviewParticipationPack } from './reviewParticipation.js';
import { reviewsPerMonthPack } from './reviewsPerMonth.js';
import { reviewTimelinessPack } from './reviewTimeliness.js';
import { sdqPack } from './sdq.js';
import { shortBreaksPack } from './shortBreaks.js';
import { socialWorkersPack } from './socialWorkers.js';
import { startersPack } from './starters.js';
import { startingOccasionsPack } from './startingOccasions.js';
import type { PackDefinition } from './types.js';
import { uascPack } from './uasc.js';

export const PACKS: readonly PackDefinition[] = [
  claPack,
  startersPack,
  startingOccasionsPack,
  shortBreaksPack,
  socialWorkersPack,
  durationPack,
  agePack,
  genderPack,
  ageGenderPack,
  ethnicityPack,
  uascPack,
  categoryOfNeedPack,
  startersCategoryOfNeedPack,
  legalStatusPack,
  startersLegalStatusPack,
  placementTypePack,
  placementProviderPack,
  placementStabilityPack,
  placementsStartedPack,
  reasonsCeasedPack,
  adoptionPack,
  careLeaversPack,
  healthPack,
  sdqPack,
  missingPack,
  missingRepeatPack,
  reviewParticipationPack,
  reviewTimelinessPack,
  reviewsPerMonthPack,
];

export type { PackDefinition } from './types.js';
