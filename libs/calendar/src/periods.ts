import { addCalendarDays, beijingDate, endOfBeijingDay, type CivilDate } from './civil-date';
import type { WorkingCalendar } from './working-calendar';

/**
 * A legal time limit counted as Chinese law counts periods (Civil Code art. 201-203, applied
 * in petition work): the day of the event is not counted; the period ends at 24:00 Beijing
 * time of its last day; a last day that is not a working day moves to the next working day.
 */
export interface Period {
  /** The event's Beijing date (not counted). */
  eventDate: CivilDate;
  /** The first counted day: the day after the event. */
  firstDay: CivilDate;
  /** The last day by counting alone. */
  nominalLastDay: CivilDate;
  /** The last day after moving past rest days; equal to `nominalLastDay` when it is a working day. */
  lastDay: CivilDate;
  /** The end of the period: 24:00 (Beijing) of `lastDay`. Overdue from this instant on. */
  dueAt: Date;
}

function finish(calendar: WorkingCalendar, eventDate: CivilDate, nominalLastDay: CivilDate): Period {
  const lastDay = calendar.nextWorkingDayFrom(nominalLastDay);
  return { eventDate, firstDay: addCalendarDays(eventDate, 1), nominalLastDay, lastDay, dueAt: endOfBeijingDay(lastDay) };
}

function checkCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 1 || count > 3660) {
    throw new RangeError(`${what} must be a whole number from 1 to 3660, got ${count}`);
  }
}

/** A period of `days` calendar days after the event at `eventAt` (e.g. 15 days to accept, 60 to handle). */
export function periodInDays(calendar: WorkingCalendar, eventAt: Date, days: number): Period {
  checkCount(days, 'days');
  const eventDate = beijingDate(eventAt);
  return finish(calendar, eventDate, addCalendarDays(eventDate, days));
}

/** A period of `count` working days after the event (e.g. 5 working days to object). */
export function periodInWorkingDays(calendar: WorkingCalendar, eventAt: Date, count: number): Period {
  checkCount(count, 'working days');
  const eventDate = beijingDate(eventAt);
  let day = eventDate;
  for (let counted = 0; counted < count; ) {
    day = addCalendarDays(day, 1);
    if (calendar.isWorkingDay(day)) counted++;
  }
  return { eventDate, firstDay: addCalendarDays(eventDate, 1), nominalLastDay: day, lastDay: day, dueAt: endOfBeijingDay(day) };
}

/**
 * Extends a period by `days` calendar days counted from the day after its last day (an
 * extension of the 60-day handling limit by at most 30 days, art. 34), moved past rest days
 * like any period.
 */
export function extendPeriod(calendar: WorkingCalendar, period: Pick<Period, 'lastDay'>, days: number): Period {
  checkCount(days, 'days');
  return finish(calendar, period.lastDay, addCalendarDays(period.lastDay, days));
}

/** Whether a period has run out at `now`. */
export function isOverdue(period: Pick<Period, 'dueAt'>, now: Date): boolean {
  return now.getTime() >= period.dueAt.getTime();
}

/** Whether an act at `at` is within the period (acts on the last day, up to 24:00, are). */
export function isWithin(period: Pick<Period, 'dueAt'>, at: Date): boolean {
  return at.getTime() < period.dueAt.getTime();
}

/**
 * How much of a period has passed at `now`, from the start of its first day to its end: 0 at
 * the start, 1 at the deadline, above 1 when overdue. For warnings at 70% and 90%.
 */
export function elapsedShare(period: Pick<Period, 'firstDay' | 'dueAt'>, now: Date): number {
  const start = endOfBeijingDay(addCalendarDays(period.firstDay, -1)).getTime();
  const end = period.dueAt.getTime();
  return (now.getTime() - start) / (end - start);
}

/**
 * The instant at which a given share of a period has passed (e.g. 0.7 for the first warning),
 * so timers can be stored with their due time instead of recomputed on every tick.
 */
export function shareReachedAt(period: Pick<Period, 'firstDay' | 'dueAt'>, share: number): Date {
  const start = endOfBeijingDay(addCalendarDays(period.firstDay, -1)).getTime();
  return new Date(start + Math.round((period.dueAt.getTime() - start) * share));
}
