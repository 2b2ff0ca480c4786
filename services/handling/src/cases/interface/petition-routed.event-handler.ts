import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PETITION_MERGED_V1, PETITION_ROUTED_V1, type EventEnvelope, type PetitionMergedV1, type PetitionRoutedV1 } from '@pdmc/contracts';
import { MergeCaseHandler } from '../application/merge-case.handler';
import { OpenCaseHandler } from '../application/open-case.handler';

@Controller()
export class PetitionRoutedEventHandler {
  constructor(
    private readonly openCase: OpenCaseHandler,
    private readonly mergeCase: MergeCaseHandler,
  ) {}

  @EventPattern(PETITION_ROUTED_V1.subject, { inbox: 'handling.open-case' })
  async handle(@Payload() event: EventEnvelope<PetitionRoutedV1>): Promise<void> {
    await this.openCase.execute(event);
  }

  @EventPattern(PETITION_MERGED_V1.subject, { inbox: 'handling.merge-case' })
  async merged(@Payload() event: EventEnvelope<PetitionMergedV1>): Promise<void> {
    await this.mergeCase.execute(event);
  }
}
