import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  APPLICATION_APPROVED_V1,
  APPLICATION_CANCELLED_V1,
  APPLICATION_REJECTED_V1,
  APPLICATION_WITHDRAWN_V1,
  APPLICATION_SUBMITTED_V1,
  DISBURSEMENT_RECORDED_V1,
  DISBURSEMENT_REVERSED_V1,
  type ApplicationApprovedV1,
  type ApplicationCancelledV1,
  type ApplicationRejectedV1,
  type ApplicationWithdrawnV1,
  type ApplicationSubmittedV1,
  type DisbursementRecordedV1,
  type DisbursementReversedV1,
  type EventEnvelope,
} from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { RecordSettlementHandler } from '../application/record-settlement.handler';

/** Funds' applications and payments for a case reach its case view (issue #16 point 6). */
@Controller()
export class FundEventsEventHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly record: RecordSettlementHandler,
  ) {}

  @EventPattern(APPLICATION_SUBMITTED_V1.subject)
  async submitted(@Payload() event: EventEnvelope<ApplicationSubmittedV1>): Promise<void> {
    await this.inbox.once('handling.settlement-submitted', event, () => this.record.submitted(event));
  }

  @EventPattern(APPLICATION_APPROVED_V1.subject)
  async approved(@Payload() event: EventEnvelope<ApplicationApprovedV1>): Promise<void> {
    await this.inbox.once('handling.settlement-approved', event, () => this.record.approved(event));
  }

  @EventPattern(APPLICATION_REJECTED_V1.subject)
  async rejected(@Payload() event: EventEnvelope<ApplicationRejectedV1>): Promise<void> {
    await this.inbox.once('handling.settlement-rejected', event, () => this.record.rejected(event));
  }

  @EventPattern(DISBURSEMENT_RECORDED_V1.subject)
  async disbursed(@Payload() event: EventEnvelope<DisbursementRecordedV1>): Promise<void> {
    await this.inbox.once('handling.settlement-disbursed', event, () => this.record.disbursed(event));
  }

  @EventPattern(DISBURSEMENT_REVERSED_V1.subject)
  async reversed(@Payload() event: EventEnvelope<DisbursementReversedV1>): Promise<void> {
    await this.inbox.once('handling.settlement-reversed', event, () => this.record.reversed(event));
  }

  @EventPattern(APPLICATION_WITHDRAWN_V1.subject)
  async withdrawn(@Payload() event: EventEnvelope<ApplicationWithdrawnV1>): Promise<void> {
    await this.inbox.once('handling.settlement-withdrawn', event, () => this.record.withdrawn(event));
  }

  @EventPattern(APPLICATION_CANCELLED_V1.subject)
  async cancelled(@Payload() event: EventEnvelope<ApplicationCancelledV1>): Promise<void> {
    await this.inbox.once('handling.settlement-cancelled', event, () => this.record.cancelled(event));
  }
}
