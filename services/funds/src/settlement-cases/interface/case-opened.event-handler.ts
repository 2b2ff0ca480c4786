import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CASE_OPENED_V1, type CaseOpenedV1, type EventEnvelope } from '@pdmc/contracts';
import { RecordCaseHandler } from '../application/record-case.handler';

@Controller()
export class CaseOpenedEventHandler {
  constructor(private readonly record: RecordCaseHandler) {}

  @EventPattern(CASE_OPENED_V1.subject, { inbox: 'funds.record-case' })
  async handle(@Payload() event: EventEnvelope<CaseOpenedV1>): Promise<void> {
    await this.record.execute(event);
  }
}
