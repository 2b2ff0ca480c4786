import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { APPLICATION_APPROVED_V1, APPLICATION_REJECTED_V1, createEnvelope } from '@pdmc/contracts';
import { correlationIdOrNew, OutboxRelayService } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { BalanceBook } from '../../ledger/application/balance-book';
import { InsufficientFundsError } from '../../ledger/application/ledger-errors';
import type { LedgerEntry } from '../../ledger/domain/ledger-entry';
import { checkDecision, currentLevel, isFinalStep, type ApprovalRecord } from '../domain/application';
import { ApplicationDocument } from '../infrastructure/application.schema';
import type { DecideStepCommand } from './application.commands';
import { ChangedConcurrentlyError, MovementInProgressError, WorkflowError } from './application-errors';
import { eventFacts, type ApplicationView } from './application-view';
import { ApplicationQueriesHandler } from './application-queries.handler';
import { MovementRunner } from './movement-runner';

export const reservationIdOf = (applicationId: string): string => `reservation:${applicationId}`;

/**
 * A step of the chain decides: approve (the next step, or at the last step the reservation),
 * reject for good, or return for changes. Each is one conditional update on the application's
 * version, so two approvers acting at once cannot both pass the same step.
 */
@Injectable()
export class DecideStepHandler {
  constructor(
    @InjectModel(ApplicationDocument.name) private readonly apps: Model<ApplicationDocument>,
    private readonly queries: ApplicationQueriesHandler,
    private readonly runner: MovementRunner,
    private readonly book: BalanceBook,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: DecideStepCommand, principal: Principal): Promise<ApplicationView> {
    const app = await this.queries.load(id, principal);
    if (app.pendingMovement) {
      // The same final approval retried after an interruption: finish it; anyone else waits.
      if (app.pendingMovement.after.approval?.by !== principal.subject) throw new MovementInProgressError();
      return this.queries.view(await this.runner.run(app));
    }
    const actor = { subject: principal.subject, roles: principal.roles, units: principal.units };
    const breach = checkDecision(app, actor, dto.decision, dto.collective);
    if (breach) throw new WorkflowError(breach);

    const now = this.clock.now();
    const record: ApprovalRecord = {
      round: app.round,
      step: app.step,
      level: currentLevel(app),
      decision: dto.decision,
      by: principal.subject,
      at: now,
      comment: dto.comment,
      ...(dto.collective ? { collective: { ...dto.collective } } : {}),
    };
    const done = { approve: 'approved', reject: 'rejected', return: 'returned for changes' }[dto.decision];
    const history = { at: now, by: principal.subject, action: `${done} at step ${app.step + 1} (${record.level})`, comment: dto.comment };

    if (dto.decision === 'approve' && isFinalStep(app)) return this.approveFinally(app, record, history);

    const set: Record<string, unknown> = { updatedAt: now };
    const push: Record<string, unknown> = { approvals: record, history };
    if (dto.decision === 'approve') {
      set['step'] = app.step + 1;
      set['currentLevel'] = app.chain[app.step + 1];
    } else if (dto.decision === 'reject') {
      set['status'] = 'rejected';
      set['currentLevel'] = null;
      const event = createEnvelope(APPLICATION_REJECTED_V1, { ...eventFacts(app), rejectedAt: now.toISOString() }, { correlationId: correlationIdOrNew(), occurredAt: now });
      push['outbox'] = { $each: toOutbox(event) };
    } else {
      set['status'] = 'returned';
      set['currentLevel'] = null;
    }
    const updated = await this.apps
      .findOneAndUpdate({ _id: app._id, version: app.version, pendingMovement: null }, { $set: set, $push: push, $inc: { version: 1 } }, { returnDocument: 'after' })
      .lean()
      .exec();
    if (!updated) throw new ChangedConcurrentlyError();
    this.relay.kick();
    return this.queries.view(updated);
  }

  /** The last approval: checked again against the fund year, then reserved by the movement runner (the hard stop). */
  private async approveFinally(app: ApplicationDocument, record: ApprovalRecord, history: ApplicationDocument['history'][number]): Promise<ApplicationView> {
    const year = await this.book.fundYear(app.fundYearId);
    if (year && year.availableFen < app.amountFen) throw new InsufficientFundsError(year.availableFen, app.amountFen);
    const entry: LedgerEntry = {
      id: reservationIdOf(app._id),
      fundYearId: app.fundYearId,
      fundId: app.fundId,
      fiscalYear: app.fiscalYear,
      kind: 'reservation',
      amountFen: app.amountFen,
      deltas: { reservedFen: app.amountFen },
      applicationId: app._id,
      ...(app.caseId ? { caseId: app.caseId } : {}),
      workUnit: app.workUnit,
      by: record.by,
      at: record.at,
    };
    const event = createEnvelope(APPLICATION_APPROVED_V1, { ...eventFacts(app), approvedAt: record.at.toISOString() }, { correlationId: correlationIdOrNew(), occurredAt: record.at });
    const done = await this.runner.start(app, {
      id: entry.id,
      entry,
      since: record.at,
      previousStatus: app.status,
      after: {
        status: 'approved',
        currentLevel: null,
        reservedDelta: app.amountFen,
        disbursedDelta: 0,
        approval: record,
        history: { ...history, action: `approved at step ${app.step + 1} (${record.level}); ${app.amountFen} fen reserved`, ledgerEntryId: entry.id },
        outbox: toOutbox(event),
      },
    });
    return this.queries.view(done);
  }
}
