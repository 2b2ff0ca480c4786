export * from './civil-date';
export * from './clock';
export * from './environment-clock';
export * from './official-calendars';
export * from './periods';
export * from './working-calendar';

import { OFFICIAL_HOLIDAY_YEARS } from './official-calendars';
import { WorkingCalendar } from './working-calendar';

/** The calendar built from the shipped holiday data, for services without their own edits. */
export function defaultWorkingCalendar(): WorkingCalendar {
  return new WorkingCalendar(OFFICIAL_HOLIDAY_YEARS);
}
