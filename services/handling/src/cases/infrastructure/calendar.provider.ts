import type { Provider } from '@nestjs/common';
import { FollowedCalendar } from '@pdmc/platform';

export const WORKING_CALENDAR = Symbol('WORKING_CALENDAR');

/**
 * The working calendar (weekends, holidays, make-up working days) every period is counted on:
 * the shipped schedule, with the years an administrator replaced in routing (FollowedCalendar).
 */
export const workingCalendarProvider: Provider = {
  provide: WORKING_CALENDAR,
  inject: [FollowedCalendar],
  useFactory: (followed: FollowedCalendar) => followed.calendar,
};
