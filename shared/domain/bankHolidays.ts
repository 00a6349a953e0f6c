/**
 * England and Wales bank holidays, computed from the rules (no download, no list to keep up to
 * date) plus the known one-off changes. Used for "20 working days" in review timeliness.
 *
 * Rules: New Year's Day, Christmas Day and Boxing Day with substitute weekdays; Good Friday and
 * Easter Monday (Gregorian computus); early May (first Monday), spring (last Monday of May) and
 * summer (last Monday of August) bank holidays; and the proclaimed one-offs and moves below.
 * Future one-off days cannot be known; add them to ONE_OFFS / MOVED when proclaimed.
 *
 * All dates are ISO 'YYYY-MM-DD' strings and all arithmetic is on UTC day numbers, so the local
 * time zone can never shift a day.
 */

export interface BankHoliday {
  date: string;
  name: string;
}

/** Extra days proclaimed as bank holidays (England and Wales). */
const ONE_OFFS: readonly BankHoliday[] = [
  { date: '1999-12-31', name: 'Millennium celebrations' },
  { date: '2002-06-03', name: 'Golden Jubilee of Elizabeth II' },
  { date: '2011-04-29', name: 'Wedding of Prince William and Catherine Middleton' },
  { date: '2012-06-05', name: 'Diamond Jubilee of Elizabeth II' },
  { date: '2022-06-03', name: 'Platinum Jubilee of Elizabeth II' },
  { date: '2022-09-19', name: 'State Funeral of Queen Elizabeth II' },
  { date: '2023-05-08', name: 'Coronation of King Charles III' },
];

/** Regular bank holidays moved by proclamation: year -> holiday -> new date. */
const MOVED: Readonly<Record<number, Partial<Record<'earlyMay' | 'spring', string>>>> = {
  1995: { earlyMay: '1995-05-08' }, // VE Day 50th anniversary
  2002: { spring: '2002-06-04' }, // Golden Jubilee
  2012: { spring: '2012-06-04' }, // Diamond Jubilee
  2020: { earlyMay: '2020-05-08' }, // VE Day 75th anniversary
  2022: { spring: '2022-06-02' }, // Platinum Jubilee
};

const DAY_MS = 86_400_000;

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoOf(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday .. 6 = Saturday. */
function weekday(dayNo: number): number {
  return new Date(dayNo * DAY_MS).getUTCDay();
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  return isoOf(easterDayNumber(year));
}

function easterDayNumber(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

function firstMonday(year: number, month: number): number {
  const first = dayNumber(year, month, 1);
  return first + ((8 - weekday(first)) % 7);
}

function lastMonday(year: number, month: number): number {
  const last = dayNumber(year, month + 1, 1) - 1; // Date.UTC rolls month 13 into January
  return last - ((weekday(last) + 6) % 7);
}

/** The bank holidays of one calendar year in England and Wales, in date order. */
export function bankHolidays(year: number): BankHoliday[] {
  const out: BankHoliday[] = [];
  const add = (dayNo: number, name: string) => out.push({ date: isoOf(dayNo), name });

  // New Year's Day; a weekend New Year's Day is replaced by the following Monday.
  const ny = dayNumber(year, 1, 1);
  const nyWd = weekday(ny);
  add(nyWd === 6 ? ny + 2 : nyWd === 0 ? ny + 1 : ny, nyWd === 0 || nyWd === 6 ? "New Year's Day (substitute day)" : "New Year's Day");

  const easter = easterDayNumber(year);
  add(easter - 2, 'Good Friday');
  add(easter + 1, 'Easter Monday');

  const moved = MOVED[year] ?? {};
  if (moved.earlyMay) out.push({ date: moved.earlyMay, name: 'Early May bank holiday' });
  else add(firstMonday(year, 5), 'Early May bank holiday');
  if (moved.spring) out.push({ date: moved.spring, name: 'Spring bank holiday' });
  else add(lastMonday(year, 5), 'Spring bank holiday');
  add(lastMonday(year, 8), 'Summer bank holiday');

  // Christmas and Boxing Day: a holiday on a weekend moves to the next free weekday.
  const xmas = dayNumber(year, 12, 25);
  switch (weekday(xmas)) {
    case 5: // Friday: Boxing Day is Saturday -> Monday 28th
      add(xmas, 'Christmas Day');
      add(xmas + 3, 'Boxing Day (substitute day)');
      break;
    case 6: // Saturday: Monday 27th and Tuesday 28th
      add(xmas + 2, 'Christmas Day (substitute day)');
      add(xmas + 3, 'Boxing Day (substitute day)');
      break;
    case 0: // Sunday: Boxing Day Monday 26th, Christmas substitute Tuesday 27th
      add(xmas + 1, 'Boxing Day');
      add(xmas + 2, 'Christmas Day (substitute day)');
      break;
    default:
      add(xmas, 'Christmas Day');
      add(xmas + 1, 'Boxing Day');
  }

  for (const h of ONE_OFFS) if (h.date.startsWith(`${year}-`)) out.push(h);
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Bank holidays of every year from `fromYear` to `toYear` inclusive. */
export function bankHolidaysBetween(fromYear: number, toYear: number): BankHoliday[] {
  const out: BankHoliday[] = [];
  for (let y = fromYear; y <= toYear; y++) out.push(...bankHolidays(y));
  return out;
}

/** True when the date is a Saturday, Sunday or bank holiday. */
export function isNonWorkingDay(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const wd = weekday(dayNumber(y, m, d));
  return wd === 0 || wd === 6 || bankHolidays(y).some((h) => h.date === iso);
}

/** The n-th working day after `iso` (the day itself is day 0), skipping weekends and bank holidays. */
export function addWorkingDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  let dayNo = dayNumber(y, m, d);
  let left = n;
  while (left > 0) {
    dayNo += 1;
    if (!isNonWorkingDay(isoOf(dayNo))) left -= 1;
  }
  return isoOf(dayNo);
}
