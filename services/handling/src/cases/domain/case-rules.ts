import type { WorkUnit } from '@pdmc/contracts';
import type { WorkingCalendar } from '@pdmc/calendar';
import type { BodyTask, Extension, ResolutionRecord, ReviewRecord } from './case';
import { objectionPeriod, reexaminationRequestPeriod, reviewRequestPeriod, withinWindow } from './case-deadlines';
import { FINAL_STATES, type CaseState } from './case-lifecycle';

/**
 * A business rule refused an action. Plain data: the use case turns it into the platform's error
 * shape (`code`, HTTP status, the field and rule that failed).
 */
export class CaseRuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 404 | 409 | 422,
    readonly field: string,
    readonly rule: string,
  ) {
    super(message);
    this.name = 'CaseRuleViolation';
  }
}

/** Art. 23: an objection comes within 5 working days of the assignment. */
export function assertObjectionInTime(calendar: WorkingCalendar, assignedAt: Date, now: Date): void {
  const period = objectionPeriod(calendar, assignedAt);
  if (!withinWindow(period.dueAt, now)) {
    throw new CaseRuleViolation(
      'HANDLING.OBJECTION_WINDOW_PASSED',
      `A unit returns a case within 5 working days of its assignment (art. 23); the window ended ${period.dueAt.toISOString()}`,
      422,
      'returnedAt',
      'art23.within5WorkingDays',
    );
  }
}

/** Art. 31-33: a decision rests on at least one recorded means of resolution. */
export function assertResolutionRecorded(resolutions: readonly ResolutionRecord[]): void {
  if (resolutions.length === 0) {
    throw new CaseRuleViolation(
      'HANDLING.NO_RESOLUTION_RECORDED',
      'Record at least one means of resolution (investigation, mediation, ruling, referral, hearing) before the decision',
      409,
      'resolutions',
      'atLeastOne',
    );
  }
}

/** Art. 34: one extension per case; a pending request is decided before another. */
export function assertExtensionRequestable(extension: Extension | null): void {
  if (extension?.status === 'granted') {
    throw new CaseRuleViolation('HANDLING.EXTENSION_ALREADY_GRANTED', 'A case is extended once at most (art. 34)', 409, 'extension', 'art34.once');
  }
  if (extension?.status === 'requested') {
    throw new CaseRuleViolation('HANDLING.EXTENSION_PENDING', 'An extension request is waiting for its decision', 409, 'extension', 'pending');
  }
}

export function assertExtensionPending(extension: Extension | null): Extension {
  if (extension?.status !== 'requested') {
    throw new CaseRuleViolation('HANDLING.NO_EXTENSION_REQUESTED', 'No extension request is waiting for a decision', 409, 'extension', 'requested');
  }
  return extension;
}

/** Art. 35: a review is requested within 30 days of the decision's service (open until it is served). */
export function assertReviewInTime(calendar: WorkingCalendar, servedAt: Date | null, requestedAt: Date): void {
  if (!servedAt) return;
  const period = reviewRequestPeriod(calendar, servedAt);
  if (!withinWindow(period.dueAt, requestedAt)) {
    throw new CaseRuleViolation(
      'HANDLING.REVIEW_WINDOW_PASSED',
      `A review is requested within 30 days of the decision's service (art. 35); the window ended ${period.dueAt.toISOString()}`,
      422,
      'requestedAt',
      'art35.within30Days',
    );
  }
}

/** Art. 36: a re-examination is requested within 30 days of the review's service. */
export function assertReexaminationInTime(calendar: WorkingCalendar, review: ReviewRecord, requestedAt: Date): void {
  if (!review.servedAt) return;
  const period = reexaminationRequestPeriod(calendar, review.servedAt);
  if (!withinWindow(period.dueAt, requestedAt)) {
    throw new CaseRuleViolation(
      'HANDLING.REEXAMINATION_WINDOW_PASSED',
      `A re-examination is requested within 30 days of the review's service (art. 36); the window ended ${period.dueAt.toISOString()}`,
      422,
      'requestedAt',
      'art36.within30Days',
    );
  }
}

export function assertNotServed(servedAt: Date | null, what: string): void {
  if (servedAt) throw new CaseRuleViolation('HANDLING.ALREADY_SERVED', `The ${what} is already served`, 409, 'servedAt', 'once');
}

/** The task of a case, or a 404-worthy violation. */
export function taskOf(tasks: readonly BodyTask[], taskId: string): BodyTask {
  const task = tasks.find((t) => t.id === taskId);
  if (!task) throw new CaseRuleViolation('HANDLING.TASK_NOT_FOUND', 'No task with this id on the case', 404, 'taskId', 'exists');
  return task;
}

/** A body reports on a task it holds and that waits for its report (issued, or sent back). */
export function assertTaskReportable(task: BodyTask): void {
  if (task.status !== 'issued' && task.status !== 'sent_back') {
    throw new CaseRuleViolation('HANDLING.TASK_NOT_OPEN', `The task is ${task.status}; a report is expected only while it is issued or sent back`, 409, 'status', 'issuedOrSentBack');
  }
}

/** The unit accepts or sends back a report it has received. */
export function assertTaskReported(task: BodyTask): void {
  if (task.status !== 'reported') {
    throw new CaseRuleViolation('HANDLING.TASK_NOT_REPORTED', `The task is ${task.status}; only a reported task is accepted or sent back`, 409, 'status', 'reported');
  }
}

/** States in which the unit does its work and may give tasks and record means of resolution. */
export const WORKING_STATES: ReadonlySet<CaseState> = new Set<CaseState>(['accepted', 'investigating', 'resolving']);

export function assertWorking(state: CaseState, what: string): void {
  if (!WORKING_STATES.has(state)) {
    throw new CaseRuleViolation('HANDLING.NOT_IN_WORK', `A case that is ${state} takes no ${what}; the unit must have accepted it and not yet decided`, 409, 'status', 'acceptedInvestigatingOrResolving');
  }
}

/** A handler is assigned only while the case waits for its own unit's work. */
export function assertInQueue(queueUnit: WorkUnit | null, workUnit: WorkUnit): void {
  if (queueUnit !== workUnit) {
    throw new CaseRuleViolation('HANDLING.NOT_IN_QUEUE', 'The case is not in the unit’s queue (returned, closed, under review or over)', 409, 'status', 'inUnitQueue');
  }
}

/** The earliest deadline among the tasks still waiting for a body's report (for the overdue-task list). */
export function openTaskDueAt(tasks: readonly BodyTask[]): Date | null {
  const open = tasks.filter((t) => t.status === 'issued' || t.status === 'sent_back').map((t) => t.dueAt.getTime());
  return open.length ? new Date(Math.min(...open)) : null;
}

/** Which unit's queue holds the case, and by which deadline; `null` once nobody has work on it. */
export function queuePlacement(
  state: CaseState,
  workUnit: WorkUnit,
  dueAt: Date,
  review: ReviewRecord | null,
  reexamination: ReviewRecord | null,
): { queueUnit: WorkUnit | null; queueDueAt: Date | null } {
  if (FINAL_STATES.includes(state) || state === 'closed' || state === 'returned' || state === 'reexamination_decided') {
    return { queueUnit: null, queueDueAt: null };
  }
  if (state === 'review_requested' || state === 'review_decided') return { queueUnit: 'REVIEW', queueDueAt: review?.dueAt ?? dueAt };
  if (state === 'reexamination_requested') return { queueUnit: 'REVIEW', queueDueAt: reexamination?.dueAt ?? dueAt };
  return { queueUnit: workUnit, queueDueAt: dueAt };
}

export const TIMER_ACTIONS = ['cease', 'terminate'] as const;
export type TimerAction = (typeof TIMER_ACTIONS)[number];

/**
 * The clock-driven step a case waits for, if any: a served or closed decision ceases when its
 * review window passes; a served review decision terminates when the re-examination window passes; a decided
 * re-examination terminates.
 */
export function pendingTimer(
  state: CaseState,
  reviewRequestDueAt: Date | null,
  review: ReviewRecord | null,
  reexamination: ReviewRecord | null = null,
): { timerAction: TimerAction; timerDueAt: Date } | { timerAction: null; timerDueAt: null } {
  if ((state === 'served' || state === 'closed') && reviewRequestDueAt) return { timerAction: 'cease', timerDueAt: reviewRequestDueAt };
  if (state === 'review_decided' && review?.nextRequestDueAt) return { timerAction: 'terminate', timerDueAt: review.nextRequestDueAt };
  // Terminated at once by the re-examination's own step; the timer catches a crash in between.
  if (state === 'reexamination_decided' && reexamination?.decidedAt) return { timerAction: 'terminate', timerDueAt: reexamination.decidedAt };
  return { timerAction: null, timerDueAt: null };
}
