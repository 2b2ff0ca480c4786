import type { HandlingOutcome, WorkUnit } from '@pdmc/contracts';

/** `open` from routing's decision until the written decision; `decided` after it (one per case). */
export const CASE_STATUSES = ['open', 'decided'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * The written handling decision (信访处理意见书, 信访工作条例 art. 31-33): the petitioner's request,
 * the facts found, the outcome and its legal basis, and whether a mediation agreement was reached.
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
  /** Last moment to request a review (复查): 30 days after the decision (art. 35). */
  reviewRequestDueAt: Date;
}

export interface Case {
  id: string;
  petitionId: string;
  caseNumber: string;
  workUnit: WorkUnit;
  responsibleBody: string;
  status: CaseStatus;
  openedAt: Date;
  dueAt: Date;
  /** `null` until the case is decided. */
  decision: CaseDecision | null;
}

/** Handling must finish within 60 days of acceptance (信访工作条例 art. 34). */
export const HANDLING_LIMIT_DAYS = 60;

/** A review (复查) may be requested within 30 days of the decision (信访工作条例 art. 35). */
export const REVIEW_REQUEST_LIMIT_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The handling deadline: 60 calendar days after the case was opened. */
export function handlingDueAt(openedAt: Date): Date {
  return new Date(openedAt.getTime() + HANDLING_LIMIT_DAYS * DAY_MS);
}

/** The last moment the petitioner may request a review: 30 calendar days after the decision. */
export function reviewRequestDueAt(decidedAt: Date): Date {
  return new Date(decidedAt.getTime() + REVIEW_REQUEST_LIMIT_DAYS * DAY_MS);
}

/** Only an open case can be decided: one written decision per case. */
export function canBeDecided(status: CaseStatus): boolean {
  return status === 'open';
}
