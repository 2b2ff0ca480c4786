import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CASE_ACCEPTED_V1,
  CASE_CEASED_V1,
  CASE_CLOSED_V1,
  CASE_DECIDED_V1,
  CASE_OPENED_V1,
  CASE_RETURNED_V1,
  CASE_SERVED_V1,
  CASE_TERMINATED_V1,
  DISBURSEMENT_RECORDED_V1,
  DISBURSEMENT_REVERSED_V1,
  EVALUATION_SUBMITTED_V1,
  EXTENSION_GRANTED_V1,
  INCIDENT_REPORTED_V1,
  MEETING_CONCLUDED_V1,
  PETITION_ACCEPTED_V1,
  PETITION_DECLINED_V1,
  PETITION_FLAGS_CHANGED_V1,
  PETITION_MERGED_V1,
  PETITION_REGISTERED_V1,
  REEXAMINATION_DECIDED_V1,
  REEXAMINATION_REQUESTED_V1,
  REVIEW_DECIDED_V1,
  REVIEW_REQUESTED_V1,
  TASK_ISSUED_V1,
  TASK_REPORTED_V1,
  type CaseAcceptedV1,
  type CaseCeasedV1,
  type CaseClosedV1,
  type CaseDecidedV1,
  type CaseOpenedV1,
  type CaseReturnedV1,
  type CaseServedV1,
  type CaseTerminatedV1,
  type DisbursementRecordedV1,
  type DisbursementReversedV1,
  type EvaluationSubmittedV1,
  type EventEnvelope,
  type ExtensionGrantedV1,
  type IncidentReportedV1,
  type MeetingConcludedV1,
  type PetitionAcceptedV1,
  type PetitionDeclinedV1,
  type PetitionFlagsChangedV1,
  type PetitionMergedV1,
  type PetitionRegisteredV1,
  type ReexaminationDecidedV1,
  type ReexaminationRequestedV1,
  type ReviewDecidedV1,
  type ReviewRequestedV1,
  type TaskIssuedV1,
  type TaskReportedV1,
} from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { SupervisionStatistics } from '../application/supervision-statistics';
import { WatchDeadlinesHandler } from '../application/watch-deadlines.handler';

/** One inbox key for supervision: the deadlines first (statistics read whether they were met in time), then the counters. */
const CONSUMER = 'routing.supervision';

/**
 * Supervision follows every service's events (issue 14): the deadlines they start and meet, and
 * the counters of the centre's numbers. Each handler is idempotent on its own (deterministic
 * obligation ids, claimed counter contributions); the inbox spares the work on a redelivery.
 */
@Controller()
export class SupervisionEventHandlers {
  constructor(
    private readonly inbox: Inbox,
    private readonly deadlines: WatchDeadlinesHandler,
    private readonly statistics: SupervisionStatistics,
  ) {}

  private once<P>(event: EventEnvelope<P>, work: (p: P) => Promise<void>): Promise<boolean> {
    return this.inbox.once(CONSUMER, event, () => work(event.payload));
  }

  @EventPattern(PETITION_REGISTERED_V1.subject)
  async registered(@Payload() e: EventEnvelope<PetitionRegisteredV1>): Promise<void> {
    await this.once(e, async (p) => {
      await this.deadlines.registered(p);
      await this.statistics.registered(p);
    });
  }

  @EventPattern(PETITION_ACCEPTED_V1.subject)
  async accepted(@Payload() e: EventEnvelope<PetitionAcceptedV1>): Promise<void> {
    await this.once(e, async (p) => {
      await this.deadlines.accepted(p);
      await this.statistics.accepted(p);
    });
  }

  @EventPattern(PETITION_DECLINED_V1.subject)
  async declined(@Payload() e: EventEnvelope<PetitionDeclinedV1>): Promise<void> {
    await this.once(e, async (p) => {
      await this.deadlines.declined(p);
      await this.statistics.declined(p);
    });
  }

  @EventPattern(PETITION_MERGED_V1.subject)
  async merged(@Payload() e: EventEnvelope<PetitionMergedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.merged(p));
  }

  @EventPattern(PETITION_FLAGS_CHANGED_V1.subject)
  async flagsChanged(@Payload() e: EventEnvelope<PetitionFlagsChangedV1>): Promise<void> {
    await this.once(e, (p) => this.statistics.flagsChanged(p));
  }

  @EventPattern(EVALUATION_SUBMITTED_V1.subject)
  async evaluated(@Payload() e: EventEnvelope<EvaluationSubmittedV1>): Promise<void> {
    await this.once(e, (p) => this.statistics.evaluated(p));
  }

  @EventPattern(CASE_OPENED_V1.subject)
  async caseOpened(@Payload() e: EventEnvelope<CaseOpenedV1>): Promise<void> {
    await this.once(e, async (p) => {
      await this.deadlines.caseOpened(p);
      await this.statistics.caseOpened(p);
    });
  }

  @EventPattern(CASE_ACCEPTED_V1.subject)
  async caseAccepted(@Payload() e: EventEnvelope<CaseAcceptedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.caseAccepted(p));
  }

  @EventPattern(CASE_RETURNED_V1.subject)
  async caseReturned(@Payload() e: EventEnvelope<CaseReturnedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.caseReturned(p));
  }

  @EventPattern(EXTENSION_GRANTED_V1.subject)
  async extensionGranted(@Payload() e: EventEnvelope<ExtensionGrantedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.extensionGranted(p));
  }

  @EventPattern(CASE_DECIDED_V1.subject)
  async decided(@Payload() e: EventEnvelope<CaseDecidedV1>): Promise<void> {
    await this.once(e, async (p) => {
      await this.deadlines.decided(p);
      await this.statistics.decided(p);
    });
  }

  @EventPattern(CASE_SERVED_V1.subject)
  async served(@Payload() e: EventEnvelope<CaseServedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.served(p));
  }

  @EventPattern(CASE_CLOSED_V1.subject)
  async closed(@Payload() e: EventEnvelope<CaseClosedV1>): Promise<void> {
    await this.once(e, (p) => this.statistics.closed(p));
  }

  @EventPattern(CASE_CEASED_V1.subject)
  async ceased(@Payload() e: EventEnvelope<CaseCeasedV1>): Promise<void> {
    await this.once(e, async (p) => {
      await this.deadlines.ceased(p);
      await this.statistics.ceased(p);
    });
  }

  @EventPattern(CASE_TERMINATED_V1.subject)
  async terminated(@Payload() e: EventEnvelope<CaseTerminatedV1>): Promise<void> {
    await this.once(e, async (p) => {
      await this.deadlines.terminated(p);
      await this.statistics.terminated(p);
    });
  }

  @EventPattern(REVIEW_REQUESTED_V1.subject)
  async reviewRequested(@Payload() e: EventEnvelope<ReviewRequestedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.reviewRequested(p));
  }

  @EventPattern(REVIEW_DECIDED_V1.subject)
  async reviewDecided(@Payload() e: EventEnvelope<ReviewDecidedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.reviewDecided(p));
  }

  @EventPattern(REEXAMINATION_REQUESTED_V1.subject)
  async reexaminationRequested(@Payload() e: EventEnvelope<ReexaminationRequestedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.reexaminationRequested(p));
  }

  @EventPattern(REEXAMINATION_DECIDED_V1.subject)
  async reexaminationDecided(@Payload() e: EventEnvelope<ReexaminationDecidedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.reexaminationDecided(p));
  }

  @EventPattern(TASK_ISSUED_V1.subject)
  async taskIssued(@Payload() e: EventEnvelope<TaskIssuedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.taskIssued(p));
  }

  @EventPattern(TASK_REPORTED_V1.subject)
  async taskReported(@Payload() e: EventEnvelope<TaskReportedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.taskReported(p));
  }

  @EventPattern(MEETING_CONCLUDED_V1.subject)
  async meetingConcluded(@Payload() e: EventEnvelope<MeetingConcludedV1>): Promise<void> {
    await this.once(e, (p) => this.deadlines.meetingConcluded(p));
  }

  @EventPattern(INCIDENT_REPORTED_V1.subject)
  async incidentReported(@Payload() e: EventEnvelope<IncidentReportedV1>): Promise<void> {
    await this.once(e, (p) => this.statistics.incidentReported(e.id, p));
  }

  @EventPattern(DISBURSEMENT_RECORDED_V1.subject)
  async disbursed(@Payload() e: EventEnvelope<DisbursementRecordedV1>): Promise<void> {
    await this.once(e, (p) => this.statistics.disbursement(e.id, p));
  }

  @EventPattern(DISBURSEMENT_REVERSED_V1.subject)
  async disbursementReversed(@Payload() e: EventEnvelope<DisbursementReversedV1>): Promise<void> {
    await this.once(e, (p) => this.statistics.disbursement(e.id, p));
  }
}
