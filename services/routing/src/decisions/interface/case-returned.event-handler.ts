import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CASE_RETURNED_V1, type CaseReturnedV1, type EventEnvelope } from '@pdmc/contracts';
import { RecordObjectionHandler } from '../application/record-objection.handler';

const CONSUMER = 'routing.record-objection';

/** A unit objected within its 5 working days and handling returned the case: back to the desk. */
@Controller()
export class CaseReturnedEventHandler {
  constructor(private readonly recordObjection: RecordObjectionHandler) {}

  @EventPattern(CASE_RETURNED_V1.subject, { inbox: CONSUMER })
  async handle(@Payload() event: EventEnvelope<CaseReturnedV1>): Promise<void> {
    await this.recordObjection.execute(event);
  }
}
