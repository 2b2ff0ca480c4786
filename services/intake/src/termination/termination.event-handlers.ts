import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CASE_TERMINATED_V1,
  PETITION_REGISTERED_V1,
  type CaseTerminatedV1,
  type EventEnvelope,
  type PetitionRegisteredV1,
} from '@pdmc/contracts';
import { ReviewStageProjector } from '../progress/application/review-stage.projector';
import { RefuseTerminatedMatterHandler } from './refuse-terminated-matter.handler';

@Controller()
export class TerminationEventHandlers {
  constructor(
    private readonly refuse: RefuseTerminatedMatterHandler,
    private readonly progress: ReviewStageProjector,
  ) {}

  @EventPattern(CASE_TERMINATED_V1.subject, { inbox: 'intake.termination.case-terminated' })
  async caseTerminated(@Payload() event: EventEnvelope<CaseTerminatedV1>): Promise<void> {
    // One consumer per subject: the same delivery also tells the petitioner's look-up (both writes are idempotent).
    await this.refuse.caseTerminated(event.payload);
    await this.progress.terminated(event.payload);
  }

  /** Intake's own registrations: a repeat of a terminated matter is refused right after it is registered. */
  @EventPattern(PETITION_REGISTERED_V1.subject, { inbox: 'intake.termination.petition-registered' })
  async petitionRegistered(@Payload() event: EventEnvelope<PetitionRegisteredV1>): Promise<void> {
    await this.refuse.petitionRegistered(event.payload.petitionId);
  }
}
