import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CASE_TERMINATED_V1, type CaseTerminatedV1, type EventEnvelope } from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { RecordCaseHandler } from '../application/record-case.handler';

@Controller()
export class CaseTerminatedEventHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly record: RecordCaseHandler,
  ) {}

  @EventPattern(CASE_TERMINATED_V1.subject)
  async handle(@Payload() event: EventEnvelope<CaseTerminatedV1>): Promise<void> {
    await this.inbox.once('funds.terminate-case', event, () => this.record.terminate(event));
  }
}
