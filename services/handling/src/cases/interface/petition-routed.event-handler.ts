import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PETITION_ROUTED_V1, type EventEnvelope, type PetitionRoutedV1 } from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { OpenCaseHandler } from '../application/open-case.handler';

@Controller()
export class PetitionRoutedEventHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly openCase: OpenCaseHandler,
  ) {}

  @EventPattern(PETITION_ROUTED_V1.subject)
  async handle(@Payload() event: EventEnvelope<PetitionRoutedV1>): Promise<void> {
    await this.inbox.once('handling.open-case', event, () => this.openCase.execute(event));
  }
}
