import { describe, expect, it } from 'vitest';
import { addWorkingDays, bankHolidays, easterSunday, isNonWorkingDay } from '../../../shared/domain/bankHolidays.js';

const dates = (y: number) => bankHolidays(y).map((h) => h.date);

describe('Easter (computus)', () => {
  it('matches known Easter Sundays', () => {
    expect(['2000', '2008', '2011', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
      '2000-04-23', '2008-03-23', '2011-04-24', '2019-04-21', '2020-04-12', '2021-04-04', '2022-04-17', '2023-04-09', '2024-03-31', '2025-04-20', '2038-04-25',
    ]);
  });
});

describe('England and Wales bank holidays', () => {
  // Lists as published on gov.uk/bank-holidays.
  it('2020: early May moved to Friday 8 May (VE Day); Boxing Day substitute on Monday 28 December', () => {
    expect(dates(2020)).toEqual(['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']);
  });
  it('2021: Christmas on a Saturday: substitutes on 27 and 28 December', () => {
    expect(dates(2021)).toEqual(['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28']);
  });
  it('2022: New Year substitute, Platinum Jubilee (2 and 3 June), State Funeral, Christmas on a Sunday', () => {
    expect(dates(2022)).toEqual([
      '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27',
    ]);
  });
  it('2023: New Year on a Sunday, Coronation on 8 May', () => {
    expect(dates(2023)).toEqual(['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']);
  });
  it('2024 and 2025', () => {
    expect(dates(2024)).toEqual(['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']);
    expect(dates(2025)).toEqual(['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']);
  });
  it('2011 royal wedding and 2012 Diamond Jubilee', () => {
    expect(dates(2011)).toContain('2011-04-29');
    expect(dates(2012)).toEqual(['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26']);
  });
});

describe('working days', () => {
  it('skips weekends and bank holidays', () => {
    expect(isNonWorkingDay('2022-06-03')).toBe(true);
    expect(isNonWorkingDay('2022-06-04')).toBe(true);
    expect(isNonWorkingDay('2022-06-06')).toBe(false);
  });
  it('counts 20 working days after a date (the date itself is day 0)', () => {
    expect(addWorkingDays('2022-06-01', 20)).toBe('2022-07-01'); // 2 and 3 June 2022 were bank holidays
    expect(addWorkingDays('2022-09-01', 20)).toBe('2022-09-30'); // 19 September 2022 was a bank holiday
    expect(addWorkingDays('2023-12-15', 20)).toBe('2024-01-17'); // Christmas, Boxing Day, New Year
    expect(addWorkingDays('2022-10-01', 20)).toBe('2022-10-28'); // starting on a Saturday
  });
});
