import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CASE_DECIDED_V1,
  CASE_OPENED_V1,
  PETITION_ROUTED_V1,
  type CaseDecidedV1,
  type CaseOpenedV1,
  type EventEnvelope,
  type PetitionRoutedV1,
} from '@pdmc/contracts';
import { ProgressProjector } from '../application/progress.projector';

/** Routing's and handling's events that move a petition on, as the petitioner follows it. */
@Controller()
export class ProgressEventHandlers {
  constructor(private readonly projector: ProgressProjector) {}

  @EventPattern(PETITION_ROUTED_V1.subject, { inbox: 'intake.progress.routed' })
  async routed(@Payload() event: EventEnvelope<PetitionRoutedV1>): Promise<void> {
    await this.projector.routed(event);
  }

  @EventPattern(CASE_OPENED_V1.subject, { inbox: 'intake.progress.case-opened' })
  async caseOpened(@Payload() event: EventEnvelope<CaseOpenedV1>): Promise<void> {
    await this.projector.caseOpened(event);
  }

  @EventPattern(CASE_DECIDED_V1.subject, { inbox: 'intake.progress.case-decided' })
  async caseDecided(@Payload() event: EventEnvelope<CaseDecidedV1>): Promise<void> {
    await this.projector.caseDecided(event);
  }
}
