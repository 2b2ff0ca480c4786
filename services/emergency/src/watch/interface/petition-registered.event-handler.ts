import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PETITION_REGISTERED_V1, type EventEnvelope, type PetitionRegisteredV1 } from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { WatchPetitionHandler } from '../application/watch-petition.handler';

@Controller()
export class PetitionRegisteredEventHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly watch: WatchPetitionHandler,
  ) {}

  @EventPattern(PETITION_REGISTERED_V1.subject)
  async handle(@Payload() event: EventEnvelope<PetitionRegisteredV1>): Promise<void> {
    await this.inbox.once('emergency.watch-petition', event, () => this.watch.execute(event));
  }
}
