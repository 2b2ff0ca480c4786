import { beijingDate, endOfBeijingDay } from './civil-date';
import { ManualClock } from './clock';
import { CN_2026 } from './official-calendars';
import { elapsedShare, extendPeriod, isOverdue, isWithin, periodInDays, periodInWorkingDays, shareReachedAt } from './periods';
import { validateHolidayYear, WorkingCalendar } from './working-calendar';
import { defaultWorkingCalendar } from './index';

const calendar = defaultWorkingCalendar();
const at = (iso: string) => new Date(iso);

describe('periods in calendar days', () => {
  it('follows the domain example: received Friday 2026-11-13, 15th day a Saturday, due at the end of Monday', () => {
    const p = periodInDays(calendar, at('2026-11-13T10:00:00+08:00'), 15);
    expect(p.firstDay).toBe('2026-11-14');
    expect(p.nominalLastDay).toBe('2026-11-28');
    expect(p.lastDay).toBe('2026-11-30');
    expect(p.dueAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('does not count the day of the event, however late in that day it happened', () => {
    const early = periodInDays(calendar, at('2026-03-02T00:00:00+08:00'), 1);
    const late = periodInDays(calendar, at('2026-03-02T23:59:59+08:00'), 1);
    expect(early.lastDay).toBe('2026-03-03');
    expect(late.dueAt).toEqual(early.dueAt);
  });

  it('takes the Beijing date of the event, not the UTC one', () => {
    // 2026-03-02 17:00 UTC is already 2026-03-03 01:00 in Beijing.
    expect(periodInDays(calendar, at('2026-03-02T17:00:00Z'), 1).lastDay).toBe('2026-03-04');
  });

  it('moves a last day in the Spring Festival holiday to the first working day after it', () => {
    // 2026-02-05 + 15 = 2026-02-20, inside 春节 (02-15 to 02-23); 02-24 is a Tuesday.
    expect(periodInDays(calendar, at('2026-02-05T09:00:00+08:00'), 15).lastDay).toBe('2026-02-24');
  });

  it('ends on a make-up working day (调休上班日) without moving', () => {
    // 2026-02-13 + 15 = 2026-02-28, a Saturday declared a working day.
    const p = periodInDays(calendar, at('2026-02-13T09:00:00+08:00'), 15);
    expect(p.nominalLastDay).toBe('2026-02-28');
    expect(p.lastDay).toBe('2026-02-28');
  });

  it('counts 60 days across National Day without shortening or lengthening the count', () => {
    const p = periodInDays(calendar, at('2026-08-10T09:00:00+08:00'), 60);
    expect(p.nominalLastDay).toBe('2026-10-09');
    expect(p.lastDay).toBe('2026-10-09');
  });

  it('is overdue from 24:00 of the last day, not a moment before', () => {
    const p = periodInDays(calendar, at('2026-11-13T10:00:00+08:00'), 15);
    expect(isOverdue(p, at('2026-11-30T23:59:59.999+08:00'))).toBe(false);
    expect(isOverdue(p, at('2026-12-01T00:00:00+08:00'))).toBe(true);
    expect(isWithin(p, at('2026-11-30T23:00:00+08:00'))).toBe(true);
  });

  it('refuses counts that are not whole positive days', () => {
    expect(() => periodInDays(calendar, new Date(), 0)).toThrow(RangeError);
    expect(() => periodInDays(calendar, new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('periods in working days', () => {
  it('counts 5 working days across a weekend and a holiday', () => {
    // Assigned Wednesday 2026-09-30: Oct 1-7 holiday, Oct 10 (Sat) a make-up working day.
    // Working days: 10-08 (1), 10-09 (2), 10-10 (3), 10-12 (4), 10-13 (5).
    const p = periodInWorkingDays(calendar, at('2026-09-30T15:00:00+08:00'), 5);
    expect(p.lastDay).toBe('2026-10-13');
    expect(isWithin(p, at('2026-10-12T10:00:00+08:00'))).toBe(true);
    expect(isWithin(p, at('2026-10-14T09:00:00+08:00'))).toBe(false);
  });

  it('counts an ordinary week as Monday to Friday', () => {
    expect(periodInWorkingDays(calendar, at('2026-11-20T10:00:00+08:00'), 5).lastDay).toBe('2026-11-27');
  });
});

describe('extensions and warning points', () => {
  it('extends a period by 30 days from the day after its last day', () => {
    const base = periodInDays(calendar, at('2026-06-01T09:00:00+08:00'), 60); // 2026-07-31 (Fri)
    expect(base.lastDay).toBe('2026-07-31');
    const extended = extendPeriod(calendar, base, 30); // 2026-08-30 is a Sunday
    expect(extended.nominalLastDay).toBe('2026-08-30');
    expect(extended.lastDay).toBe('2026-08-31');
  });

  it('places the 70% point between the start of the first day and the deadline', () => {
    const p = periodInDays(calendar, at('2026-11-02T09:00:00+08:00'), 10); // 11-03 .. 11-12 (Thu)
    const warning = shareReachedAt(p, 0.7);
    expect(warning.toISOString()).toBe('2026-11-09T16:00:00.000Z'); // 7 of 10 days
    expect(elapsedShare(p, warning)).toBeCloseTo(0.7, 9);
    expect(elapsedShare(p, p.dueAt)).toBe(1);
  });
});

describe('the working calendar', () => {
  it('knows weekdays, weekends, holidays and make-up working days', () => {
    expect(calendar.describe('2026-11-30')).toEqual({ date: '2026-11-30', working: true, reason: 'weekday' });
    expect(calendar.describe('2026-11-29').working).toBe(false);
    expect(calendar.describe('2026-10-05')).toMatchObject({ working: false, reason: 'holiday', name: '国庆节' });
    expect(calendar.describe('2026-01-04')).toMatchObject({ working: true, reason: 'make-up workday' });
    expect(calendar.covers('2026-05-01')).toBe(true);
    expect(calendar.covers('2030-05-01')).toBe(false);
  });

  it('refuses holiday data with a weekday make-up day, a date outside the year or a day listed twice', () => {
    const problems = validateHolidayYear({
      year: 2026,
      source: 'test',
      holidays: [
        { date: '2026-03-03', name: 'x' },
        { date: '2026-03-03', name: 'x' },
        { date: '2025-12-31', name: 'y' },
      ],
      workdays: [{ date: '2026-03-04', name: 'z' }],
    });
    expect(problems.map((p) => p.rule).sort()).toEqual(['sameYear', 'unique', 'weekend']);
    expect(() => new WorkingCalendar([CN_2026, CN_2026])).toThrow(/twice/);
  });

  it('ships 2026 with the official make-up working days on weekends', () => {
    expect(validateHolidayYear(CN_2026)).toEqual([]);
    expect(CN_2026.workdays).toHaveLength(6);
  });
});

describe('clocks and Beijing dates', () => {
  it('lets tests move time without sleeping', () => {
    const clock = new ManualClock('2026-11-29T08:00:00+08:00');
    clock.advance(16 * 60 * 60 * 1000);
    expect(beijingDate(clock.now())).toBe('2026-11-30');
    clock.set('2027-01-01T00:00:00+08:00');
    expect(clock.now().toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(() => clock.set('not a time')).toThrow();
  });

  it('ends a Beijing day at 16:00 UTC', () => {
    expect(endOfBeijingDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('a year replaced in place (an administrator entered the official notice)', () => {
  it('counts on the new schedule from then on, and drops the old one’s days of that year only', () => {
    const cal = defaultWorkingCalendar();
    // 2027-03-02 is a Tuesday: an ordinary working day in the provisional 2027 data.
    expect(cal.isWorkingDay('2027-03-02')).toBe(true);
    const before = periodInDays(cal, at('2027-01-01T10:00:00+08:00'), 60);
    expect(before.lastDay).toBe('2027-03-02');

    cal.replaceYear({
      year: 2027,
      holidays: [{ date: '2027-03-02', name: '测试假日' }],
      workdays: [],
      source: 'test notice',
    });

    expect(cal.isWorkingDay('2027-03-02')).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // the provisional New Year's Day is gone with it
    expect(periodInDays(cal, at('2027-01-01T10:00:00+08:00'), 60).lastDay).toBe('2027-03-03');
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // other years untouched
  });

  it('refuses bad data and keeps the old schedule', () => {
    const cal = defaultWorkingCalendar();
    expect(() => cal.replaceYear({ year: 2027, holidays: [{ date: '2026-05-01', name: 'wrong year' }], workdays: [], source: 'x' })).toThrow();
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
  });
});
