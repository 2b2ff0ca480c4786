import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PETITION_FLAGS_CHANGED_V1, type EventEnvelope, type PetitionFlagsChangedV1 } from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { FollowFlagChangeHandler } from '../application/follow-flag-change.handler';

@Controller()
export class PetitionFlagsChangedEventHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly follow: FollowFlagChangeHandler,
  ) {}

  @EventPattern(PETITION_FLAGS_CHANGED_V1.subject)
  async handle(@Payload() event: EventEnvelope<PetitionFlagsChangedV1>): Promise<void> {
    await this.inbox.once('emergency.follow-flag-change', event, () => this.follow.execute(event));
  }
}
