import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PETITION_ACCEPTED_V1, type EventEnvelope, type PetitionAcceptedV1 } from '@pdmc/contracts';
import { RoutePetitionHandler } from '../application/route-petition.handler';

const CONSUMER = 'routing.route-petition';

/**
 * A petition is routed only once the centre has accepted it (受理, 信访工作条例 art. 22-23);
 * a petition registered but not accepted, or forwarded, never reaches a work unit.
 */
@Controller()
export class PetitionAcceptedEventHandler {
  constructor(private readonly routePetition: RoutePetitionHandler) {}

  @EventPattern(PETITION_ACCEPTED_V1.subject, { inbox: CONSUMER })
  async handle(@Payload() event: EventEnvelope<PetitionAcceptedV1>): Promise<void> {
    await this.routePetition.execute(event);
  }
}
