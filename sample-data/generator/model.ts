/**
 * The simulated life of each child: everything a return needs, for all years at once. The
 * emitter (emit.ts) cuts one collection year out of it, so the same episode appears open in
 * one return and closed in the next, exactly as real returns overlap.
 */
import type { Day } from './days.js';

export interface Placement {
  place: string;
  provider: string; // '' when not reported (T0-T4, Z1)
  /** Internal carer identity: same carer => RNE T/U rather than P/B. */
  carer: number;
  postcode: string;
  urn: string;
}

export interface Episode {
  decom: Day;
  /** null: still open at the end of the simulation. */
  dec: Day | null;
  rne: string;
  ls: string;
  cin: string;
  placement: Placement;
  rec: string; // '' while open
  reasonPlaceChange: string;
  homePost: string;
}

export interface AdoptionInfo {
  /** ADM decision that the child should be placed for adoption (AD1 DATE_INT, placed_for_adoption DATE_PLACED). */
  decision: Day;
  /** Decision reversed: date and RD1-RD4. */
  ceased?: { day: Day; reason: string };
  match?: Day;
  nbAdoptr?: string;
  sexAdoptr?: string;
  lsAdoptr?: string;
}

export interface Period {
  start: Day;
  end: Day | null;
  /** REC of the ceasing episode ('' while open). */
  rec: string;
  shortBreak: boolean;
  episodes: Episode[];
  prevPerm: { code: string; la: string; date: string };
  adoption?: AdoptionInfo;
}

export interface Review {
  day: Day;
  code: string;
}

export interface MissingIncident {
  kind: 'M' | 'A';
  start: Day;
  end: Day | null;
}

export interface SwEpisode {
  id: string;
  start: Day;
  end: Day | null;
  reason: string;
}

export interface CareLeaverState {
  inTouch: string;
  /** Activity in generic form; 'F3'/'P3' are split into F4/F5/P4/P5 from 2022 by the emitter. */
  activ: string;
  accom: string;
}

export interface Child {
  id: string;
  /** Index within the LA, for per-child hash streams. */
  index: number;
  sex: 1 | 2;
  dob: Day;
  ethnic: string;
  upn: string;
  /** Set for unaccompanied asylum-seeking children: the day UASC status ceased (18th birthday). */
  uasc?: { duc: Day };
  /** Teenage mothers: birth of first child. */
  motherFrom?: Day;
  periods: Period[];
  reviews: Review[];
  missing: MissingIncident[];
  sw: SwEpisode[];
  /** OC3 states by age 17..21, when the child is a care leaver. */
  oc3?: Partial<Record<number, CareLeaverState>>;
  /** Latent SDQ level, so a child's score drifts rather than jumps year to year. */
  sdqBase: number;
  /** Forced extras for the deliberate hard cases. */
  quirks?: {
    /** Return years in which this child gets an oc2 row although outside the OC2 cohort. */
    oc2Outside?: number[];
    /** Lower-case ETHNIC in the header. */
    lowerEthnic?: boolean;
  };
  /** First and last day on which this child matters to any return (for fast skipping). */
  spanStart: Day;
  spanEnd: Day;
}
