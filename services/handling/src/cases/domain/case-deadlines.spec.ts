import { defaultWorkingCalendar } from '@pdmc/calendar';
import {
  extendedHandlingPeriod,
  handlingPeriod,
  objectionPeriod,
  reexaminationRequestPeriod,
  reviewDecisionPeriod,
  reviewRequestPeriod,
  withinWindow,
} from './case-deadlines';

const calendar = defaultWorkingCalendar();
/** Beijing time, as staff read it. */
const bj = (local: string) => new Date(`${local}+08:00`);

describe('case deadlines (counted as the law counts periods)', () => {
  it('ends the 60-day limit at 24:00 Beijing of the 60th day after acceptance', () => {
    // Accepted Tue 2026-03-03: day 60 is Sat 2026-05-02, inside the May Day holiday, so it moves to the next working day.
    const period = handlingPeriod(calendar, bj('2026-03-03T10:00:00'));
    expect(period.nominalLastDay).toBe('2026-05-02');
    // 2026-05-01 to 05-05 are the holiday; Wed 2026-05-06 is the first working day after it.
    expect(period.lastDay).toBe('2026-05-06');
    expect(period.dueAt).toEqual(bj('2026-05-07T00:00:00'));
  });

  it('ends a limit on a working day at its end of day', () => {
    // Accepted Mon 2026-06-01: day 60 is Fri 2026-07-31, a working day.
    const period = handlingPeriod(calendar, bj('2026-06-01T09:00:00'));
    expect(period.lastDay).toBe('2026-07-31');
    expect(period.dueAt).toEqual(bj('2026-08-01T00:00:00'));
  });

  it('extends from the last day of the limit by at most 30 days', () => {
    const extended = extendedHandlingPeriod(calendar, '2026-07-31', 30);
    // Day 30 after Fri 2026-07-31 is Sun 2026-08-30: moved to Mon 2026-08-31.
    expect(extended.nominalLastDay).toBe('2026-08-30');
    expect(extended.lastDay).toBe('2026-08-31');
    expect(() => extendedHandlingPeriod(calendar, '2026-07-31', 31)).toThrow(RangeError);
    expect(() => extendedHandlingPeriod(calendar, '2026-07-31', 0)).toThrow(RangeError);
  });

  it('gives a unit 5 working days to object, skipping the weekend', () => {
    // Assigned Fri 2026-11-13: Mon 16 … Fri 20 are the five working days.
    const period = objectionPeriod(calendar, bj('2026-11-13T15:00:00'));
    expect(period.lastDay).toBe('2026-11-20');
    expect(withinWindow(period.dueAt, bj('2026-11-20T23:59:00'))).toBe(true);
    expect(withinWindow(period.dueAt, bj('2026-11-21T00:00:00'))).toBe(false);
  });

  it('counts the review window from the service of the decision, moving a weekend end to Monday', () => {
    // Served Fri 2026-11-13: day 30 is Sun 2026-12-13, so the window ends with Mon 2026-12-14.
    const period = reviewRequestPeriod(calendar, bj('2026-11-13T11:00:00'));
    expect(period.lastDay).toBe('2026-12-14');
    expect(period.dueAt).toEqual(bj('2026-12-15T00:00:00'));
  });

  it('gives the REVIEW unit 30 days to decide and the petitioner 30 days from the review’s service to ask again', () => {
    expect(reviewDecisionPeriod(calendar, bj('2026-06-01T09:00:00')).lastDay).toBe('2026-07-01');
    expect(reexaminationRequestPeriod(calendar, bj('2026-06-01T09:00:00')).lastDay).toBe('2026-07-01');
  });
});
