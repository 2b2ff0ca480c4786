import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PETITION_FLAGS_CHANGED_V1, type EventEnvelope, type PetitionFlagsChangedV1 } from '@pdmc/contracts';
import { FollowFlagChangeHandler } from '../application/follow-flag-change.handler';

@Controller()
export class PetitionFlagsChangedEventHandler {
  constructor(private readonly follow: FollowFlagChangeHandler) {}

  @EventPattern(PETITION_FLAGS_CHANGED_V1.subject, { inbox: 'emergency.follow-flag-change' })
  async handle(@Payload() event: EventEnvelope<PetitionFlagsChangedV1>): Promise<void> {
    await this.follow.execute(event);
  }
}
