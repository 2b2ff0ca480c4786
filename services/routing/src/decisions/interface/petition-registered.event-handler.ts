import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PETITION_REGISTERED_V1, type EventEnvelope, type PetitionRegisteredV1 } from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { RoutePetitionHandler } from '../application/route-petition.handler';

const CONSUMER = 'routing.route-petition';

@Controller()
export class PetitionRegisteredEventHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly routePetition: RoutePetitionHandler,
  ) {}

  @EventPattern(PETITION_REGISTERED_V1.subject)
  async handle(@Payload() event: EventEnvelope<PetitionRegisteredV1>): Promise<void> {
    await this.inbox.once(CONSUMER, event, () => this.routePetition.execute(event));
  }
}
