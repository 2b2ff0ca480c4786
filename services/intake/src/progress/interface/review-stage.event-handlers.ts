import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CASE_CEASED_V1,
  CASE_SERVED_V1,
  REEXAMINATION_DECIDED_V1,
  REEXAMINATION_REQUESTED_V1,
  REVIEW_DECIDED_V1,
  REVIEW_REQUESTED_V1,
  type CaseCeasedV1,
  type CaseServedV1,
  type EventEnvelope,
  type ReexaminationDecidedV1,
  type ReexaminationRequestedV1,
  type ReviewDecidedV1,
  type ReviewRequestedV1,
} from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { ReviewStageProjector } from '../application/review-stage.projector';

/** Handling's steps after the decision, for the petitioner's look-up and the timeline (termination: see TerminationEventHandlers). */
@Controller()
export class ReviewStageEventHandlers {
  constructor(
    private readonly inbox: Inbox,
    private readonly projector: ReviewStageProjector,
  ) {}

  @EventPattern(CASE_SERVED_V1.subject)
  async served(@Payload() event: EventEnvelope<CaseServedV1>): Promise<void> {
    await this.inbox.once('intake.progress.case-served', event, () => this.projector.served(event));
  }

  @EventPattern(REVIEW_REQUESTED_V1.subject)
  async reviewRequested(@Payload() event: EventEnvelope<ReviewRequestedV1>): Promise<void> {
    await this.inbox.once('intake.progress.review-requested', event, () => this.projector.reviewRequested(event));
  }

  @EventPattern(REVIEW_DECIDED_V1.subject)
  async reviewDecided(@Payload() event: EventEnvelope<ReviewDecidedV1>): Promise<void> {
    await this.inbox.once('intake.progress.review-decided', event, () => this.projector.reviewDecided(event));
  }

  @EventPattern(REEXAMINATION_REQUESTED_V1.subject)
  async reexaminationRequested(@Payload() event: EventEnvelope<ReexaminationRequestedV1>): Promise<void> {
    await this.inbox.once('intake.progress.reexamination-requested', event, () => this.projector.reexaminationRequested(event));
  }

  @EventPattern(REEXAMINATION_DECIDED_V1.subject)
  async reexaminationDecided(@Payload() event: EventEnvelope<ReexaminationDecidedV1>): Promise<void> {
    await this.inbox.once('intake.progress.reexamination-decided', event, () => this.projector.reexaminationDecided(event));
  }

  @EventPattern(CASE_CEASED_V1.subject)
  async ceased(@Payload() event: EventEnvelope<CaseCeasedV1>): Promise<void> {
    await this.inbox.once('intake.progress.case-ceased', event, () => this.projector.ceased(event));
  }
}
