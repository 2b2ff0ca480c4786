import { Injectable } from '@nestjs/common';
import type {
  CaseAcceptedV1,
  CaseCeasedV1,
  CaseDecidedV1,
  CaseOpenedV1,
  CaseReturnedV1,
  CaseServedV1,
  CaseTerminatedV1,
  ExtensionGrantedV1,
  MeetingConcludedV1,
  PetitionAcceptedV1,
  PetitionDeclinedV1,
  PetitionMergedV1,
  PetitionRegisteredV1,
  ReexaminationDecidedV1,
  ReexaminationRequestedV1,
  ReviewDecidedV1,
  ReviewRequestedV1,
  TaskIssuedV1,
  TaskReportedV1,
} from '@pdmc/contracts';
import { legalObligation, setDeadline, type LegalKind } from '../domain/obligation';
import { obligationId } from '../domain/obligation-ids';
import { Obligations } from './obligations';

/**
 * Keeps every live obligation from the other services' events (issue 14 point 1): each event
 * opens the obligations it starts and closes those it fulfils. Legal periods are counted here on
 * routing's working-day calendar; deadlines someone set (tasks, meetings, higher authorities)
 * are taken as set.
 */
@Injectable()
export class WatchDeadlinesHandler {
  constructor(private readonly obligations: Obligations) {}

  private async legal(id: string, kind: LegalKind, at: Date, who: Parameters<typeof legalObligation>[3]): Promise<void> {
    await this.obligations.open(id, legalObligation(await this.obligations.calendarAround(at), kind, at, who));
  }

  /** 15 days to accept or decline (art. 22-23); a higher authority's own limit on a referred item. */
  async registered(p: PetitionRegisteredV1): Promise<void> {
    const who = { petitionId: p.petitionId, caseNumber: p.caseNumber };
    await this.legal(obligationId.acceptance(p.petitionId), 'acceptance', new Date(p.receivedAt), who);
    if (p.referral?.dueAt) {
      await this.obligations.open(
        obligationId.referral(p.petitionId),
        setDeadline('referral', new Date(p.receivedAt), new Date(p.referral.dueAt), { ...who, assignee: p.referral.authority.slice(0, 64), reportRequired: p.referral.reportRequired }),
      );
    }
  }

  /** Accepted: the acceptance duty is met; the 60-day handling limit starts (art. 34). */
  async accepted(p: PetitionAcceptedV1): Promise<void> {
    const who = { petitionId: p.petitionId, caseNumber: p.caseNumber };
    await this.obligations.close(obligationId.acceptance(p.petitionId), new Date(p.acceptedAt), 'met', { kind: 'acceptance', ...who });
    await this.legal(obligationId.handling(p.petitionId), 'handling', new Date(p.acceptedAt), who);
  }

  async declined(p: PetitionDeclinedV1): Promise<void> {
    await this.obligations.close(obligationId.acceptance(p.petitionId), new Date(p.decidedAt), 'met', { kind: 'acceptance', petitionId: p.petitionId, caseNumber: p.caseNumber });
    await this.obligations.close(obligationId.referral(p.petitionId), new Date(p.decidedAt), 'lapsed', { kind: 'referral', petitionId: p.petitionId });
  }

  /** A merged petition is decided with the one it joined: its own duties lapse. */
  async merged(p: PetitionMergedV1): Promise<void> {
    const at = new Date(p.mergedAt);
    await this.obligations.close(obligationId.acceptance(p.petitionId), at, 'lapsed', { kind: 'acceptance', petitionId: p.petitionId });
    await this.obligations.close(obligationId.handling(p.petitionId), at, 'lapsed', { kind: 'handling', petitionId: p.petitionId });
    await this.obligations.close(obligationId.referral(p.petitionId), at, 'lapsed', { kind: 'referral', petitionId: p.petitionId });
  }

  /** A unit got the case: 5 working days to take it or object (art. 23). */
  async caseOpened(p: CaseOpenedV1): Promise<void> {
    await this.legal(obligationId.objection(p.caseId, p.workUnit), 'objection', new Date(p.openedAt), {
      petitionId: p.petitionId,
      caseNumber: p.caseNumber,
      caseId: p.caseId,
      workUnit: p.workUnit,
      assignee: p.responsibleBody,
    });
  }

  async caseAccepted(p: CaseAcceptedV1): Promise<void> {
    await this.obligations.close(obligationId.objection(p.caseId, p.workUnit), new Date(p.acceptedAt), 'met', { kind: 'objection', petitionId: p.petitionId, caseId: p.caseId, workUnit: p.workUnit });
  }

  async caseReturned(p: CaseReturnedV1): Promise<void> {
    await this.obligations.close(obligationId.objection(p.caseId, p.workUnit), new Date(p.returnedAt), 'met', { kind: 'objection', petitionId: p.petitionId, caseId: p.caseId, workUnit: p.workUnit });
  }

  async extensionGranted(p: ExtensionGrantedV1): Promise<void> {
    await this.obligations.extend(obligationId.handling(p.petitionId), { days: p.days });
  }

  /** The written decision meets the handling limit (or a re-handling's). */
  async decided(p: CaseDecidedV1): Promise<void> {
    const at = new Date(p.decidedAt);
    await this.obligations.close(obligationId.handling(p.petitionId), at, 'met', { kind: 'handling', petitionId: p.petitionId, caseNumber: p.caseNumber, workUnit: p.workUnit });
    // A re-handling ordered by a review is met by the next decision.
    for (const id of await this.obligations.openIds(p.petitionId, 'handling')) await this.obligations.close(id, at);
  }

  /** Served: the petitioner's 30 days to request a review run (art. 35). */
  async served(p: CaseServedV1): Promise<void> {
    await this.legal(obligationId.reviewWindow(p.caseId), 'review_window', new Date(p.servedAt), {
      petitionId: p.petitionId,
      caseNumber: p.caseNumber,
      caseId: p.caseId,
      workUnit: p.workUnit,
    });
  }

  async reviewRequested(p: ReviewRequestedV1): Promise<void> {
    const at = new Date(p.requestedAt);
    await this.obligations.close(obligationId.reviewWindow(p.caseId), at, 'met', { kind: 'review_window', petitionId: p.petitionId, caseId: p.caseId });
    await this.legal(obligationId.review(p.caseId), 'review', at, { petitionId: p.petitionId, caseNumber: p.caseNumber, caseId: p.caseId, workUnit: p.workUnit });
  }

  /** A review decided: re-handling by a new limit, or the petitioner's 30 days to ask for re-examination (art. 36). */
  async reviewDecided(p: ReviewDecidedV1): Promise<void> {
    const at = new Date(p.decidedAt);
    const who = { petitionId: p.petitionId, caseNumber: p.caseNumber, caseId: p.caseId, workUnit: p.workUnit };
    await this.obligations.close(obligationId.review(p.caseId), at, 'met', { kind: 'review', ...who });
    if (p.outcome === 'rehandle' && p.dueAt) {
      await this.obligations.open(obligationId.rehandling(p.caseId, p.decidedAt), setDeadline('handling', at, new Date(p.dueAt), who));
    } else {
      await this.legal(obligationId.reexaminationWindow(p.caseId), 'reexamination_window', at, who);
    }
  }

  async reexaminationRequested(p: ReexaminationRequestedV1): Promise<void> {
    const at = new Date(p.requestedAt);
    const who = { petitionId: p.petitionId, caseNumber: p.caseNumber, caseId: p.caseId, workUnit: p.workUnit };
    await this.obligations.close(obligationId.reexaminationWindow(p.caseId), at, 'met', { kind: 'reexamination_window', ...who });
    await this.legal(obligationId.reexamination(p.caseId), 'reexamination', at, who);
  }

  async reexaminationDecided(p: ReexaminationDecidedV1): Promise<void> {
    await this.obligations.close(obligationId.reexamination(p.caseId), new Date(p.decidedAt), 'met', { kind: 'reexamination', petitionId: p.petitionId, caseId: p.caseId });
  }

  /** The windows passed without a request: nobody owes anything any more. */
  async ceased(p: CaseCeasedV1): Promise<void> {
    await this.obligations.close(obligationId.reviewWindow(p.caseId), new Date(p.ceasedAt), 'lapsed', { kind: 'review_window', petitionId: p.petitionId, caseId: p.caseId });
  }

  async terminated(p: CaseTerminatedV1): Promise<void> {
    const at = new Date(p.terminatedAt);
    await this.obligations.close(obligationId.reviewWindow(p.caseId), at, 'lapsed', { kind: 'review_window', petitionId: p.petitionId, caseId: p.caseId });
    await this.obligations.close(obligationId.reexaminationWindow(p.caseId), at, 'lapsed', { kind: 'reexamination_window', petitionId: p.petitionId, caseId: p.caseId });
    // A referred item is finished with its case, decided for good.
    await this.obligations.close(obligationId.referral(p.petitionId), at, 'met', { kind: 'referral', petitionId: p.petitionId });
  }

  async taskIssued(p: TaskIssuedV1): Promise<void> {
    await this.obligations.open(
      obligationId.task(p.taskId),
      setDeadline('task', new Date(p.issuedAt), new Date(p.dueAt), { petitionId: p.petitionId, caseNumber: p.caseNumber, caseId: p.caseId, workUnit: p.workUnit, assignee: p.body }),
    );
  }

  async taskReported(p: TaskReportedV1): Promise<void> {
    await this.obligations.close(obligationId.task(p.taskId), new Date(p.reportedAt), 'met', { kind: 'task', petitionId: p.petitionId, caseId: p.caseId });
  }

  /** Each task a joint meeting gave, on each of its petitions' supervision (the first petition carries it). */
  async meetingConcluded(p: MeetingConcludedV1): Promise<void> {
    const at = new Date(p.concludedAt);
    for (const task of p.tasks) {
      await this.obligations.open(
        obligationId.meetingTask(p.meetingId, task.taskId),
        setDeadline('meeting_task', at, new Date(task.dueAt), { petitionId: p.petitionIds[0], workUnit: p.leadUnit, assignee: task.assignee }),
      );
    }
  }
}
