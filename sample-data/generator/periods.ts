/**
 * Periods of care: first a cheap plan (pathway, end, legal-status timeline, milestones), then the
 * episode chain: placements are walked day by day through moves, milestones, temporary placements
 * and the 2023/24 H5 -> K3 change, merged with the legal-status timeline; every change of legal
 * status or placement ends the episode with X1 and opens the next one on the same day.
 */
import * as C from './codes.js';
import { ageOn, birthday, dayOf, ukOf, type Day } from './days.js';
import { E45_FROM, K3_FROM, newPlacement, samePlacementAs, type LaContext } from './la.js';
import type { AdoptionInfo, Child, Episode, Period, Placement } from './model.js';
import type { Rng } from './prng.js';

export type Pathway = 'adopt' | 'sgo' | 'homeCourt' | 'homeShort' | 'longTerm' | 'toAdult' | 'youthJustice' | 'uasc';

export interface PeriodPlan {
  start: Day;
  /** Planned end; may lie after the end of the simulation (then the period is still open). */
  end: Day;
  rec: string;
  pathway: Pathway;
  /** Legal status from each day on. */
  ls: [Day, string][];
  cin: string;
  adoption?: AdoptionInfo & { po?: Day; placed?: Day; route?: 'A4' | 'A5' | 'A6' };
  p1From?: Day;
  semiFrom?: Day;
  longTermFrom?: Day;
  /** Unplanned-looking moves to new carers on these days (e.g. on the interim care order). */
  moves?: Day[];
  /** SGO to former foster carers: move the child to (kin / unrelated) foster carers first. */
  finalCarer?: { from: Day; kind: 'kin' | 'foster' };
}

/** What the skeleton needs to know about the child. */
export interface ChildBasics {
  dob: Day;
  uasc: boolean;
}

const PATHWAYS_BY_AGE: Record<string, C.Table> = {
  baby: [['adopt', 46], ['sgo', 15], ['homeCourt', 10], ['homeShort', 13], ['longTerm', 16]],
  young: [['adopt', 26], ['sgo', 18], ['homeCourt', 11], ['homeShort', 22], ['longTerm', 23]],
  child: [['adopt', 2], ['sgo', 15], ['homeCourt', 11], ['homeShort', 25], ['longTerm', 47]],
  teen: [['sgo', 3], ['homeCourt', 4], ['homeShort', 40], ['toAdult', 46], ['youthJustice', 7]],
  older: [['homeShort', 42], ['toAdult', 49], ['youthJustice', 9]],
};

function ageBand(age: number): string {
  if (age < 1) return 'baby';
  if (age < 5) return 'young';
  if (age < 10) return 'child';
  if (age < 16) return 'teen';
  return 'older';
}

/** The start of care proceedings: police protection / EPO / s20 first, then an interim care order. */
function courtStart(rng: Rng, start: Day): { ls: [Day, string][]; c1From: Day; moves: Day[] } {
  const r = rng.next();
  const ls: [Day, string][] = [];
  let c1From = start;
  if (r < 0.05) {
    ls.push([start, 'L1']);
    c1From = start + rng.int(1, 3);
  } else if (r < 0.12) {
    ls.push([start, 'L2']);
    c1From = start + rng.int(2, 21);
  } else if (r < 0.32) {
    ls.push([start, 'V2']);
    c1From = start + rng.int(14, 180);
  }
  ls.push([c1From, 'C1']);
  // Often the interim care order comes with a move to new carers (RNE B).
  return { ls, c1From, moves: c1From > start && rng.chance(0.35) ? [c1From] : [] };
}

function sgoCode(rng: Rng, table: C.Table, end: Day): string {
  return C.sgoCodeForDate(rng.weighted(table), end < E45_FROM);
}

export function planPeriod(rng: Rng, child: ChildBasics, start: Day, forced?: Pathway): PeriodPlan {
  const age = ageOn(child.dob, start);
  const b18 = birthday(child.dob, 18);
  const pathway: Pathway = forced ?? (child.uasc ? 'uasc' : (rng.weighted(PATHWAYS_BY_AGE[ageBand(age)]!) as Pathway));
  const plan: PeriodPlan = { start, end: start + 1, rec: 'E4A', pathway, ls: [], cin: rng.weighted(C.CIN_GENERAL) };

  switch (pathway) {
    case 'adopt': {
      if (rng.chance(0.06)) {
        // Relinquished baby: accommodated under s20 and placed with consent (A4).
        plan.ls = [[start, 'V2']];
        const decision = start + rng.int(20, 70);
        const match = decision + rng.int(20, 120);
        const placed = match + rng.int(7, 40);
        plan.adoption = { decision, match, placed, route: 'A4' };
        plan.end = placed + rng.int(110, 300);
        plan.rec = 'E11';
        break;
      }
      const { ls, c1From, moves } = courtStart(rng, start);
      plan.ls = ls;
      plan.moves = moves;
      const po = c1From + rng.int(130, 320);
      const decision = Math.max(start + 20, po - rng.int(20, 120));
      if (rng.chance(0.12)) {
        // The plan for adoption is reversed: placed_for_adoption gets a ceased date and reason.
        const reason = rng.weighted([['RD1', 15], ['RD2', 15], ['RD3', 45], ['RD4', 25]]);
        const ceased = decision + rng.int(90, 450);
        plan.adoption = { decision, ceased: { day: ceased, reason } };
        if (reason === 'RD2') plan.ls.push([po, 'C2']);
        else {
          plan.ls.push([po, 'E1']);
          plan.ls.push([Math.max(po + 30, ceased + rng.int(30, 200)), 'C2']);
        }
        plan.longTermFrom = ceased + rng.int(30, 300);
        if (rng.chance(0.5)) {
          plan.end = ceased + rng.int(240, 700);
          plan.rec = sgoCode(rng, C.SGO_CODES_ALL, plan.end);
        } else {
          plan.end = ceased + Math.round(rng.exp(2500)) + 200;
          const rec = rng.weighted(C.REC_LONG_TERM_EXIT);
          plan.rec = rec === 'SGO_FOSTER' ? sgoCode(rng, C.SGO_CODES_FOSTER, plan.end) : rec;
        }
        break;
      }
      plan.ls.push([po, 'E1']);
      const match = po + rng.int(60, 300);
      const placed = match + rng.int(7, 60);
      plan.adoption = { decision, po, match, placed, route: rng.chance(0.3) ? 'A5' : 'A6' };
      plan.end = placed + rng.int(110, 330);
      plan.rec = rng.chance(0.72) ? 'E11' : 'E12';
      break;
    }
    case 'sgo': {
      const { ls, c1From, moves } = courtStart(rng, start);
      plan.ls = ls;
      plan.moves = moves;
      if (rng.chance(0.6)) plan.end = c1From + rng.int(120, 300);
      else {
        const c2 = c1From + rng.int(120, 300);
        plan.ls.push([c2, 'C2']);
        plan.end = c2 + rng.int(200, 1400);
      }
      plan.rec = sgoCode(rng, C.SGO_CODES_ALL, plan.end);
      break;
    }
    case 'homeCourt': {
      const { ls, c1From, moves } = courtStart(rng, start);
      plan.ls = ls;
      plan.moves = moves;
      const final = c1From + rng.int(120, 300);
      if (rng.chance(0.4)) {
        plan.end = final; // supervision order at the final hearing
        plan.rec = 'E4A';
      } else {
        plan.ls.push([final, 'C2']);
        plan.p1From = final + rng.int(1, 120);
        plan.end = plan.p1From + rng.int(150, 700);
        plan.rec = rng.weighted([['E4A', 80], ['E41', 10], ['E13', 10]]);
      }
      break;
    }
    case 'homeShort': {
      const r = rng.next();
      if (r < 0.75) plan.ls = [[start, 'V2']];
      else if (r < 0.82) plan.ls = [[start, 'L1'], [start + rng.int(1, 3), 'V2']];
      else if (r < 0.9) plan.ls = [[start, 'L2'], [start + rng.int(2, 21), 'C1']];
      else plan.ls = [[start, 'C1']];
      plan.end = start + Math.max(1, Math.min(800, Math.round(rng.logNormal(50, 1.3))));
      plan.rec = age >= 16 && rng.chance(0.3) ? rng.weighted([['E5', 60], ['E6', 40]]) : rng.weighted(C.REC_HOME_SHORT);
      if (age >= 10) plan.cin = rng.weighted(C.CIN_TEEN_SHORT);
      break;
    }
    case 'longTerm': {
      plan.longTermFrom = start + rng.int(200, 900);
      if (age >= 8 && rng.chance(0.15)) plan.ls = [[start, 'V2']];
      else {
        const { ls, c1From, moves } = courtStart(rng, start);
        plan.ls = ls;
        plan.moves = moves;
        const c2 = c1From + rng.int(120, 300);
        plan.ls.push([c2, 'C2']);
        // Long-term match confirmed at the final hearing: legal status and placement type change together (RNE U).
        if (rng.chance(0.25)) plan.longTermFrom = c2;
      }
      if (age >= 5 && rng.chance(0.5)) {
        plan.end = b18;
      } else {
        plan.end = start + 400 + Math.round(rng.exp(1600));
        const rec = rng.weighted(C.REC_LONG_TERM_EXIT);
        plan.rec = rec === 'SGO_FOSTER' ? sgoCode(rng, C.SGO_CODES_FOSTER, plan.end) : rec;
      }
      break;
    }
    case 'toAdult': {
      if (rng.chance(0.15)) plan.ls = [[start, 'V2']];
      else {
        const { ls, c1From, moves } = courtStart(rng, start);
        plan.ls = ls;
        plan.moves = moves;
        plan.ls.push([c1From + rng.int(120, 300), 'C2']);
      }
      const b16h = birthday(child.dob, 16) + 180;
      if (rng.chance(0.3) && b18 - Math.max(start + 30, b16h) > 30) {
        plan.end = rng.int(Math.max(start + 30, b16h), b18 - 1);
        plan.rec = rng.weighted(C.REC_BEFORE_18);
      } else plan.end = b18;
      if (rng.chance(0.4)) {
        const semi = Math.max(start + 30, birthday(child.dob, 16) + rng.int(90, 500));
        if (semi < plan.end - 30) plan.semiFrom = semi;
      }
      break;
    }
    case 'youthJustice': {
      if (rng.chance(0.06)) plan.ls = [[start, 'J3']];
      else if (rng.chance(0.3)) plan.ls = [[start, 'J2'], [start + 1, 'J1']];
      else plan.ls = [[start, 'J1']];
      plan.end = start + Math.max(3, Math.min(240, Math.round(rng.logNormal(35, 0.9))));
      plan.rec = plan.ls[0]![1] === 'J3' ? rng.weighted([['E13', 60], ['E8', 40]]) : rng.weighted(C.REC_YOUTH_JUSTICE);
      plan.cin = rng.weighted(C.CIN_YOUTH_JUSTICE);
      break;
    }
    case 'uasc': {
      plan.ls = [[start, 'V2']];
      plan.cin = rng.weighted(C.CIN_UASC);
      const r = rng.next();
      if (r < 0.1) {
        plan.end = start + rng.int(5, 70);
        plan.rec = 'E3'; // National Transfer Scheme
      } else if (r < 0.13) {
        plan.end = start + rng.int(20, 150);
        plan.rec = 'E15';
      } else if (r < 0.15) {
        plan.end = start + rng.int(30, 400);
        plan.rec = 'E16';
      } else {
        plan.end = b18;
        if (age < 16 || rng.chance(0.4)) {
          const semi = Math.max(start + 30, birthday(child.dob, 16) + rng.int(60, 400));
          if (semi < plan.end - 30) plan.semiFrom = semi;
        }
      }
      break;
    }
  }

  if (plan.end >= b18) {
    plan.end = b18;
    plan.rec = rng.weighted(child.uasc ? C.REC_UASC_18 : C.REC_AT_18);
  }
  if (plan.end <= start) plan.end = start + 1;
  if (plan.rec === 'E45' || plan.rec === 'E46' || plan.rec === 'E43') {
    const from = Math.max(start + 1, plan.end - rng.int(60, 500));
    plan.finalCarer = { from, kind: plan.rec === 'E46' || (plan.rec === 'E43' && rng.chance(0.3)) ? 'foster' : 'kin' };
  }
  plan.ls = plan.ls.filter(([d], i) => i === 0 || (d > start && d < plan.end));
  return plan;
}

// ----------------------------------------------------------------------------------------------
// Placements

function semi(day: Day): string {
  return day >= K3_FROM ? 'K3' : 'H5';
}

function initialPlace(rng: Rng, plan: PeriodPlan, age: number, day: Day): string {
  if (plan.pathway === 'uasc') {
    if (age >= 16) return rng.weighted([[semi(day), 50], ['U6', 42], ['K2', 8]]);
    return rng.weighted([['U6', 85], ['K2', 15]]);
  }
  if (plan.pathway === 'youthJustice') return rng.weighted([['U6', 35], ['K2', 30], ['K1', 20], [age >= 15 ? 'R5' : 'K2', 15]]);
  if (plan.adoption?.route === 'A4') return rng.chance(0.5) ? 'U5' : 'U6';
  if (age < 1) return rng.weighted([['U6', 55], ['U3', 15], ['U5', 12], ['R3', 10], ['U2', 3], ['P1', 5]]);
  if (age < 5) return rng.weighted([['U6', 65], ['U3', 22], ['U5', 3], ['P1', 4], ['K2', 1], ['U2', 2], ['R2', 1], ['Z1', 2]]);
  if (age < 10) return rng.weighted([['U6', 62], ['U3', 20], ['K2', 8], ['P1', 4], ['Z1', 3], ['R1', 1], ['S1', 2]]);
  if (age < 16)
    return rng.weighted([['U6', 50], ['U3', 12], ['K2', 24], ['S1', 3], ['R1', 2], ['K1', 2], ['Z1', 4], ['P1', 2], ['R2', 1]]);
  return rng.weighted([
    ['U6', 32], ['U3', 8], ['K2', 18], [semi(day), 33], [day < K3_FROM ? 'P2' : 'K3', 1], ['Z1', 4], ['P1', 2], ['R2', 1], ['P3', 1],
  ]);
}

function movePlace(rng: Rng, age: number, day: Day): string {
  if (age < 10)
    return rng.weighted([['U6', 70], ['U3', 15], [age >= 5 ? 'U4' : 'U6', 8], [age >= 7 ? 'K2' : 'U6', 4], ['Z1', 1], ['R2', 1]]);
  if (age < 16)
    return rng.weighted([['U6', 48], ['U4', 10], ['U3', 10], ['K2', 25], ['S1', 2], ['R1', 2], ['Z1', 2], ['K1', 1]]);
  return rng.weighted([
    ['U6', 28], ['U4', 6], ['U3', 5], ['K2', 16], [semi(day), 40], ['Z1', 3], ['R2', 1], [day < K3_FROM ? 'P2' : 'K3', 1],
  ]);
}

/** Mean days until the next unplanned move. */
function meanStay(place: string, age: number): number {
  if (C.FOSTER.has(place)) return age < 10 ? 1100 : age < 16 ? 700 : 650;
  switch (place) {
    case 'K2':
      return 450;
    case 'H5':
    case 'K3':
    case 'P2':
      return 480;
    case 'K1':
    case 'R5':
      return 110;
    case 'R2':
    case 'Z1':
      return 45;
    case 'R3':
      return 84;
    case 'R1':
    case 'S1':
    case 'P3':
      return 450;
    case 'P1':
      return 700;
    default:
      return 600;
  }
}

interface Milestone {
  day: Day;
  apply: (cur: Placement) => Placement | null;
  freeze?: boolean;
}

function placementChain(la: LaContext, child: Child, plan: PeriodPlan, homePost: string): [Day, Placement][] {
  const rng = la.rng;
  const { start, end } = plan;
  const ageAt = (d: Day) => ageOn(child.dob, d);
  let cur = newPlacement(la, initialPlace(rng, plan, ageAt(start), start), homePost);
  const segs: [Day, Placement][] = [[start, cur]];

  const ms: Milestone[] = [];
  if (plan.longTermFrom !== undefined)
    ms.push({
      day: plan.longTermFrom,
      apply: (p) => (p.place === 'U6' ? samePlacementAs(la, p, 'U4') : p.place === 'U3' ? samePlacementAs(la, p, 'U1') : null),
    });
  const ad = plan.adoption;
  if (ad?.placed !== undefined && ad.route) {
    const route = ad.route;
    ms.push({
      day: ad.placed,
      freeze: true,
      apply: (p) =>
        route === 'A5' && C.FOSTER.has(p.place)
          ? samePlacementAs(la, p, 'A5')
          : newPlacement(la, route === 'A5' ? 'A6' : route, homePost),
    });
  }
  for (const day of plan.moves ?? []) ms.push({ day, apply: () => newPlacement(la, movePlace(rng, ageAt(day), day), homePost) });
  if (plan.p1From !== undefined) ms.push({ day: plan.p1From, freeze: true, apply: () => newPlacement(la, 'P1', homePost) });
  if (plan.semiFrom !== undefined) {
    const day = plan.semiFrom;
    ms.push({ day, apply: (p) => (p.place === 'H5' || p.place === 'K3' ? null : newPlacement(la, semi(day), homePost)) });
  }
  if (plan.finalCarer) {
    const kind = plan.finalCarer.kind;
    ms.push({
      day: plan.finalCarer.from,
      freeze: true,
      apply: (p) => {
        if (kind === 'kin') return C.KINSHIP.has(p.place) ? null : newPlacement(la, rng.chance(0.6) ? 'U3' : 'U1', homePost);
        return p.place === 'U4' || p.place === 'U6' ? null : newPlacement(la, 'U6', homePost);
      },
    });
  }
  ms.sort((a, b) => a.day - b.day);

  let frozen = false;
  let nextMove = start + Math.max(1, Math.round(rng.exp(meanStay(cur.place, ageAt(start)))));
  let i = 0;
  for (;;) {
    const m = ms[i];
    const nextMs = m ? m.day : Infinity;
    if (!frozen && nextMove < nextMs) {
      if (nextMove >= end - 1) {
        nextMove = Infinity;
        continue;
      }
      const d = nextMove;
      cur = newPlacement(la, movePlace(rng, ageAt(d), d), homePost);
      segs.push([d, cur]);
      nextMove = d + Math.max(1, Math.round(rng.exp(meanStay(cur.place, ageAt(d)))));
      continue;
    }
    if (!m) break;
    i++;
    const last = segs[segs.length - 1]![0];
    if (m.day <= last || m.day >= end) continue;
    const next = m.apply(cur);
    if (m.freeze) frozen = true;
    if (next) {
      cur = next;
      segs.push([m.day, cur]);
    }
    nextMove = frozen ? Infinity : m.day + Math.max(1, Math.round(rng.exp(meanStay(cur.place, ageAt(m.day)))));
  }
  return segs;
}

const TEMPORARY_KINDS: C.Table = [['T3', 40], ['T4', 25], ['T1', 15], ['T2', 10], ['T0', 10]];

/** Short temporary placements inside a stable one, returning to the same placement (RNE P). */
function insertTemporary(la: LaContext, segs: [Day, Placement][], end: Day, busy: Set<Day>): [Day, Placement][] {
  const rng = la.rng;
  const out: [Day, Placement][] = [];
  for (let i = 0; i < segs.length; i++) {
    const [from, pl] = segs[i]!;
    out.push([from, pl]);
    const to = i + 1 < segs.length ? segs[i + 1]![0] : end;
    const len = to - from;
    const eligible = C.FOSTER.has(pl.place) || pl.place === 'K2' || pl.place === 'H5' || pl.place === 'K3';
    if (!eligible || len < 60 || !rng.chance(Math.min(0.9, (len / 365) * 0.12))) continue;
    let kind = rng.weighted(TEMPORARY_KINDS);
    if (kind === 'T3' && !C.FOSTER.has(pl.place)) kind = 'T4';
    const tlen = kind === 'T1' ? rng.int(2, 20) : kind === 'T3' || kind === 'T2' ? rng.int(3, 14) : rng.int(1, 7);
    const t = from + rng.int(10, Math.max(10, len - tlen - 10));
    if (t + tlen >= to - 5) continue;
    let clash = false;
    for (let d = t - 2; d <= t + tlen + 2; d++) if (busy.has(d)) clash = true;
    if (clash) continue;
    out.push([t, newPlacement(la, kind, '')]);
    out.push([t + tlen, pl]);
  }
  return out;
}

/** H5 (and P2) placements still open after 28 October 2023 become registered supported accommodation (K3), same carer. */
function convertToK3(la: LaContext, segs: [Day, Placement][], end: Day, busy: Set<Day>): [Day, Placement][] {
  const out: [Day, Placement][] = [];
  const limit = dayOf(2024, 3, 30);
  for (let i = 0; i < segs.length; i++) {
    const [from, pl] = segs[i]!;
    out.push([from, pl]);
    if (pl.place !== 'H5' && pl.place !== 'P2') continue;
    const to = i + 1 < segs.length ? segs[i + 1]![0] : end;
    if (to <= K3_FROM + 1) continue;
    let c = Math.max(from + 1, K3_FROM + la.rng.int(4, 150));
    if (c > limit) c = Math.max(from + 1, K3_FROM + 1);
    while ((busy.has(c) || segs.some(([d]) => d === c)) && c < to - 1) c++;
    if (c >= to) continue;
    out.push([c, samePlacementAs(la, pl, 'K3')]);
  }
  return out;
}

function reasonPlaceChange(rng: Rng, a: Episode, b: Episode): string {
  if (!'PBTU'.includes(b.rne)) return '';
  if (C.TEMPORARY.has(a.placement.place) || C.TEMPORARY.has(b.placement.place)) return '';
  if (b.placement.place === 'P1' || C.ADOPTION_PLACEMENTS.has(b.placement.place)) return 'CARPL';
  return rng.weighted(b.rne === 'T' || b.rne === 'U' ? C.REASON_PLACE_CHANGE_SAME_CARER : C.REASON_PLACE_CHANGE_MOVE);
}

function prevPerm(la: LaContext, dob: Day, start: Day): Period['prevPerm'] {
  const rng = la.rng;
  const code = rng.weighted(C.PREV_PERM);
  if (code === 'Z1' || code === 'P4') return { code, la: '', date: '' };
  const when = rng.int(dob + 30, Math.max(dob + 31, start - 60));
  const txt = ukOf(when);
  const date = rng.chance(0.15) ? `zz${txt.slice(2)}` : txt;
  const laPerm = rng.chance(0.6) ? String(la.laCode) : rng.chance(0.8) ? String(rng.int(201, 942)) : rng.pick(['WAL', 'SCO', 'NIR', '999']);
  return { code, la: laPerm, date };
}

function adopters(rng: Rng): Pick<AdoptionInfo, 'nbAdoptr' | 'sexAdoptr' | 'lsAdoptr'> {
  if (rng.chance(0.14)) return { nbAdoptr: '1', sexAdoptr: rng.chance(0.85) ? 'F1' : 'M1', lsAdoptr: 'L0' };
  const [sex, ls] = rng.weighted(C.ADOPTER_COUPLES.map(([s, l, w]) => [[s, l] as const, w] as const));
  return { nbAdoptr: '2', sexAdoptr: sex, lsAdoptr: ls };
}

/** Build the episodes of a planned period; anything after simEnd is cut off (still open). */
export function buildPeriod(la: LaContext, child: Child, plan: PeriodPlan, homePost: string, simEnd: Day): Period {
  const rng = la.rng;
  const { start, end } = plan;
  const busy = new Set<Day>(plan.ls.map(([d]) => d));
  let segs = placementChain(la, child, plan, homePost);
  for (const [d] of segs) busy.add(d);
  // Convert before adding temporary moves, so a child away from a converted placement returns to K3.
  segs = convertToK3(la, segs, end, busy);
  for (const [d] of segs) busy.add(d);
  segs = insertTemporary(la, segs, end, busy);

  // Merge the legal-status and placement timelines into episodes.
  const days = [...new Set([...plan.ls.map(([d]) => d), ...segs.map(([d]) => d)])]
    .filter((d) => d >= start && d < end)
    .sort((a, b) => a - b);
  const episodes: Episode[] = [];
  let li = 0;
  let pi = 0;
  let curLs = plan.ls[0]![1];
  let curPl = segs[0]![1];
  for (const d of days) {
    while (li < plan.ls.length && plan.ls[li]![0] <= d) curLs = plan.ls[li++]![1];
    while (pi < segs.length && segs[pi]![0] <= d) curPl = segs[pi++]![1];
    const prev = episodes[episodes.length - 1];
    let rne = 'S';
    if (prev) {
      const lsCh = prev.ls !== curLs;
      const plCh = prev.placement !== curPl;
      if (!lsCh && !plCh) continue;
      const carerCh = plCh && prev.placement.carer !== curPl.carer;
      rne = lsCh ? (carerCh ? 'B' : plCh ? 'U' : 'L') : carerCh ? 'P' : 'T';
    }
    episodes.push({
      decom: d,
      dec: null,
      rne,
      ls: curLs,
      cin: plan.cin,
      placement: curPl,
      rec: '',
      reasonPlaceChange: '',
      homePost,
    });
  }

  // Staying put (E17) needs a foster placement at 18.
  let rec = plan.rec;
  const lastPl = episodes[episodes.length - 1]!.placement.place;
  if (rec === 'E17' && !C.FOSTER.has(lastPl)) rec = 'E5';
  if ((rec === 'E11' || rec === 'E12') && !C.ADOPTION_PLACEMENTS.has(lastPl)) rec = 'E41';

  for (let i = 0; i < episodes.length; i++) {
    const e = episodes[i]!;
    const next = episodes[i + 1];
    e.dec = next ? next.decom : end;
    e.rec = next ? 'X1' : rec;
    if (next) e.reasonPlaceChange = reasonPlaceChange(rng, e, next);
  }

  // Cut at the end of the simulation: later episodes do not exist yet, the last one is open.
  const kept = episodes.filter((e) => e.decom <= simEnd);
  const lastKept = kept[kept.length - 1]!;
  let periodEnd: Day | null = end;
  if (lastKept.dec !== null && lastKept.dec > simEnd) {
    lastKept.dec = null;
    lastKept.rec = '';
    lastKept.reasonPlaceChange = '';
    periodEnd = null;
  }

  const period: Period = {
    start,
    end: periodEnd,
    rec: periodEnd === null ? '' : rec,
    shortBreak: false,
    episodes: kept,
    prevPerm: prevPerm(la, child.dob, start),
  };
  if (plan.adoption) {
    const { decision, ceased, match } = plan.adoption;
    period.adoption = { decision, ...(ceased ? { ceased } : {}), ...(match !== undefined ? { match } : {}), ...adopters(rng) };
  }
  return period;
}

/** A short-break arrangement: each V3 break its own episode (RNE S), or V4 yearly agreements. */
export function shortBreakPeriods(
  la: LaContext,
  from: Day,
  to: Day,
  homePost: string,
  simEnd: Day,
  kind?: 'V3' | 'V4',
): Period[] {
  const rng = la.rng;
  const v4 = kind ? kind === 'V4' : rng.chance(0.2);
  const pl = newPlacement(la, rng.chance(0.7) ? 'K2' : 'U6', homePost);
  pl.provider = 'PR1';
  const periods: Period[] = [];
  let t = from;
  while (t < to && t <= simEnd) {
    const len = v4 ? rng.int(300, 365) : rng.weighted([[1, 15], [2, 40], [3, 35], [4, 10]]);
    const end = Math.min(t + len, to);
    if (end <= t) break;
    const rec = rng.chance(0.85) ? 'E4A' : 'E13';
    const open = end > simEnd;
    periods.push({
      start: t,
      end: open ? null : end,
      rec: open ? '' : rec,
      shortBreak: true,
      episodes: [
        {
          decom: t,
          dec: open ? null : end,
          rne: 'S',
          ls: v4 ? 'V4' : 'V3',
          cin: 'N2',
          placement: pl,
          rec: open ? '' : rec,
          reasonPlaceChange: '',
          homePost,
        },
      ],
      prevPerm: { code: '', la: '', date: '' },
    });
    t = end + (v4 ? rng.int(1, 30) : rng.int(7, 28));
  }
  return periods;
}
