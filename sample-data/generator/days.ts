/**
 * Dates as whole day numbers (days since 1970-01-01), converted with the civil-calendar
 * algorithms, so no time zone or Date object is ever involved.
 */

export type Day = number;

export function dayOf(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function ymdOf(day: Day): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

export function isoOf(day: Day): string {
  const [y, m, d] = ymdOf(day);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function dayOfIso(iso: string): Day {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dayOf(y, m, d);
}

/** dd/mm/yyyy, memoised: the national run formats tens of millions of dates. */
const ukCache = new Map<Day, string>();
export function ukOf(day: Day): string {
  let s = ukCache.get(day);
  if (s === undefined) {
    const [y, m, d] = ymdOf(day);
    s = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
    ukCache.set(day, s);
  }
  return s;
}

/** Same day of month n months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: Day, n: number): Day {
  const [y, m, d] = ymdOf(day);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return dayOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** The day a child born on dob turns `age`: a 29 February birthday falls on 1 March in other years. */
export function birthday(dob: Day, age: number): Day {
  const [y, m, d] = ymdOf(dob);
  const ny = y + age;
  if (m === 2 && d === 29 && !isLeap(ny)) return dayOf(ny, 3, 1);
  return dayOf(ny, m, d);
}

/** Completed years on `day` (the DfE convention, as shared/domain/years.ts ageOn). */
export function ageOn(dob: Day, day: Day): number {
  const [by, bm, bd] = ymdOf(dob);
  const [y, m, d] = ymdOf(day);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Add n working days (Monday-Friday; bank holidays are absorbed by the margin the simulation keeps). */
export function addWorkingDays(day: Day, n: number): Day {
  let d = day;
  let left = n;
  while (left > 0) {
    d += 1;
    if (weekday(d) < 5) left -= 1;
  }
  return d;
}

/** Collection year bounds: year 2023 = 1 April 2022 .. 31 March 2023. */
export function yearStartDay(year: number): Day {
  return dayOf(year - 1, 4, 1);
}
export function yearEndDay(year: number): Day {
  return dayOf(year, 3, 31);
}

/** Day number to a JS Date at UTC midnight (for exceljs, which writes UTC-based serials). */
export function utcDateOf(day: Day): Date {
  return new Date(day * 86_400_000);
}
