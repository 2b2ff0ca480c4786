import type { HandlingOutcome, WorkUnit } from '@pdmc/contracts';
import type { CaseAction, CaseState } from './case-lifecycle';

export { HANDLING_LIMIT_DAYS, REVIEW_REQUEST_LIMIT_DAYS } from './case-deadlines';

/** The states a case can be in; see {@link CASE_STATES} in `case-lifecycle.ts`. */
export { CASE_STATES as CASE_STATUSES } from './case-lifecycle';
export type CaseStatus = CaseState;

/**
 * The written handling decision (信访处理意见书, 信访工作条例 art. 31-33): the petitioner's request,
 * the facts found, the outcome and its legal basis, and whether a mediation agreement was reached.
 * Issued once; a correction is a new decision that supersedes it, never an edit.
 */
export interface CaseDecision {
  id: string;
  outcome: HandlingOutcome;
  request: string;
  facts: string;
  legalBasis: string;
  mediationAgreement: boolean;
  decidedAt: Date;
  /** Subject (user id) of the handler who decided. */
  decidedBy: string;
  /**
   * Last moment to request a review (复查, art. 35): 30 days after the service of the decision;
   * until it is served, counted as if served on the day of the decision.
   */
  reviewRequestDueAt: Date;
}

/** A decision that a correction replaced, kept with why. */
export interface SupersededDecision extends CaseDecision {
  supersededAt: Date;
  supersededBy: string;
  correctionReason: string;
}

/** The means of resolution (art. 31-33, domain.md §2), each with its own record. */
export const RESOLUTION_KINDS = [
  'investigation',
  'mediation',
  'administrative_ruling',
  'legal_aid_referral',
  'labour_arbitration_referral',
  'hearing',
] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

export interface ResolutionRecord {
  id: string;
  kind: ResolutionKind;
  /** Investigation findings, the ruling, the referral's reasons, a hearing's minutes. */
  summary: string;
  /** Mediation: the parties (by role or name as the agreement names them). Hearing: the participants. */
  parties: string[];
  /** Mediation agreement (调解协议): its terms. */
  terms: string | null;
  /** Mediation agreement: the day it was signed. Hearing: the day it was held. */
  heldOn: string | null;
  /** Referral: the body it went to (legal aid centre, arbitration commission). */
  referredTo: string | null;
  recordedAt: Date;
  recordedBy: string;
}

export const EXTENSION_STATUSES = ['requested', 'granted', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** An extension of the handling limit (art. 34): asked by a handler, decided by the unit head (or the director). */
export interface Extension {
  id: string;
  days: number;
  reason: string;
  status: ExtensionStatus;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  refusalReason: string | null;
  /** The due date before and after a grant. */
  previousDueAt: Date | null;
  newDueAt: Date | null;
}

export const TASK_STATUSES = ['issued', 'reported', 'accepted', 'sent_back'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskReport {
  findings: string;
  actions: string;
  reportedAt: Date;
  reportedBy: string;
}

/** A task given to a responsible body (事涉单位): investigate and act, report by the deadline. */
export interface BodyTask {
  id: string;
  body: string;
  instructions: string;
  dueAt: Date;
  status: TaskStatus;
  issuedAt: Date;
  issuedBy: string;
  reports: TaskReport[];
  /** Why the unit sent the last report back. */
  sentBackReason: string | null;
  acceptedAt: Date | null;
}

export const REVIEW_OUTCOMES = ['uphold', 'change', 'rehandle'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const REQUEST_CHANNELS = ['look_up', 'clerk', 'letter', 'visit'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** A review (复查) or re-examination (复核) by the REVIEW unit. */
export interface ReviewRecord {
  requestedAt: Date;
  requestedBy: string;
  channel: RequestChannel;
  grounds: string;
  /** The REVIEW unit's limit to decide. */
  dueAt: Date;
  outcome: ReviewOutcome | null;
  reasoning: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  servedAt: Date | null;
  /** After service: the last moment to ask for the next step (re-examination). */
  nextRequestDueAt: Date | null;
}

/** One line of the append-only history: who did what, when, and from which state to which. */
export interface HistoryEntry {
  at: Date;
  by: string;
  roles: string[];
  action: CaseAction | 'open' | 'record_resolution' | 'issue_task' | 'report_task' | 'accept_report' | 'send_back_report' | 'request_extension' | 'grant_extension' | 'refuse_extension' | 'assign_handler';
  from: CaseState | null;
  to: CaseState;
  what: string;
}

export interface Case {
  id: string;
  petitionId: string;
  caseNumber: string;
  workUnit: WorkUnit;
  responsibleBody: string;
  status: CaseStatus;
  openedAt: Date;
  /** When the centre accepted the petition: the 60-day limit runs from it. */
  acceptedAt: Date;
  /** When the current unit was given the case: the objection window runs from it. */
  assignedAt: Date;
  dueAt: Date;
  overdue: boolean;
  /** Subject of the handler the unit head assigned, if any. */
  handler: string | null;
  /** `null` until the case is decided; the current decision when corrected. */
  decision: CaseDecision | null;
  supersededDecisions: SupersededDecision[];
  servedAt: Date | null;
  resolutions: ResolutionRecord[];
  extension: Extension | null;
  tasks: BodyTask[];
  review: ReviewRecord | null;
  reexamination: ReviewRecord | null;
  /** Why the unit returned the case, while it is returned. */
  returnReason: string | null;
}
