import { defaultWorkingCalendar, periodInDays, type WorkingCalendar } from '@pdmc/calendar';

/**
 * The acceptance decision (信访工作条例 art. 22-23, 29-31): within 15 days of receipt the centre
 * accepts an item, declines it with a reason, or forwards it to the competent body, and tells
 * the petitioner in writing.
 */
export const ACCEPTANCE_LIMIT_DAYS = 15;

export const ACCEPTANCE_DECISIONS = ['accept', 'not_accept', 'forward'] as const;
export type AcceptanceDecisionKind = (typeof ACCEPTANCE_DECISIONS)[number];

/** Why an item is not accepted; the fixed list the notice (不予受理告知书) quotes. */
export const NOT_ACCEPTED_REASONS = {
  outside_competence: '不属于本机关职责范围，请向有权处理的机关提出',
  litigation_arbitration_review: '属于应当通过诉讼、仲裁、行政复议等法定途径解决的事项',
  terminated_after_reexamination: '已经复查复核终结，同一事实和理由不再受理',
  anonymous_or_insufficient: '未提供真实姓名、联系方式或基本事实，无法受理',
} as const;
export type NotAcceptedReason = keyof typeof NOT_ACCEPTED_REASONS;

export interface AcceptanceDecision {
  kind: AcceptanceDecisionKind;
  reason?: NotAcceptedReason;
  /** The competent body the item goes to, for `forward`. */
  forwardTo?: string;
  decidedAt: Date;
  decidedBy: string;
}

/**
 * The acceptance deadline: 15 days counted as the law counts periods (the day of receipt not
 * counted, to 24:00 Beijing time of the last day, moved to the next working day when that is a
 * rest day; see libs/calendar).
 */
export function acceptanceDueAt(receivedAt: Date, calendar: WorkingCalendar = defaultWorkingCalendar()): Date {
  return periodInDays(calendar, receivedAt, ACCEPTANCE_LIMIT_DAYS).dueAt;
}

export type AcceptanceProblem =
  | { code: 'INTAKE.REASON_REQUIRED'; field: 'reason' }
  | { code: 'INTAKE.REASON_NOT_ALLOWED'; field: 'reason' }
  | { code: 'INTAKE.FORWARD_TARGET_REQUIRED'; field: 'forwardTo' }
  | { code: 'INTAKE.FORWARD_TARGET_NOT_ALLOWED'; field: 'forwardTo' };

/** The shape rules of a decision: a reason only when declining, a target only when forwarding. */
export function checkDecision(kind: AcceptanceDecisionKind, reason?: string, forwardTo?: string): AcceptanceProblem | undefined {
  if (kind === 'not_accept' && !reason) return { code: 'INTAKE.REASON_REQUIRED', field: 'reason' };
  if (kind !== 'not_accept' && reason) return { code: 'INTAKE.REASON_NOT_ALLOWED', field: 'reason' };
  if (kind === 'forward' && !forwardTo) return { code: 'INTAKE.FORWARD_TARGET_REQUIRED', field: 'forwardTo' };
  if (kind !== 'forward' && forwardTo) return { code: 'INTAKE.FORWARD_TARGET_NOT_ALLOWED', field: 'forwardTo' };
  return undefined;
}

/** Status after the decision. */
export function statusAfter(kind: AcceptanceDecisionKind): 'accepted' | 'not_accepted' | 'forwarded' {
  return kind === 'accept' ? 'accepted' : kind === 'forward' ? 'forwarded' : 'not_accepted';
}

/** Whether a still-undecided item is past its acceptance deadline at `now`. */
export function isAcceptanceOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime();
}
