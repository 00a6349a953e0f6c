/**
 * Cut one collection year out of a child's simulated life: exactly the rows that year's return
 * holds. Episodes open at any time in the year (still-open ones with blank DEC/REC), reviews and
 * incidents in the year, OC2 for the 12-month cohort, OC3 on 17th-21st birthdays, and so on.
 * Codes that changed over the years follow the return year (SEX M/F from 2025, OC3 F4/F5/P4/P5
 * from 2022, Z11-Z14 from 2026, sw_episodes from 2024).
 */
import { ageOn, birthday, dayOf, yearEndDay, yearStartDay, type Day } from './days.js';
import type { Child, Episode, Period } from './model.js';
import { mixSeed, Rng } from './prng.js';
import type { FileKindId } from '../../shared/domain/fileKinds.js';

/** A cell: text, a Day number in date columns, an integer in int columns, or blank. */
export type Cell = string | number | null;
export type RowSink = (kind: FileKindId, row: Cell[]) => void;

export const SW_EPISODES_FROM = 2024;

export function kindsForYear(year: number): FileKindId[] {
  const all: FileKindId[] = [
    'header', 'episodes', 'reviews', 'uasc', 'oc2', 'oc3', 'ad1', 'placed_for_adoption', 'previous_permanence', 'missing',
  ];
  if (year >= SW_EPISODES_FROM) all.push('sw_episodes');
  return all;
}

export interface ChildYearFlags {
  inReturn: boolean;
  /** Non-short-break episode open at 31 March. */
  cla31: boolean;
  started: boolean;
  ceased: boolean;
}

const SW_REASON_REQUIRED_FROM: Day = dayOf(2023, 4, 1);
const NONE: ChildYearFlags = { inReturn: false, cla31: false, started: false, ceased: false };

function sexCode(sex: 1 | 2, year: number): string {
  if (year >= 2025) return sex === 1 ? 'M' : 'F';
  return String(sex);
}

function placeCode(place: string, year: number, child: Child, e: Episode): string {
  if (place === 'Z1' && year >= 2026) return `Z1${1 + (mixSeed(child.index, e.decom) % 4)}`;
  return place;
}

export function emitChildYear(child: Child, year: number, laSeed: number, out: RowSink): ChildYearFlags {
  const S = yearStartDay(year);
  const E = yearEndDay(year);
  if (child.spanStart > E || child.spanEnd < S) return NONE;
  const id = child.id;
  const dob = child.dob;

  // Episodes open at any time in the year.
  const eps: [Period, Episode][] = [];
  for (const p of child.periods) {
    if (p.start > E || (p.end !== null && p.end < S)) continue;
    for (const e of p.episodes) if (e.decom <= E && (e.dec === null || e.dec >= S)) eps.push([p, e]);
  }
  const inReturn = eps.length > 0;
  const careEps = eps.filter(([p]) => !p.shortBreak);
  const shortBreakOnly = inReturn && careEps.length === 0;
  const openAtEnd = careEps.find(([, e]) => e.dec === null || e.dec > E);
  const flags: ChildYearFlags = {
    inReturn,
    cla31: openAtEnd !== undefined,
    started: careEps.some(([, e]) => e.rne === 'S' && e.decom >= S),
    ceased: careEps.some(([, e]) => e.dec !== null && e.dec <= E && e.rec !== 'X1'),
  };
  let hash: Rng | undefined;
  const rng = () => (hash ??= new Rng(mixSeed(laSeed, child.index, year)));

  const uascRow = child.uasc !== undefined && inReturn && !shortBreakOnly && child.uasc.duc >= S;
  if (inReturn) {
    const age = ageOn(dob, E);
    let mother = '';
    let mcDob: Day | null = null;
    if (child.sex === 2 && !shortBreakOnly && age >= 11) {
      const isMother = child.motherFrom !== undefined && child.motherFrom <= E;
      mother = isMother ? '1' : '0';
      if (isMother) mcDob = child.motherFrom!;
    }
    out('header', [
      id,
      sexCode(child.sex, year),
      dob,
      child.quirks?.lowerEthnic ? child.ethnic.toLowerCase() : child.ethnic,
      age < 5 && child.upn !== 'UN2' ? 'UN1' : child.upn,
      mother,
      mcDob,
      uascRow ? '1' : '0',
    ]);
    for (const [, e] of eps) {
      const closed = e.dec !== null && e.dec <= E;
      const place = placeCode(e.placement.place, year, child, e);
      out('episodes', [
        id,
        e.decom,
        e.rne,
        e.ls,
        e.cin,
        place,
        e.placement.provider,
        closed ? e.dec : null,
        closed ? e.rec : '',
        closed ? e.reasonPlaceChange : '',
        e.homePost,
        e.placement.postcode,
        e.placement.urn,
      ]);
    }
  }

  for (const r of child.reviews) if (r.day >= S && r.day <= E) out('reviews', [id, dob, r.day, r.code]);

  if (uascRow) out('uasc', [id, sexCode(child.sex, year), dob, child.uasc!.duc <= E ? child.uasc!.duc : null]);

  // OC2: looked after at 31 March, in the current period since 1 April, no short breaks in the year.
  if (inReturn) {
    const inCohort =
      openAtEnd !== undefined && openAtEnd[0].start <= S && careEps.length === eps.length && rng().next() >= 0.01;
    if (inCohort || child.quirks?.oc2Outside?.includes(year)) out('oc2', oc2Row(child, year, rng()));
  }

  if (child.oc3) {
    for (let a = 17; a <= 21; a++) {
      const b = birthday(dob, a);
      const st = child.oc3[a];
      if (b < S || b > E || !st) continue;
      let activ = st.activ;
      if (year >= 2022 && (activ === 'F3' || activ === 'P3')) activ = activ[0] + (rng().chance(0.25) ? '4' : '5');
      out('oc3', [id, dob, st.inTouch, activ, st.accom]);
    }
  }

  for (const p of child.periods) {
    if (p.shortBreak) continue;
    const overlaps = p.start <= E && (p.end === null || p.end >= S);
    if (p.end !== null && p.end >= S && p.end <= E && (p.rec === 'E11' || p.rec === 'E12') && p.adoption) {
      const a = p.adoption;
      const last = p.episodes[p.episodes.length - 1]!.placement.place;
      out('ad1', [
        id, dob, a.decision, a.match ?? null, last === 'A3' || last === 'A5' ? '1' : '0', a.nbAdoptr ?? '', a.sexAdoptr ?? '', a.lsAdoptr ?? '',
      ]);
    }
    if (overlaps && p.adoption && p.adoption.decision <= E && !(p.adoption.ceased && p.adoption.ceased.day < S)) {
      const c = p.adoption.ceased && p.adoption.ceased.day <= E ? p.adoption.ceased : undefined;
      out('placed_for_adoption', [id, dob, p.adoption.decision, c ? c.day : null, c ? c.reason : '']);
    }
  }

  const firstStart = child.periods.find((p) => !p.shortBreak && p.start >= S && p.start <= E);
  if (firstStart) out('previous_permanence', [id, dob, firstStart.prevPerm.code, firstStart.prevPerm.la, firstStart.prevPerm.date]);

  for (const m of child.missing) {
    if (m.start > E || (m.end !== null && m.end < S)) continue;
    out('missing', [id, dob, m.kind, m.start, m.end !== null && m.end <= E ? m.end : null]);
  }

  if (year >= SW_EPISODES_FROM && careEps.length > 0) {
    for (const w of child.sw) {
      if (w.start > E || (w.end !== null && w.end < S)) continue;
      const reason = w.start < SW_REASON_REQUIRED_FROM && rng().chance(0.5) ? '' : w.reason;
      out('sw_episodes', [id, dob, w.id, w.start, w.end !== null && w.end <= E ? w.end : null, reason]);
    }
  }
  return flags;
}

function oc2Row(child: Child, year: number, rng: Rng): Cell[] {
  const age = ageOn(child.dob, yearEndDay(year));
  let score: number | null = null;
  let reason = '';
  if (age >= 4 && age <= 16) {
    if (rng.chance(0.12)) reason = rng.weighted([['SDQ4', 40], ['SDQ5', 25], ['SDQ2', 15], ['SDQ3', 20]]);
    else score = Math.max(0, Math.min(40, Math.round(child.sdqBase + rng.normal(0, 3))));
  } else if (rng.chance(0.6)) reason = 'SDQ1';
  const flag = (p: number) => (rng.chance(p) ? '1' : '0');
  const substance = age >= 10 ? flag(age >= 14 ? 0.07 : 0.02) : '0';
  const received = substance === '1' ? flag(0.6) : '';
  const offered = substance === '1' && received === '0' ? flag(0.5) : '';
  return [
    child.id,
    child.dob,
    score,
    reason,
    age >= 10 ? flag(0.03) : '',
    age < 5 ? flag(0.88) : '',
    flag(0.85),
    flag(0.85),
    flag(0.9),
    substance,
    received,
    offered,
  ];
}
