/**
 * One simulated local authority: its postcode area, placement providers' URNs, social workers,
 * and the factories for placements and child ids. Postcode areas are well-formed but not real
 * ones, so nobody mistakes the sample for a real council.
 */
import { dayOf, type Day } from './days.js';
import { Rng } from './prng.js';
import type { Placement } from './model.js';

const FICTIONAL_AREAS = [
  'AC', 'AD', 'AE', 'AF', 'AG', 'AK', 'AM', 'AN', 'AP', 'AR', 'AT', 'AU', 'AW', 'AX', 'AY', 'BC', 'BE', 'BF',
  'BG', 'BK', 'BM', 'BP', 'BQ', 'BU', 'BV', 'BW', 'BX', 'BY', 'CC', 'CD', 'CE', 'CG', 'CK', 'CL', 'CN', 'CP',
  'CQ', 'CU', 'CX', 'CY',
];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** Registered supported accommodation (K3) must exist from 28 October 2023. */
export const K3_FROM: Day = dayOf(2023, 10, 28);
/** Returns from 2019 use E45-E48 for SGOs; ceasings before 1 April 2018 used E43/E44. */
export const E45_FROM: Day = dayOf(2018, 4, 1);

export interface LaContext {
  readonly rng: Rng;
  readonly seed: number;
  readonly laIndex: number;
  readonly idPrefix: string;
  readonly area: string;
  readonly otherAreas: readonly string[];
  /** DfE-style 3-digit LA number used inside UPNs. */
  readonly laCode: number;
  readonly socialWorkers: readonly string[];
  readonly urns: {
    readonly laFostering: string;
    readonly ifas: readonly string[];
    readonly homes: readonly string[];
    readonly adoptionAgencies: readonly string[];
    readonly supported: readonly string[];
    readonly schools: readonly string[];
    readonly secure: readonly string[];
  };
  nextCarer: number;
  nextIdNumber: number;
  readonly idStep: number;
}

function pool(n: number, make: () => string): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(make());
  return [...out];
}

/**
 * @param cla target number looked after at 31 March (sizes the social worker pool)
 * @param expectedChildren children the simulation will keep (spaces the ids out)
 */
export function createLa(seed: number, laIndex: number, idPrefix: string, cla: number, expectedChildren: number): LaContext {
  const rng = new Rng(seed);
  const area = FICTIONAL_AREAS[laIndex % FICTIONAL_AREAS.length]!;
  const otherAreas = FICTIONAL_AREAS.filter((a) => a !== area).slice(0, 8);
  const sc = () => `SC${rng.int(100000, 999999)}`;
  // A children-in-care service's social workers, with turnover over the years.
  const sw = Math.max(12, Math.round(cla * 0.12));
  // Ids rise with the order children came into care; early ones get leading zeros once padded.
  const idStep = Math.max(2, Math.min(100, Math.floor(700000 / Math.max(1, expectedChildren))));
  return {
    rng,
    seed,
    laIndex,
    idPrefix,
    area,
    otherAreas,
    laCode: 801 + (laIndex % 140),
    socialWorkers: pool(sw, () => (rng.chance(0.04) ? `XX${rng.int(10000, 99999)}` : `SW${rng.int(10000, 999999)}`)),
    urns: {
      laFostering: sc(),
      ifas: pool(12, sc),
      homes: pool(30, sc),
      adoptionAgencies: pool(5, sc),
      supported: pool(15, () => String(rng.int(2000000, 2999999))),
      schools: pool(8, () => String(rng.int(100000, 149999))),
      secure: pool(4, sc),
    },
    nextCarer: 1,
    nextIdNumber: rng.int(70000, 80000),
    idStep,
  };
}

export function nextChildId(la: LaContext): string {
  const n = la.nextIdNumber;
  la.nextIdNumber += la.rng.int(1, la.idStep * 2 - 1);
  return la.idPrefix + String(n).padStart(6, '0');
}

export function postcode(la: LaContext, inArea: boolean): string {
  const rng = la.rng;
  const area = inArea ? la.area : rng.pick(la.otherAreas);
  const district = rng.int(1, 19);
  return `${area}${district} ${rng.int(1, 9)}${INWARD_LETTERS[rng.int(0, 19)]}${INWARD_LETTERS[rng.int(0, 19)]}`;
}

function provider(rng: Rng, place: string): string {
  switch (place) {
    case 'U1':
    case 'U2':
    case 'U3':
      return rng.chance(0.95) ? 'PR1' : 'PR4';
    case 'U4':
    case 'U5':
    case 'U6':
      return rng.weighted([['PR1', 60], ['PR4', 37], ['PR5', 3]]);
    case 'K2':
      return rng.weighted([['PR4', 80], ['PR1', 12], ['PR5', 5], ['PR2', 3]]);
    case 'K1':
      return rng.weighted([['PR2', 60], ['PR1', 30], ['PR4', 10]]);
    case 'H5':
    case 'K3':
    case 'P2':
      return rng.weighted([['PR4', 70], ['PR1', 20], ['PR5', 10]]);
    case 'P1':
      return 'PR0';
    case 'A3':
    case 'A4':
    case 'A5':
    case 'A6':
      return rng.weighted([['PR1', 55], ['PR2', 25], ['PR5', 20]]);
    case 'R1':
      return rng.weighted([['PR4', 60], ['PR5', 30], ['PR3', 10]]);
    case 'R2':
    case 'R5':
      return 'PR3';
    case 'R3':
      return rng.weighted([['PR4', 50], ['PR1', 30], ['PR5', 20]]);
    case 'S1':
      return rng.weighted([['PR4', 50], ['PR5', 30], ['PR3', 20]]);
    case 'P3':
      return 'PR4';
    default:
      return ''; // T0-T4, Z1: provider not reported
  }
}

function urn(la: LaContext, place: string, prov: string): string {
  const rng = la.rng;
  const u = la.urns;
  if (place.startsWith('U')) return prov === 'PR1' ? u.laFostering : rng.pick(u.ifas);
  if (place === 'K2' || place === 'R3') return rng.pick(u.homes);
  if (place === 'K1') return rng.pick(u.secure);
  if (place.startsWith('A')) return rng.pick(u.adoptionAgencies);
  if (place === 'K3') return rng.pick(u.supported);
  if (place === 'H5') return rng.chance(0.3) ? 'XXXXXXX' : '';
  if (place === 'S1') return rng.pick(u.schools);
  return ''; // P1, P2, P3, R1, R2, R5, T*, Z1
}

/** A new placement with a new carer. */
export function newPlacement(la: LaContext, place: string, homePost: string): Placement {
  const rng = la.rng;
  const prov = provider(rng, place);
  const temporary = place.startsWith('T');
  let inArea: boolean;
  if (place.startsWith('U') || place === 'P1') inArea = rng.chance(0.78);
  else if (place === 'K2' || place === 'K1' || place === 'S1') inArea = rng.chance(0.35);
  else inArea = rng.chance(0.6);
  return {
    place,
    provider: prov,
    carer: la.nextCarer++,
    postcode: temporary ? '' : place === 'P1' && homePost ? homePost : postcode(la, inArea),
    urn: urn(la, place, prov),
  };
}

/** Same carer(s), different placement type (RNE T / U): e.g. U6 becoming long-term U4, U5 becoming A5. */
export function samePlacementAs(la: LaContext, base: Placement, place: string): Placement {
  const prov = place.startsWith('A') ? la.rng.weighted([['PR1', 70], ['PR2', 30]]) : base.provider;
  return { place, provider: prov, carer: base.carer, postcode: base.postcode, urn: place === 'K3' ? la.rng.pick(la.urns.supported) : place.startsWith('A') ? la.rng.pick(la.urns.adoptionAgencies) : base.urn };
}

/** UPN: check letter + LA number + establishment + year + serial, with the DfE check letter. */
export function makeUpn(la: LaContext, admissionYear: number): string {
  const rng = la.rng;
  const digits =
    String(la.laCode).padStart(3, '0') +
    String(rng.int(1000, 7999)) +
    String(admissionYear % 100).padStart(2, '0') +
    String(rng.int(0, 999)).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i + 2);
  return 'ABCDEFGHJKLMNPQRTUVWXYZ'[sum % 23] + digits;
}
