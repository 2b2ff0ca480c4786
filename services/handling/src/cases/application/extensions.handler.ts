import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@pdmc/auth';
import { EXTENSION_GRANTED_V1 } from '@pdmc/contracts';
import { SERVICE_CONFIG } from '@pdmc/platform';
import type { Case, Extension } from '../domain/case';
import { extendedHandlingPeriod } from '../domain/case-deadlines';
import { assertExtensionPending, assertExtensionRequestable, assertWorking } from '../domain/case-rules';
import type { HandlingConfig } from '../../config/handling.config';
import type { DecideExtensionCommand, RequestExtensionCommand } from './case.commands';
import { caseKeys, CaseWorkflow } from './case-workflow';
import { NotTheApproverError } from './errors';

/**
 * One extension of the 60-day limit, at most 30 days (信访工作条例 art. 34): a handler asks with a
 * reason, the head of the body (the unit head, or the centre director where configured) decides.
 * A grant moves the due date and is announced; the petitioner's look-up shows the date and why.
 */
@Injectable()
export class ExtensionsHandler {
  constructor(
    private readonly workflow: CaseWorkflow,
    @Inject(SERVICE_CONFIG) private readonly config: HandlingConfig,
  ) {}

  request(id: string, dto: RequestExtensionCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: null,
      step: (c, ctx) => {
        assertWorking(c.status, 'extension');
        assertExtensionRequestable(c.extension);
        const extension: Extension = {
          id: randomUUID(),
          days: dto.days,
          reason: dto.reason,
          status: 'requested',
          requestedBy: principal.subject,
          requestedAt: ctx.now,
          decidedBy: null,
          decidedAt: null,
          refusalReason: null,
          previousDueAt: null,
          newDueAt: null,
        };
        return { set: { extension }, what: `Extension of ${dto.days} days requested: ${dto.reason}`, historyAction: 'request_extension' };
      },
    });
  }

  decide(id: string, dto: DecideExtensionCommand, principal: Principal): Promise<Case> {
    const approver = this.config.EXTENSION_APPROVER;
    if (!principal.roles.includes(approver)) throw new NotTheApproverError(approver);
    return this.workflow.act({
      id,
      principal,
      permission: 'case.approve_extension',
      // The unit head acts on the unit's cases; the director (centre-wide) on any.
      scope: 'unit',
      action: null,
      step: (c, ctx) => {
        const pending = assertExtensionPending(c.extension);
        assertWorking(c.status, 'extension');
        if (dto.decision === 'refuse') {
          const refused: Extension = { ...pending, status: 'refused', decidedBy: principal.subject, decidedAt: ctx.now, refusalReason: dto.reason ?? null };
          return { set: { extension: refused }, what: `Extension refused: ${dto.reason}`, historyAction: 'refuse_extension' };
        }
        const period = extendedHandlingPeriod(ctx.calendar, c.dueLastDay, pending.days);
        const granted: Extension = {
          ...pending,
          status: 'granted',
          decidedBy: principal.subject,
          decidedAt: ctx.now,
          previousDueAt: c.dueAt,
          newDueAt: period.dueAt,
        };
        return {
          set: { extension: granted, dueAt: period.dueAt, dueLastDay: period.lastDay },
          events: [
            ctx.envelope(EXTENSION_GRANTED_V1, {
              ...caseKeys(c),
              extensionId: pending.id,
              days: pending.days,
              reason: pending.reason,
              previousDueAt: c.dueAt.toISOString(),
              dueAt: period.dueAt.toISOString(),
              grantedAt: ctx.now.toISOString(),
            }),
          ],
          what: `Extension of ${pending.days} days granted: due ${period.dueAt.toISOString()}`,
          historyAction: 'grant_extension',
        };
      },
    });
  }
}
