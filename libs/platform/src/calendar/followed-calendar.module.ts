import { Module } from '@nestjs/common';
import { FollowedCalendar } from './followed-calendar';

/**
 * For a service that counts legal periods on the calendar routing owns: import it, inject
 * `FollowedCalendar` (its `calendar`), and hand `routing.calendar.changed.v1` to its `follow`
 * from an event handler of the service's own (its NATS user must consume the subject).
 */
@Module({
  providers: [FollowedCalendar],
  exports: [FollowedCalendar],
})
export class FollowedCalendarModule {}
