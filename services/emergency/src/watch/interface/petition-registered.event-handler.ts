import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PETITION_REGISTERED_V1, type EventEnvelope, type PetitionRegisteredV1 } from '@pdmc/contracts';
import { WatchPetitionHandler } from '../application/watch-petition.handler';

@Controller()
export class PetitionRegisteredEventHandler {
  constructor(private readonly watch: WatchPetitionHandler) {}

  @EventPattern(PETITION_REGISTERED_V1.subject, { inbox: 'emergency.watch-petition' })
  async handle(@Payload() event: EventEnvelope<PetitionRegisteredV1>): Promise<void> {
    await this.watch.execute(event);
  }
}
