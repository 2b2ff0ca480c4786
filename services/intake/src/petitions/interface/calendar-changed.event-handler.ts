import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CALENDAR_CHANGED_V1, type CalendarChangedV1, type EventEnvelope } from '@pdmc/contracts';
import { FollowedCalendar } from '@pdmc/platform';

/** A year of the working calendar replaced in routing reaches intake's 15-day acceptance deadline (issue #13 point 6). */
@Controller()
export class CalendarChangedEventHandler {
  constructor(private readonly calendar: FollowedCalendar) {}

  // No inbox: storing a year is conditional on its revision, so a redelivery changes nothing.
  @EventPattern(CALENDAR_CHANGED_V1.subject)
  async handle(@Payload() event: EventEnvelope<CalendarChangedV1>): Promise<void> {
    await this.calendar.follow(event.payload);
  }
}
