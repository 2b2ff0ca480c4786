import { defaultWorkingCalendar } from '@pdmc/calendar';
import type { BodyTask, Extension, ReviewRecord } from './case';
import {
  assertExtensionPending,
  assertExtensionRequestable,
  assertObjectionInTime,
  assertResolutionRecorded,
  assertReviewInTime,
  CaseRuleViolation,
  openTaskDueAt,
  pendingTimer,
  queuePlacement,
} from './case-rules';

const calendar = defaultWorkingCalendar();
const bj = (local: string) => new Date(`${local}+08:00`);

const violation = (fn: () => unknown): CaseRuleViolation => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaseRuleViolation) return error;
    throw error;
  }
  throw new Error('no violation');
};

const extension = (status: Extension['status']): Extension => ({
  id: 'e',
  days: 10,
  reason: 'r',
  status,
  requestedBy: 'h',
  requestedAt: bj('2026-06-01T09:00:00'),
  decidedBy: null,
  decidedAt: null,
  refusalReason: null,
  previousDueAt: null,
  newDueAt: null,
});

const task = (status: BodyTask['status'], dueAt: string): BodyTask => ({
  id: status,
  body: 'area:HX',
  instructions: 'i',
  dueAt: bj(dueAt),
  status,
  issuedAt: bj('2026-06-01T09:00:00'),
  issuedBy: 'h',
  reports: [],
  sentBackReason: null,
  acceptedAt: null,
});

const reviewRecord = (over: Partial<ReviewRecord> = {}): ReviewRecord => ({
  requestedAt: bj('2026-06-01T09:00:00'),
  requestedBy: 'c',
  channel: 'clerk',
  grounds: 'g',
  dueAt: bj('2026-07-02T00:00:00'),
  outcome: null,
  reasoning: null,
  decidedAt: null,
  decidedBy: null,
  servedAt: null,
  nextRequestDueAt: null,
  ...over,
});

describe('case rules', () => {
  it('accepts an objection up to 24:00 of the fifth working day after assignment, not after', () => {
    expect(() => assertObjectionInTime(calendar, bj('2026-06-01T09:00:00'), bj('2026-06-08T23:59:59'))).not.toThrow();
    expect(violation(() => assertObjectionInTime(calendar, bj('2026-06-01T09:00:00'), bj('2026-06-09T00:00:00')))).toMatchObject({
      code: 'HANDLING.OBJECTION_WINDOW_PASSED',
      status: 422,
      rule: 'art23.within5WorkingDays',
    });
  });

  it('requires a means of resolution before the decision', () => {
    expect(violation(() => assertResolutionRecorded([]))).toMatchObject({ code: 'HANDLING.NO_RESOLUTION_RECORDED', status: 409 });
  });

  it('allows one extension: none or a refused one may be asked for; a pending or granted one may not', () => {
    expect(() => assertExtensionRequestable(null)).not.toThrow();
    expect(() => assertExtensionRequestable(extension('refused'))).not.toThrow();
    expect(violation(() => assertExtensionRequestable(extension('granted'))).code).toBe('HANDLING.EXTENSION_ALREADY_GRANTED');
    expect(violation(() => assertExtensionRequestable(extension('requested'))).code).toBe('HANDLING.EXTENSION_PENDING');
    expect(assertExtensionPending(extension('requested')).id).toBe('e');
    expect(violation(() => assertExtensionPending(extension('granted'))).code).toBe('HANDLING.NO_EXTENSION_REQUESTED');
  });

  it('keeps the review window open until the service, then 30 days from it', () => {
    expect(() => assertReviewInTime(calendar, null, bj('2030-01-01T00:00:00'))).not.toThrow();
    expect(() => assertReviewInTime(calendar, bj('2026-06-12T10:00:00'), bj('2026-07-13T23:59:59'))).not.toThrow();
    expect(violation(() => assertReviewInTime(calendar, bj('2026-06-12T10:00:00'), bj('2026-07-14T00:00:00'))).rule).toBe('art35.within30Days');
  });

  it('finds the earliest deadline of the tasks still waiting for a report', () => {
    expect(openTaskDueAt([])).toBeNull();
    expect(
      openTaskDueAt([task('accepted', '2026-06-02T00:00:00'), task('issued', '2026-06-10T00:00:00'), task('sent_back', '2026-06-05T00:00:00'), task('reported', '2026-06-03T00:00:00')]),
    ).toEqual(bj('2026-06-05T00:00:00'));
  });

  it('puts a case in its unit’s queue while the unit works it, in REVIEW’s during a review, and in none when returned or over', () => {
    const due = bj('2026-07-29T00:00:00');
    const r = reviewRecord();
    expect(queuePlacement('assigned', 'LABOUR', due, null, null)).toEqual({ queueUnit: 'LABOUR', queueDueAt: due });
    expect(queuePlacement('served', 'LABOUR', due, null, null)).toEqual({ queueUnit: 'LABOUR', queueDueAt: due });
    expect(queuePlacement('review_requested', 'LABOUR', due, r, null)).toEqual({ queueUnit: 'REVIEW', queueDueAt: r.dueAt });
    for (const state of ['returned', 'closed', 'ceased', 'terminated', 'withdrawn', 'merged', 'reexamination_decided'] as const) {
      expect(queuePlacement(state, 'LABOUR', due, r, null)).toEqual({ queueUnit: null, queueDueAt: null });
    }
  });

  it('waits to cease a served or closed decision at the end of its window, and to terminate a served review or a decided re-examination', () => {
    const end = bj('2026-07-14T00:00:00');
    expect(pendingTimer('served', end, null)).toEqual({ timerAction: 'cease', timerDueAt: end });
    expect(pendingTimer('closed', end, null)).toEqual({ timerAction: 'cease', timerDueAt: end });
    expect(pendingTimer('decided', end, null)).toEqual({ timerAction: null, timerDueAt: null });
    expect(pendingTimer('review_decided', end, reviewRecord())).toEqual({ timerAction: null, timerDueAt: null });
    expect(pendingTimer('review_decided', end, reviewRecord({ nextRequestDueAt: end }))).toEqual({ timerAction: 'terminate', timerDueAt: end });
    const decidedAt = bj('2026-08-21T09:00:00');
    expect(pendingTimer('reexamination_decided', null, null, reviewRecord({ decidedAt }))).toEqual({ timerAction: 'terminate', timerDueAt: decidedAt });
  });
});
