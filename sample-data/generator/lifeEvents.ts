/**
 * Events hung on periods of care: statutory reviews, missing/away incidents, social worker
 * episodes, care-leaver (OC3) states and teenage motherhood.
 */
import * as C from './codes.js';
import { addMonths, addWorkingDays, ageOn, birthday, type Day } from './days.js';
import type { LaContext } from './la.js';
import type { CareLeaverState, Child, MissingIncident, Period, Review, SwEpisode } from './model.js';
import type { Rng } from './prng.js';

export function reviewCode(rng: Rng, age: number): string {
  if (age < 4) return 'PN0';
  if (rng.chance(0.004)) return ''; // the odd review recorded without a participation code
  return rng.weighted(age < 11 ? C.REVIEW_CODE_CHILD : C.REVIEW_CODE_TEEN);
}

/**
 * First review within 20 working days of the start of care, the second within 3 months of the
 * first, then every 6 months; a few are late.
 */
export function reviewsFor(rng: Rng, dob: Day, period: Period, simEnd: Day): Review[] {
  const stop = Math.min(period.end ?? Infinity, simEnd + 1);
  const out: Review[] = [];
  let d = addWorkingDays(period.start, rng.chance(0.05) ? rng.int(24, 40) : rng.int(7, 19));
  let n = 0;
  while (d < stop) {
    out.push({ day: d, code: reviewCode(rng, ageOn(dob, d)) });
    n++;
    const due = addMonths(d, n === 1 ? 3 : 6);
    const late = rng.chance(n === 1 ? 0.05 : 0.06);
    const next = late ? due + rng.int(3, 45) : due - rng.int(0, n === 1 ? 35 : 60);
    d = Math.max(next, d + 14);
  }
  return out;
}

export type MissingPropensity = 'none' | 'occasional' | 'frequent';

export function missingPropensity(rng: Rng): MissingPropensity {
  return rng.weighted([['none', 81], ['occasional', 9], ['frequent', 10]]);
}

/** Incidents while looked after from age 11; they never overlap and may be open at the end. */
export function missingFor(rng: Rng, dob: Day, period: Period, propensity: MissingPropensity, simEnd: Day): MissingIncident[] {
  if (propensity === 'none') return [];
  const from = Math.max(period.start, birthday(dob, 11));
  const to = Math.min(period.end ?? simEnd, simEnd);
  if (from >= to) return [];
  const perYear = propensity === 'frequent' ? rng.logNormal(8, 0.8) : 1.2;
  const gap = 365 / perYear;
  const out: MissingIncident[] = [];
  let t = from + Math.round(rng.exp(gap));
  while (t < to) {
    const r = rng.next();
    const dur = r < 0.55 ? 0 : r < 0.85 ? rng.int(1, 3) : rng.int(4, 15);
    let end: Day | null = t + dur;
    if (period.end !== null && end > period.end) end = period.end;
    if (end > simEnd) end = null;
    out.push({ kind: rng.chance(0.28) ? 'A' : 'M', start: t, end });
    if (end === null) break;
    t = end + 1 + Math.round(rng.exp(gap));
  }
  return out;
}

/** Social worker episodes covering a period of care (often starting before it). */
export function swFor(la: LaContext, period: Period, notBefore: Day, simEnd: Day): SwEpisode[] {
  const rng = la.rng;
  const out: SwEpisode[] = [];
  let s = Math.max(notBefore, period.start - (rng.chance(0.6) ? rng.int(0, 120) : 0));
  let id = rng.pick(la.socialWorkers);
  let reason = rng.weighted(C.SW_REASON_FIRST);
  const end = period.end;
  for (;;) {
    const next = s + 30 + Math.round(rng.exp(300));
    if ((end !== null && next >= end) || next > simEnd) {
      out.push({ id, start: s, end, reason });
      return out;
    }
    out.push({ id, start: s, end: next, reason });
    s = next;
    let nid = rng.pick(la.socialWorkers);
    if (nid === id) nid = rng.pick(la.socialWorkers);
    id = nid;
    reason = rng.weighted(C.SW_REASON_CHANGE);
  }
}

function lookedAfterOn(periods: readonly Period[], day: Day): boolean {
  return periods.some((p) => !p.shortBreak && p.start <= day && (p.end === null || p.end > day));
}

/**
 * Care leavers: looked after 13 weeks or more since their 14th birthday, including time after 16.
 * States for the 17th-21st birthdays on which they are no longer looked after.
 */
export function careLeaverStates(rng: Rng, child: Child, simEnd: Day): Child['oc3'] {
  const periods = child.periods.filter((p) => !p.shortBreak);
  const last = periods[periods.length - 1];
  if (!last || last.end === null) return undefined;
  const b14 = birthday(child.dob, 14);
  const b16 = birthday(child.dob, 16);
  let after14 = 0;
  for (const p of periods) after14 += Math.max(0, (p.end ?? simEnd) - Math.max(p.start, b14));
  if (after14 < 91 || last.end <= b16) return undefined;
  const stayingPut = last.rec === 'E17';
  const out: Record<number, CareLeaverState> = {};
  let died = false;
  for (let age = 17; age <= 21; age++) {
    const b = birthday(child.dob, age);
    if (b > simEnd) break;
    if (lookedAfterOn(child.periods, b)) continue;
    const inTouch = died ? 'DIED' : rng.weighted(C.OC3_IN_TOUCH);
    if (inTouch === 'DIED') died = true;
    if (inTouch !== 'YES') {
      out[age] = { inTouch, activ: '0', accom: '0' };
      continue;
    }
    const activ = rng.weighted(age === 17 ? C.OC3_ACTIV_17 : C.OC3_ACTIV_ADULT);
    let letter = rng.weighted(age === 17 ? C.OC3_ACCOM_17 : C.OC3_ACCOM_ADULT);
    if (age >= 18 && age <= 20 && stayingPut && rng.chance(0.7)) letter = 'Z';
    if (letter === 'Z' && age === 17) letter = 'D';
    const digit = 'SXVW'.includes(letter) ? '2' : letter === 'Z' || rng.chance(0.93) ? '1' : '2';
    out[age] = { inTouch, activ, accom: letter + digit };
  }
  return out;
}

/** A few girls in care become mothers from 14; returns the first child's birth date. */
export function motherhood(rng: Rng, child: Child, simEnd: Day): Day | undefined {
  if (child.sex !== 2 || !rng.chance(0.04)) return undefined;
  const b14 = birthday(child.dob, 14);
  const spans = child.periods
    .filter((p) => !p.shortBreak)
    .map((p) => [Math.max(p.start, b14), Math.min(p.end ?? simEnd, simEnd)] as const)
    .filter(([a, b]) => b > a);
  if (spans.length === 0) return undefined;
  const [a, b] = spans[spans.length - 1]!;
  return rng.int(a, b);
}

/** OC3 states, motherhood and the span of days the child matters to returns. */
export function finishChild(rng: Rng, child: Child, simEnd: Day): void {
  child.oc3 = careLeaverStates(rng, child, simEnd);
  const mother = motherhood(rng, child, simEnd);
  if (mother !== undefined) child.motherFrom = mother;
  const last = child.periods[child.periods.length - 1]!;
  child.spanStart = Math.min(child.periods[0]!.start, child.sw[0]?.start ?? Infinity);
  child.spanEnd = Math.max(last.end ?? simEnd, child.oc3 ? birthday(child.dob, 21) : -Infinity);
}
