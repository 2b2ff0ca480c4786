import type { HandlingOutcome, WorkUnit } from '@pdmc/contracts';
import type { PageQuery } from '@pdmc/platform';
import type { CaseStatus, RequestChannel, ResolutionKind } from '../domain/case';
import type { CaseState } from '../domain/case-lifecycle';

/*
 * What the use cases take. The HTTP DTOs in interface/ validate requests into these shapes;
 * the handlers depend on the shapes, never on the DTOs.
 */

export interface StepNoteCommand {
  note?: string;
}

export interface ReturnCaseCommand {
  reason: string;
}

export interface AssignHandlerCommand {
  handler: string;
}

export interface RecordResolutionCommand {
  kind: ResolutionKind;
  summary: string;
  parties?: string[];
  terms?: string;
  heldOn?: string;
  referredTo?: string;
}

export interface DecideCaseCommand {
  outcome: HandlingOutcome;
  request: string;
  facts: string;
  legalBasis: string;
  mediationAgreement?: boolean;
}

export interface CorrectDecisionCommand extends DecideCaseCommand {
  correctionReason: string;
}

export interface ServeCommand {
  servedAt?: string;
  method?: string;
}

export interface IssueTaskCommand {
  body?: string;
  instructions: string;
  dueAt: string;
}

export interface ReportTaskCommand {
  findings: string;
  actions: string;
}

export interface ReviewTaskReportCommand {
  decision: 'accept' | 'send_back';
  reason?: string;
}

export interface RequestExtensionCommand {
  days: number;
  reason: string;
}

export interface DecideExtensionCommand {
  decision: 'approve' | 'refuse';
  reason?: string;
}

export interface RequestReviewCommand {
  channel: RequestChannel;
  grounds: string;
  requestedAt?: string;
}

export interface DecideReviewCommand {
  outcome: 'uphold' | 'change' | 'rehandle';
  reasoning: string;
}

export interface WithdrawCommand {
  reason: string;
}

export interface CaseFilter extends PageQuery {
  petitionId?: string;
  workUnit?: WorkUnit;
  status?: CaseStatus;
}

export interface QueueFilter extends PageQuery {
  unit?: WorkUnit;
  status?: CaseState;
  handler?: string;
  unassigned?: boolean;
  overdue?: boolean;
}
