/**
 * Deliberate hard cases, written by hand so they are always in the bundled sample. Dates are
 * relative to the last return year L (bundled: L = 2024, so D(-1, 5, 15) is 15/05/2023).
 * Child ids (bundled sample, no LA prefix):
 *   900101  starts twice in 2022/23 (V2 ended E4A, then C1) -- two RNE S episodes in return L-1
 *   900102  ceases twice in 2021/22 (E4A, then E13), and starts again in between
 *   900103  born 31 March; leaves care on the 18th birthday, 31/03/L-1, with E17 (an episode
 *           ending on 31 March); then OC3 rows as a care leaver
 *   900104  born 31 March (age exactly 12 on 31/03/L); an X1 episode change on 31/03/L-2
 *   900105  born 29 February (16 on 29/02/2024); X1 chain with P, U (legal status and
 *           placement type change, same carers) and L
 *   900106  born 29 February; baby through L2 -> C1 (B) -> E1 (L) -> A5 with the same foster
 *           carers (T) -> adopted E11 in L-2 (AD1 with FOSTER_CARE 1, placed_for_adoption)
 *   900107  short-break-only child (V3 breaks, each its own episode with RNE S)
 *   900108  X1 chain: L1 -> C1 (L) -> new carers (P) -> C2 (L) -> T3 temporary placement (P)
 *           -> back to the same foster placement (P) -> long-term U4, same carers (T)
 *   900109  period of care that began in L-14 (2010), long before the earliest return
 *   900110  an oc2 row in return L although outside the OC2 cohort (started in L-1/L)
 *   900111  lower-case codes (LS c1/c2, PLACE u6, CIN n1, ETHNIC wbri, REVIEW_CODE pn*) and an
 *           unknown placement code Z9
 *   000417  an id with leading zeros (kinship U3 -> long-term U1)
 * The simulated children add many more of most kinds (ids also have leading zeros, X1 chains,
 * temporary placements, short breaks, UASC, missing incidents).
 */
import { birthday, dayOf, ymdOf, type Day } from './days.js';
import { makeUpn, newPlacement, postcode, samePlacementAs, type LaContext } from './la.js';
import { finishChild, missingFor, reviewsFor, swFor } from './lifeEvents.js';
import type { Child, Episode, Period, Placement } from './model.js';
import { shortBreakPeriods } from './periods.js';

type EpSpec = readonly [decom: Day, rne: string, ls: string, place: string, carer: string];

function leapYearAtOrBefore(y: number): number {
  return y - (((y % 4) + 4) % 4);
}

export function hardCases(la: LaContext, L: number, simEnd: Day): Child[] {
  const D = (yOff: number, m: number, d: number) => dayOf(L + yOff, m, d);
  const rng = la.rng;
  const out: Child[] = [];

  const child = (id: string, dob: Day, sex: 1 | 2, ethnic: string): Child => ({
    id: la.idPrefix + id,
    index: 0,
    sex,
    dob,
    ethnic,
    upn: 'UN1',
    periods: [],
    reviews: [],
    missing: [],
    sw: [],
    sdqBase: 14 + rng.normal(0, 4),
    spanStart: 0,
    spanEnd: 0,
  });

  /** One period from explicit episodes; carers named by key so a return to the same placement is the same carer. */
  const period = (c: Child, specs: readonly EpSpec[], end: Day | null, rec: string, cin: string, homePost: string): Period => {
    const byCarer = new Map<string, Placement>();
    const eps: Episode[] = specs.map(([decom, rne, ls, place, carer]) => {
      let pl = byCarer.get(carer);
      if (!pl) pl = newPlacement(la, place.toUpperCase(), homePost);
      else if (pl.place !== place.toUpperCase()) pl = samePlacementAs(la, pl, place.toUpperCase());
      byCarer.set(carer, pl);
      const placement = { ...pl, place }; // keep the case as written (lower-case hard case)
      if (place === 'Z9') placement.provider = '';
      return { decom, dec: null, rne, ls, cin, placement, rec: '', reasonPlaceChange: '', homePost };
    });
    eps.forEach((e, i) => {
      const next = eps[i + 1];
      if (next) {
        e.dec = next.decom;
        e.rec = 'X1';
        const temp = /^T\d$/i.test(e.placement.place) || /^T\d$/i.test(next.placement.place);
        if ('PBTU'.includes(next.rne) && !temp) e.reasonPlaceChange = next.rne === 'T' || next.rne === 'U' ? 'PLACE' : 'CARPL';
      } else if (end !== null) {
        e.dec = end;
        e.rec = rec;
      }
    });
    const p: Period = {
      start: specs[0]![0],
      end,
      rec: end === null ? '' : rec,
      shortBreak: false,
      episodes: eps,
      prevPerm: { code: 'Z1', la: '', date: '' },
    };
    c.periods.push(p);
    c.reviews.push(...reviewsFor(rng, c.dob, p, simEnd));
    const lastSw = c.sw[c.sw.length - 1];
    c.sw.push(...swFor(la, p, lastSw?.end != null ? lastSw.end + 1 : -Infinity, simEnd));
    return p;
  };
  const done = (c: Child) => {
    c.upn = makeUpn(la, ymdOf(birthday(c.dob, 5))[0]);
    finishChild(rng, c, simEnd);
    out.push(c);
  };
  const home = () => postcode(la, true);

  // 900101: starts twice in one year.
  {
    const c = child('900101', D(-9, 8, 17), 2, 'WBRI');
    const h = home();
    period(c, [[D(-2, 5, 10), 'S', 'V2', 'U6', 'a']], D(-2, 7, 20), 'E4A', 'N4', h);
    period(c, [[D(-2, 11, 2), 'S', 'C1', 'U6', 'b'], [D(-1, 5, 15), 'L', 'C2', 'U6', 'b']], null, '', 'N1', h);
    done(c);
  }
  // 900102: ceases twice in one year (and a frequently missing teenager).
  {
    const c = child('900102', D(-16, 1, 9), 1, 'MWBC');
    const h = home();
    const p1 = period(c, [[D(-4, 9, 14), 'S', 'C1', 'U6', 'a'], [D(-3, 3, 1), 'P', 'C1', 'U6', 'b']], D(-3, 6, 15), 'E4A', 'N5', h);
    const p2 = period(c, [[D(-3, 9, 1), 'S', 'V2', 'K2', 'c']], D(-2, 2, 10), 'E13', 'N4', h);
    c.missing.push(...missingFor(rng, c.dob, p1, 'frequent', simEnd), ...missingFor(rng, c.dob, p2, 'frequent', simEnd));
    done(c);
  }
  // 900103: born 31 March, leaves on the 18th birthday (31 March) staying put.
  {
    const c = child('900103', D(-19, 3, 31), 2, 'WBRI');
    period(
      c,
      [[D(-8, 8, 1), 'S', 'C1', 'U6', 'a'], [D(-7, 4, 20), 'L', 'C2', 'U6', 'a'], [D(-6, 2, 3), 'T', 'C2', 'U4', 'a']],
      birthday(D(-19, 3, 31), 18),
      'E17',
      'N1',
      home(),
    );
    done(c);
  }
  // 900104: born 31 March; episode change (X1) on 31 March.
  {
    const c = child('900104', D(-12, 3, 31), 1, 'WBRI');
    period(c, [[D(-3, 6, 1), 'S', 'C1', 'U6', 'a'], [D(-2, 3, 31), 'L', 'C2', 'U6', 'a']], null, '', 'N1', home());
    done(c);
  }
  // 900105: born 29 February; chain with P, U and L.
  {
    const c = child('900105', dayOf(leapYearAtOrBefore(L - 16), 2, 29), 2, 'WOTH');
    period(
      c,
      [
        [D(-5, 10, 1), 'S', 'V2', 'K2', 'a'],
        [D(-4, 2, 10), 'P', 'V2', 'U6', 'b'],
        [D(-3, 6, 20), 'U', 'C1', 'U4', 'b'],
        [D(-2, 1, 10), 'L', 'C2', 'U4', 'b'],
      ],
      null,
      '',
      'N5',
      home(),
    );
    done(c);
  }
  // 900106: born 29 February, adopted by the foster carers.
  {
    const c = child('900106', dayOf(leapYearAtOrBefore(L - 4), 2, 29), 1, 'WBRI');
    const p = period(
      c,
      [
        [D(-4, 3, 2), 'S', 'L2', 'U6', 'a'],
        [D(-4, 3, 20), 'B', 'C1', 'U5', 'b'],
        [D(-3, 2, 1), 'L', 'E1', 'U5', 'b'],
        [D(-3, 6, 14), 'T', 'E1', 'A5', 'b'],
      ],
      D(-2, 1, 14),
      'E11',
      'N1',
      home(),
    );
    p.adoption = { decision: D(-4, 12, 10), match: D(-3, 5, 20), nbAdoptr: '2', sexAdoptr: 'MF', lsAdoptr: 'L11' };
    done(c);
  }
  // 900107: short breaks only.
  {
    const c = child('900107', D(-13, 6, 5), 1, 'WBRI');
    c.periods = shortBreakPeriods(la, D(-3, 5, 1), D(1, 1, 1), home(), simEnd, 'V3');
    done(c);
  }
  // 900108: a long X1 chain with a temporary placement and return.
  {
    const c = child('900108', D(-7, 11, 23), 1, 'WBRI');
    period(
      c,
      [
        [D(-3, 1, 11), 'S', 'L1', 'U6', 'a'],
        [D(-3, 1, 13), 'L', 'C1', 'U6', 'a'],
        [D(-3, 4, 26), 'P', 'C1', 'U6', 'b'],
        [D(-3, 10, 4), 'L', 'C2', 'U6', 'b'],
        [D(-2, 7, 25), 'P', 'C2', 'T3', 't'],
        [D(-2, 8, 3), 'P', 'C2', 'U6', 'b'],
        [D(-1, 1, 16), 'T', 'C2', 'U4', 'b'],
      ],
      null,
      '',
      'N1',
      home(),
    );
    done(c);
  }
  // 900109: in care since 2010 (for L = 2024).
  {
    const c = child('900109', D(-15, 4, 20), 1, 'WBRI');
    period(
      c,
      [
        [D(-14, 6, 1), 'S', 'C1', 'U6', 'a'],
        [D(-13, 3, 15), 'L', 'C2', 'U6', 'a'],
        [D(-12, 5, 2), 'P', 'C2', 'U4', 'b'],
        [D(-6, 9, 9), 'P', 'C2', 'U4', 'c'],
      ],
      null,
      '',
      'N1',
      home(),
    );
    done(c);
  }
  // 900110: oc2 row although not looked after for 12 months.
  {
    const c = child('900110', D(-10, 7, 7), 2, 'MWBA');
    period(c, [[D(-1, 6, 1), 'S', 'C1', 'U6', 'a']], null, '', 'N1', home());
    c.quirks = { oc2Outside: [L] };
    done(c);
  }
  // 900111: lower-case codes and an unknown placement code.
  {
    const c = child('900111', D(-14, 2, 2), 2, 'WBRI');
    period(
      c,
      [
        [D(-2, 10, 10), 'S', 'c1', 'u6', 'a'],
        [D(-1, 4, 3), 'L', 'c2', 'u6', 'a'],
        [D(-1, 11, 20), 'P', 'C2', 'Z9', 'z'],
        [D(0, 1, 8), 'P', 'C2', 'K2', 'k'],
      ],
      null,
      '',
      'n1',
      home(),
    );
    c.quirks = { lowerEthnic: true };
    for (const r of c.reviews) r.code = r.code.toLowerCase();
    done(c);
  }
  // 000417: leading zeros.
  {
    const c = child('000417', D(-11, 9, 30), 1, 'WBRI');
    period(
      c,
      [[D(-6, 2, 14), 'S', 'C1', 'U3', 'a'], [D(-5, 1, 9), 'L', 'C2', 'U3', 'a'], [D(-4, 5, 5), 'T', 'C2', 'U1', 'a']],
      null,
      '',
      'N1',
      home(),
    );
    done(c);
  }
  return out;
}
