import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CASE_TERMINATED_V1, type CaseTerminatedV1, type EventEnvelope } from '@pdmc/contracts';
import { RecordCaseHandler } from '../application/record-case.handler';

@Controller()
export class CaseTerminatedEventHandler {
  constructor(private readonly record: RecordCaseHandler) {}

  @EventPattern(CASE_TERMINATED_V1.subject, { inbox: 'funds.terminate-case' })
  async handle(@Payload() event: EventEnvelope<CaseTerminatedV1>): Promise<void> {
    await this.record.terminate(event);
  }
}
