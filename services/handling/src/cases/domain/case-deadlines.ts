import {
  extendPeriod,
  isWithin,
  periodInDays,
  periodInWorkingDays,
  type CivilDate,
  type Period,
  type WorkingCalendar,
} from '@pdmc/calendar';

/** Handling must finish within 60 days of the centre's acceptance (信访工作条例 art. 34). */
export const HANDLING_LIMIT_DAYS = 60;

/** One extension of at most 30 days (art. 34). */
export const MAX_EXTENSION_DAYS = 30;

/** A unit objects to a case outside its competence within 5 working days of assignment (art. 23). */
export const OBJECTION_LIMIT_WORKING_DAYS = 5;

/** A review (复查) is requested within 30 days of the decision's service (art. 35). */
export const REVIEW_REQUEST_LIMIT_DAYS = 30;

/** A review is decided within 30 days of the request (art. 35). */
export const REVIEW_DECISION_LIMIT_DAYS = 30;

/** A re-examination (复核) is requested within 30 days of the review's service (art. 36). */
export const REEXAMINATION_REQUEST_LIMIT_DAYS = 30;

/** A re-examination is decided within 30 days of the request (art. 36). */
export const REEXAMINATION_DECISION_LIMIT_DAYS = 30;

/** The 60-day handling limit, from the centre's acceptance. A re-route or a wait at the dispatcher does not restart it. */
export function handlingPeriod(calendar: WorkingCalendar, acceptedAt: Date): Period {
  return periodInDays(calendar, acceptedAt, HANDLING_LIMIT_DAYS);
}

/** The handling limit moved by an approved extension, counted on from the limit's last day. */
export function extendedHandlingPeriod(calendar: WorkingCalendar, lastDay: CivilDate, days: number): Period {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) {
    throw new RangeError(`an extension is 1 to ${MAX_EXTENSION_DAYS} days, got ${days}`);
  }
  return extendPeriod(calendar, { lastDay }, days);
}

/** The window in which the unit may return a case it was assigned. */
export function objectionPeriod(calendar: WorkingCalendar, assignedAt: Date): Period {
  return periodInWorkingDays(calendar, assignedAt, OBJECTION_LIMIT_WORKING_DAYS);
}

/** The window to request a review, from the service of the decision. */
export function reviewRequestPeriod(calendar: WorkingCalendar, servedAt: Date): Period {
  return periodInDays(calendar, servedAt, REVIEW_REQUEST_LIMIT_DAYS);
}

/** The REVIEW unit's limit to decide a review. */
export function reviewDecisionPeriod(calendar: WorkingCalendar, requestedAt: Date): Period {
  return periodInDays(calendar, requestedAt, REVIEW_DECISION_LIMIT_DAYS);
}

/** The window to request a re-examination, from the service of the review decision. */
export function reexaminationRequestPeriod(calendar: WorkingCalendar, reviewServedAt: Date): Period {
  return periodInDays(calendar, reviewServedAt, REEXAMINATION_REQUEST_LIMIT_DAYS);
}

/** The REVIEW unit's limit to decide a re-examination. */
export function reexaminationDecisionPeriod(calendar: WorkingCalendar, requestedAt: Date): Period {
  return periodInDays(calendar, requestedAt, REEXAMINATION_DECISION_LIMIT_DAYS);
}

/** Whether an act at `at` falls within a window ending at `dueAt` (acts up to 24:00 of the last day do). */
export function withinWindow(dueAt: Date, at: Date): boolean {
  return isWithin({ dueAt }, at);
}
