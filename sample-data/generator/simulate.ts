/**
 * Day-level simulation of one LA's children in care. Children arrive as Poisson streams (general
 * entries, unaccompanied asylum seekers, short-break arrangements) from 18 years before the first
 * return, so the returns contain periods of care that began long before them. Each child is
 * planned cheaply first and built in full only if they matter to some return; the work is
 * O(episodes).
 */
import * as C from './codes.js';
import { ageOn, birthday, dayOf, ymdOf, yearEndDay, yearStartDay, type Day } from './days.js';
import { hardCases } from './hardCases.js';
import { createLa, makeUpn, nextChildId, postcode, type LaContext } from './la.js';
import { finishChild, missingFor, missingPropensity, reviewsFor, swFor } from './lifeEvents.js';
import type { Child } from './model.js';
import { buildPeriod, planPeriod, shortBreakPeriods, type PeriodPlan } from './periods.js';
import { mixSeed } from './prng.js';

export interface SimOptions {
  seed: number;
  laIndex: number;
  idPrefix: string;
  /** Target number looked after at 31 March. */
  children: number;
  firstYear: number;
  lastYear: number;
  /** Add the deliberate hard cases (hardCases.ts). */
  hardCases: boolean;
}

/** Periods of care started per year, per child looked after at 31 March (calibrated: ~0.47 gives ~N at 31 March). */
const ENTRY_RATE = 0.42;
/** Unaccompanied asylum-seeking arrivals per year per CLA, before and after the 2021/22 National Transfer Scheme rise. */
const UASC_RATE = [0.03, 0.05] as const;
const UASC_RISE: Day = dayOf(2021, 7, 1);
/** New short-break arrangements per year per CLA. */
const SHORT_BREAK_RATE = 0.006;
/** Children coming back into care after going home. */
const REENTRY = 0.14;

type ArrivalKind = 0 | 1 | 2; // general, UASC, short breaks

export function simulateLa(opts: SimOptions): Child[] {
  const seed = mixSeed(opts.seed, opts.laIndex + 1);
  const expectedKept = opts.children * (2 + 0.6 * (opts.lastYear - opts.firstYear + 1));
  const la = createLa(seed, opts.laIndex, opts.idPrefix, opts.children, expectedKept);
  const rng = la.rng;
  const windowStart = yearStartDay(opts.firstYear);
  const simEnd = yearEndDay(opts.lastYear);
  const simStart = windowStart - 18 * 365 - 200;
  const mid = (windowStart + simEnd) / 2;
  const trend = (t: number) => Math.min(1.3, Math.max(0.7, 1 + (0.012 * (t - mid)) / 365));

  // Arrival streams, merged in time order.
  const arrivals: [Day, ArrivalKind][] = [];
  const stream = (kind: ArrivalKind, perYear: (t: number) => number) => {
    let t = simStart;
    for (;;) {
      t += rng.exp(365 / Math.max(1e-6, perYear(t)));
      if (t > simEnd) break;
      arrivals.push([Math.floor(t), kind]);
    }
  };
  stream(0, (t) => ENTRY_RATE * opts.children * trend(t));
  stream(1, (t) => (t < UASC_RISE ? UASC_RATE[0] : UASC_RATE[1]) * opts.children);
  stream(2, () => SHORT_BREAK_RATE * opts.children);
  arrivals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const children: Child[] = [];
  for (const [day, kind] of arrivals) {
    const child = kind === 2 ? shortBreakChild(la, day, windowStart, simEnd) : careChild(la, day, kind === 1, windowStart, simEnd);
    if (child) {
      child.index = children.length;
      children.push(child);
    }
  }
  if (opts.hardCases) for (const c of hardCases(la, opts.lastYear, simEnd)) children.push({ ...c, index: children.length });
  children.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return children;
}

function ageDaysAtEntry(la: LaContext, uasc: boolean): number {
  const rng = la.rng;
  if (uasc) {
    const years = rng.weighted([[14, 6], [15, 14], [16, 40], [17, 40]]);
    return years * 365 + rng.int(0, 364);
  }
  const band = rng.weighted([['newborn', 11], ['infant', 10], ['1-4', 9], ['5-9', 12], ['10-15', 36], ['16-17', 22]]);
  switch (band) {
    case 'newborn':
      return rng.int(0, 14);
    case 'infant':
      return rng.int(15, 364);
    case '1-4':
      return rng.int(365, 5 * 365);
    case '5-9':
      return rng.int(5 * 365 + 1, 10 * 365 + 2);
    case '10-15':
      return rng.int(10 * 365 + 3, 16 * 365 + 3);
    default:
      return rng.int(16 * 365 + 4, 17 * 365 + 330);
  }
}

function careChild(la: LaContext, day: Day, uasc: boolean, windowStart: Day, simEnd: Day): Child | null {
  const rng = la.rng;
  let dob = day - ageDaysAtEntry(la, uasc);
  if (uasc && rng.chance(0.35)) {
    const [y] = ymdOf(dob);
    dob = dayOf(y, 1, 1); // age-assessed: 1 January of the assessed year of birth
  }
  const age = ageOn(dob, day);
  const sex: 1 | 2 = rng.chance(uasc ? 0.92 : age >= 10 ? 0.57 : 0.52) ? 1 : 2;
  const ethnic = rng.weighted(uasc ? C.ETHNIC_UASC : C.ETHNIC_LOCAL);
  const b18 = birthday(dob, 18);

  const basics = { dob, uasc };
  const plans: PeriodPlan[] = [planPeriod(rng, basics, day)];
  for (;;) {
    const last = plans[plans.length - 1]!;
    if (!['E4A', 'E4B', 'E13', 'E41', 'E8'].includes(last.rec)) break;
    if (last.end > birthday(dob, 16) + 180 || !rng.chance(REENTRY)) break;
    const next = last.end + Math.max(14, Math.round(rng.logNormal(240, 0.9)));
    if (next >= b18 - 60 || next > simEnd) break;
    plans.push(planPeriod(rng, basics, next));
  }

  // Does this child matter to any return? (Care leavers matter until their 21st birthday.)
  const lastEnd = Math.min(plans[plans.length - 1]!.end, simEnd);
  const leaverUntil = plans[plans.length - 1]!.end > birthday(dob, 16) ? birthday(dob, 21) : -Infinity;
  if (Math.max(lastEnd, leaverUntil) < windowStart) return null;

  const child: Child = {
    id: nextChildId(la),
    index: 0,
    sex,
    dob,
    ethnic,
    upn: uasc && rng.chance(0.5) ? 'UN2' : makeUpn(la, ymdOf(birthday(dob, 5))[0]),
    periods: [],
    reviews: [],
    missing: [],
    sw: [],
    sdqBase: rng.normal(13.8, 5.5),
    spanStart: day,
    spanEnd: simEnd,
  };
  if (uasc) child.uasc = { duc: b18 };
  let homePost = uasc ? '' : postcode(la, rng.chance(0.93));
  const propensity = missingPropensity(rng);
  for (const plan of plans) {
    if (child.periods.length > 0 && !uasc && rng.chance(0.15)) homePost = postcode(la, rng.chance(0.93));
    const period = buildPeriod(la, child, plan, homePost, simEnd);
    child.periods.push(period);
    child.reviews.push(...reviewsFor(rng, dob, period, simEnd));
    child.missing.push(...missingFor(rng, dob, period, propensity, simEnd));
    const lastSw = child.sw[child.sw.length - 1];
    child.sw.push(...swFor(la, period, lastSw?.end != null ? lastSw.end + 1 : -Infinity, simEnd));
  }
  finishChild(rng, child, simEnd);
  return child;
}

function shortBreakChild(la: LaContext, day: Day, windowStart: Day, simEnd: Day): Child | null {
  const rng = la.rng;
  const dob = day - rng.int(5 * 365 + 1, 15 * 365);
  const to = Math.min(day + rng.int(365, 1800), birthday(dob, 18) - 1);
  if (to < windowStart) return null;
  const child: Child = {
    id: nextChildId(la),
    index: 0,
    sex: rng.chance(0.65) ? 1 : 2,
    dob,
    ethnic: rng.weighted(C.ETHNIC_LOCAL),
    upn: makeUpn(la, ymdOf(birthday(dob, 5))[0]),
    periods: [],
    reviews: [],
    missing: [],
    sw: [],
    sdqBase: 0,
    spanStart: day,
    spanEnd: to,
  };
  child.periods = shortBreakPeriods(la, day, to, postcode(la, true), simEnd);
  if (child.periods.length === 0) return null;
  const last = child.periods[child.periods.length - 1]!;
  child.spanEnd = last.end ?? simEnd;
  return child;
}
