import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@pdmc/auth';
import { CASE_CLOSED_V1, CASE_DECIDED_V1, CASE_SERVED_V1, type CaseDecidedV1 } from '@pdmc/contracts';
import type { Case, SupersededDecision } from '../domain/case';
import { reviewRequestPeriod } from '../domain/case-deadlines';
import { assertResolutionRecorded } from '../domain/case-rules';
import type { CaseDecisionRecord } from '../infrastructure/case.schema';
import type { CorrectDecisionCommand, DecideCaseCommand, ServeCommand, StepNoteCommand } from './case.commands';
import type { StoredCase } from './case-view';
import { caseKeys, CaseWorkflow, type StepContext } from './case-workflow';
import { BadServiceDateError } from './errors';

/**
 * The decided event: ids, outcome and dates, copied field by field, so that the request, the
 * facts and the legal basis (free text that may name people) never leave handling.
 */
function decidedPayload(c: StoredCase, d: CaseDecisionRecord): CaseDecidedV1 {
  return {
    decisionId: d.id,
    caseId: c._id,
    petitionId: c.petitionId,
    caseNumber: c.caseNumber,
    workUnit: c.workUnit,
    responsibleBody: c.responsibleBody,
    outcome: d.outcome,
    decidedAt: d.decidedAt.toISOString(),
    reviewRequestDueAt: d.reviewRequestDueAt.toISOString(),
  };
}

function newDecision(dto: DecideCaseCommand, principal: Principal, ctx: StepContext): CaseDecisionRecord {
  return {
    id: randomUUID(),
    outcome: dto.outcome,
    request: dto.request,
    facts: dto.facts,
    legalBasis: dto.legalBasis,
    mediationAgreement: dto.mediationAgreement ?? false,
    decidedAt: ctx.now,
    decidedBy: principal.subject,
    // Counted as if served today until the service is recorded; the service recounts it.
    reviewRequestDueAt: reviewRequestPeriod(ctx.calendar, ctx.now).dueAt,
  };
}

/** A service time given by staff: not in the future, not before what is served. */
export function serviceTime(servedAt: string | undefined, notBefore: Date, now: Date): Date {
  const at = servedAt ? new Date(servedAt) : now;
  if (at.getTime() > now.getTime()) throw new BadServiceDateError('A service cannot be recorded in the future');
  if (at.getTime() < notBefore.getTime()) throw new BadServiceDateError('A decision cannot be served before it was made');
  return at;
}

/**
 * The written decision (信访工作条例 art. 31-33), its correction, its service on the petitioner
 * and the closing of the file. Each is one conditional single-document write with its events.
 */
@Injectable()
export class DecideCaseHandler {
  constructor(private readonly workflow: CaseWorkflow) {}

  execute(id: string, dto: DecideCaseCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.decide',
      scope: 'unit',
      action: 'decide',
      step: (c, ctx) => {
        assertResolutionRecorded(c.resolutions);
        const decision = newDecision(dto, principal, ctx);
        // Re-handling ordered by a review: the new decision replaces the reviewed one, which stays on file.
        const superseded: SupersededDecision[] = c.decision
          ? [{ ...c.decision, supersededAt: ctx.now, supersededBy: decision.id, correctionReason: 'Re-handling ordered by the review' }]
          : [];
        return {
          set: { decision, servedAt: null, supersededDecisions: [...(c.supersededDecisions ?? []), ...superseded] },
          events: [ctx.envelope(CASE_DECIDED_V1, decidedPayload(c, decision))],
          what: `Written decision ${decision.id} issued (${decision.outcome})`,
        };
      },
    });
  }

  /** A new decision supersedes the current one; the old one is kept with the reason, never edited. */
  correct(id: string, dto: CorrectDecisionCommand, principal: Principal): Promise<Case> {
    const { correctionReason, ...decided } = dto;
    return this.workflow.act({
      id,
      principal,
      permission: 'case.decide',
      scope: 'unit',
      action: 'correct_decision',
      step: (c, ctx) => {
        const previous = c.decision!;
        const decision = newDecision(decided, principal, ctx);
        const superseded: SupersededDecision = { ...previous, supersededAt: ctx.now, supersededBy: decision.id, correctionReason };
        return {
          set: { decision, servedAt: null, supersededDecisions: [...(c.supersededDecisions ?? []), superseded] },
          events: [ctx.envelope(CASE_DECIDED_V1, decidedPayload(c, decision))],
          what: `Decision ${previous.id} superseded by ${decision.id}: ${correctionReason}`,
        };
      },
    });
  }

  /** The petitioner received the decision: the review window is counted from this date (art. 35). */
  serve(id: string, dto: ServeCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: 'serve',
      step: (c, ctx) => {
        const decision = c.decision!;
        const servedAt = serviceTime(dto.servedAt, decision.decidedAt, ctx.now);
        const reviewRequestDueAt = reviewRequestPeriod(ctx.calendar, servedAt).dueAt;
        return {
          set: { servedAt, decision: { ...decision, reviewRequestDueAt } },
          events: [
            ctx.envelope(CASE_SERVED_V1, {
              ...caseKeys(c),
              decisionId: decision.id,
              servedAt: servedAt.toISOString(),
              reviewRequestDueAt: reviewRequestDueAt.toISOString(),
            }),
          ],
          what: `Decision ${decision.id} served on ${servedAt.toISOString()}${dto.method ? ` (${dto.method})` : ''}`,
        };
      },
    });
  }

  /** 结案: the unit closes its file; the review window still runs. */
  close(id: string, dto: StepNoteCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: 'close',
      step: (c, ctx) => ({
        events: [ctx.envelope(CASE_CLOSED_V1, { ...caseKeys(c), closedAt: ctx.now.toISOString() })],
        what: dto.note ?? 'Closed (结案)',
      }),
    });
  }
}
