import { Injectable } from '@nestjs/common';
import type { Principal } from '@pdmc/auth';
import {
  CASE_TERMINATED_V1,
  REEXAMINATION_DECIDED_V1,
  REEXAMINATION_REQUESTED_V1,
  REVIEW_DECIDED_V1,
  REVIEW_REQUESTED_V1,
} from '@pdmc/contracts';
import { correlationIdOrNew } from '@pdmc/platform';
import type { Case, ReviewRecord } from '../domain/case';
import { handlingPeriod, reexaminationDecisionPeriod, reexaminationRequestPeriod, reviewDecisionPeriod } from '../domain/case-deadlines';
import { assertNotServed, assertReexaminationInTime, assertReviewInTime } from '../domain/case-rules';
import type { DecideReviewCommand, RequestReviewCommand, ServeCommand } from './case.commands';
import { caseKeys, CaseWorkflow } from './case-workflow';
import { serviceTime } from './decide-case.handler';
import { FutureRequestError, NoRehandlingOnReexaminationError } from './errors';

function receivedAt(requestedAt: string | undefined, now: Date): Date {
  const at = requestedAt ? new Date(requestedAt) : now;
  if (at.getTime() > now.getTime()) throw new FutureRequestError();
  return at;
}

/**
 * Review (复查, art. 35) and re-examination (复核, art. 36), the work of the REVIEW unit: requests
 * registered by clerks or the unit (late ones refused with the rule), decisions, their service,
 * and termination (终结) after the re-examination.
 */
@Injectable()
export class ReviewsHandler {
  constructor(private readonly workflow: CaseWorkflow) {}

  requestReview(id: string, dto: RequestReviewCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.register_review',
      scope: 'review',
      action: 'request_review',
      step: (c, ctx) => {
        const at = receivedAt(dto.requestedAt, ctx.now);
        assertReviewInTime(ctx.calendar, c.servedAt, at);
        const review: ReviewRecord = {
          requestedAt: at,
          requestedBy: principal.subject,
          channel: dto.channel,
          grounds: dto.grounds,
          dueAt: reviewDecisionPeriod(ctx.calendar, at).dueAt,
          outcome: null,
          reasoning: null,
          decidedAt: null,
          decidedBy: null,
          servedAt: null,
          nextRequestDueAt: null,
        };
        return {
          set: { review, reexamination: null },
          events: [
            ctx.envelope(REVIEW_REQUESTED_V1, {
              ...caseKeys(c),
              channel: dto.channel,
              requestedAt: at.toISOString(),
              dueAt: review.dueAt.toISOString(),
            }),
          ],
          what: `Review requested (${dto.channel})`,
        };
      },
    });
  }

  /** Uphold, change, or order re-handling (the original unit works the case again, with a new limit). */
  decideReview(id: string, dto: DecideReviewCommand, principal: Principal): Promise<Case> {
    const rehandle = dto.outcome === 'rehandle';
    return this.workflow.act({
      id,
      principal,
      permission: 'case.decide_review',
      scope: 'review',
      action: rehandle ? 'order_rehandling' : 'decide_review',
      step: (c, ctx) => {
        const review: ReviewRecord = { ...c.review!, outcome: dto.outcome, reasoning: dto.reasoning, decidedAt: ctx.now, decidedBy: principal.subject };
        const period = rehandle ? handlingPeriod(ctx.calendar, ctx.now) : null;
        return {
          set: { review, ...(period ? { dueAt: period.dueAt, dueLastDay: period.lastDay, servedAt: null } : {}) },
          events: [
            ctx.envelope(REVIEW_DECIDED_V1, {
              ...caseKeys(c),
              outcome: dto.outcome,
              decidedAt: ctx.now.toISOString(),
              ...(period ? { dueAt: period.dueAt.toISOString() } : {}),
            }),
          ],
          what: rehandle ? `Review: re-handling ordered, due ${period!.dueAt.toISOString()}` : `Review decided: ${dto.outcome}`,
        };
      },
    });
  }

  /** The review decision reached the petitioner: the re-examination window runs from here. */
  serveReview(id: string, dto: ServeCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.decide_review',
      scope: 'review',
      action: 'serve_review',
      step: (c, ctx) => {
        const current = c.review!;
        assertNotServed(current.servedAt, 'review decision');
        const servedAt = serviceTime(dto.servedAt, current.decidedAt!, ctx.now);
        const review: ReviewRecord = { ...current, servedAt, nextRequestDueAt: reexaminationRequestPeriod(ctx.calendar, servedAt).dueAt };
        return { set: { review }, what: `Review decision served on ${servedAt.toISOString()}${dto.method ? ` (${dto.method})` : ''}` };
      },
    });
  }

  requestReexamination(id: string, dto: RequestReviewCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.register_review',
      scope: 'review',
      action: 'request_reexamination',
      step: (c, ctx) => {
        const at = receivedAt(dto.requestedAt, ctx.now);
        assertReexaminationInTime(ctx.calendar, c.review!, at);
        const reexamination: ReviewRecord = {
          requestedAt: at,
          requestedBy: principal.subject,
          channel: dto.channel,
          grounds: dto.grounds,
          dueAt: reexaminationDecisionPeriod(ctx.calendar, at).dueAt,
          outcome: null,
          reasoning: null,
          decidedAt: null,
          decidedBy: null,
          servedAt: null,
          nextRequestDueAt: null,
        };
        return {
          set: { reexamination },
          events: [
            ctx.envelope(REEXAMINATION_REQUESTED_V1, {
              ...caseKeys(c),
              channel: dto.channel,
              requestedAt: at.toISOString(),
              dueAt: reexamination.dueAt.toISOString(),
            }),
          ],
          what: `Re-examination requested (${dto.channel})`,
        };
      },
    });
  }

  /** The re-examination decides for good: the case is terminated with it (art. 36-37). */
  async decideReexamination(id: string, dto: DecideReviewCommand, principal: Principal): Promise<Case> {
    if (dto.outcome === 'rehandle') throw new NoRehandlingOnReexaminationError();
    const decided = await this.workflow.act({
      id,
      principal,
      permission: 'case.decide_review',
      scope: 'review',
      action: 'decide_reexamination',
      step: (c, ctx) => ({
        set: { reexamination: { ...c.reexamination!, outcome: dto.outcome, reasoning: dto.reasoning, decidedAt: ctx.now, decidedBy: principal.subject } },
        events: [ctx.envelope(REEXAMINATION_DECIDED_V1, { ...caseKeys(c), outcome: dto.outcome, decidedAt: ctx.now.toISOString() })],
        what: `Re-examination decided: ${dto.outcome}`,
      }),
    });
    // The timer job terminates it too, should this second write not happen.
    const terminated = await this.workflow.system(
      { _id: id, status: 'reexamination_decided' },
      'terminate',
      (c, ctx) => ({
        events: [ctx.envelope(CASE_TERMINATED_V1, { ...caseKeys(c), ground: 'reexamination_decided', terminatedAt: ctx.now.toISOString() })],
        what: 'Terminated (终结): the re-examination is final',
      }),
      { correlationId: correlationIdOrNew() },
    );
    return terminated ?? decided;
  }
}
