import type { Provider } from '@nestjs/common';
import { defaultWorkingCalendar } from '@pdmc/calendar';

export const WORKING_CALENDAR = Symbol('WORKING_CALENDAR');

/** The official working calendar (weekends, holidays, make-up working days) every period is counted on. */
export const workingCalendarProvider: Provider = { provide: WORKING_CALENDAR, useFactory: () => defaultWorkingCalendar() };
