import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@pdmc/auth';
import { CASE_ACCEPTED_V1, CASE_RETURNED_V1 } from '@pdmc/contracts';
import type { Case, ResolutionRecord } from '../domain/case';
import { assertInQueue, assertObjectionInTime, assertWorking } from '../domain/case-rules';
import type { AssignHandlerCommand, RecordResolutionCommand, ReturnCaseCommand, StepNoteCommand, WithdrawCommand } from './case.commands';
import { caseKeys, CaseWorkflow } from './case-workflow';

/** The unit's steps from assignment to the decision: take or return the case, work it, record the means of resolution. */
@Injectable()
export class CaseStepsHandler {
  constructor(private readonly workflow: CaseWorkflow) {}

  /** The unit takes the case it was assigned. */
  accept(id: string, dto: StepNoteCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: 'accept',
      step: (c, ctx) => ({
        events: [ctx.envelope(CASE_ACCEPTED_V1, { ...caseKeys(c), acceptedAt: ctx.now.toISOString(), dueAt: c.dueAt.toISOString() })],
        what: dto.note ?? 'Accepted by the unit',
      }),
    });
  }

  /** An objection within 5 working days of the assignment (art. 23): the case goes back to routing. */
  return(id: string, dto: ReturnCaseCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: 'return',
      step: (c, ctx) => {
        assertObjectionInTime(ctx.calendar, c.assignedAt, ctx.now);
        return {
          set: { returnReason: dto.reason, handler: null },
          events: [
            ctx.envelope(CASE_RETURNED_V1, {
              ...caseKeys(c),
              reason: dto.reason,
              returnedAt: ctx.now.toISOString(),
              assignedAt: c.assignedAt.toISOString(),
            }),
          ],
          what: `Returned as outside the unit's competence: ${dto.reason}`,
        };
      },
    });
  }

  startInvestigation(id: string, dto: StepNoteCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: 'start_investigation',
      step: () => ({ what: dto.note ?? 'Investigation started' }),
    });
  }

  startResolution(id: string, dto: StepNoteCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: 'start_resolution',
      step: () => ({ what: dto.note ?? 'Resolution started' }),
    });
  }

  /** The unit head gives the case to one of the unit's handlers. */
  assignHandler(id: string, dto: AssignHandlerCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.assign',
      scope: 'unit',
      action: null,
      step: (c) => {
        assertInQueue(c.queueUnit, c.workUnit);
        return { set: { handler: dto.handler }, what: `Assigned to handler ${dto.handler}`, historyAction: 'assign_handler' };
      },
    });
  }

  /** Records one means of resolution (art. 31-33); a decision needs at least one. */
  recordResolution(id: string, dto: RecordResolutionCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: null,
      step: (c, ctx) => {
        assertWorking(c.status, 'means of resolution');
        const record: ResolutionRecord = {
          id: randomUUID(),
          kind: dto.kind,
          summary: dto.summary,
          parties: dto.parties ?? [],
          terms: dto.terms ?? null,
          heldOn: dto.heldOn ?? null,
          referredTo: dto.referredTo ?? null,
          recordedAt: ctx.now,
          recordedBy: principal.subject,
        };
        return { set: { resolutions: [...c.resolutions, record] }, what: `Recorded ${dto.kind} ${record.id}`, historyAction: 'record_resolution' };
      },
    });
  }

  /** The petitioner withdrew the petition before the decision. */
  withdraw(id: string, dto: WithdrawCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.withdraw',
      scope: 'read',
      action: 'withdraw',
      step: () => ({ what: `Withdrawn by the petitioner: ${dto.reason}` }),
    });
  }
}
