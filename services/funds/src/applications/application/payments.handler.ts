import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { APPLICATION_CANCELLED_V1, createEnvelope, DISBURSEMENT_RECORDED_V1, DISBURSEMENT_REVERSED_V1 } from '@pdmc/contracts';
import { correlationIdOrNew } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import type { LedgerEntry } from '../../ledger/domain/ledger-entry';
import { fenToYuan } from '../../ledger/domain/money';
import { checkPayer, stateBreach } from '../domain/application';
import type { ApplicationDocument } from '../infrastructure/application.schema';
import type { CommentCommand, RecordDisbursementCommand, ReverseDisbursementCommand } from './application.commands';
import { DisbursementNotFoundError, refuse, WorkflowError } from './application-errors';
import type { ApplicationView } from './application-view';
import { ApplicationQueriesHandler } from './application-queries.handler';
import { MovementRunner } from './movement-runner';

const actorOf = (p: Principal) => ({ subject: p.subject, roles: p.roles, units: p.units });

function baseEntry(app: ApplicationDocument, by: string, at: Date): Omit<LedgerEntry, 'id' | 'kind' | 'amountFen' | 'deltas'> {
  return {
    fundYearId: app.fundYearId,
    fundId: app.fundId,
    fiscalYear: app.fiscalYear,
    applicationId: app._id,
    ...(app.caseId ? { caseId: app.caseId } : {}),
    workUnit: app.workUnit,
    by,
    at,
  };
}

/**
 * Money leaving (or returning to) an approved application: tranches paid by finance, never more
 * than is still reserved for it; reversals of a tranche recorded in error; cancellation, which
 * releases what is still reserved. Each is one movement run by {@link MovementRunner}.
 */
@Injectable()
export class PaymentsHandler {
  constructor(
    private readonly queries: ApplicationQueriesHandler,
    private readonly runner: MovementRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async disburse(id: string, dto: RecordDisbursementCommand, principal: Principal): Promise<{ created: boolean; application: ApplicationView }> {
    let app = await this.queries.load(id, principal);
    if (app.pendingMovement) app = await this.runner.run(app);
    if (app.disbursements.some((d) => d.voucher === dto.voucher)) {
      const same = app.disbursements.find((d) => d.voucher === dto.voucher);
      if (same?.amountFen !== dto.amountFen) throw refuse('FUNDS.VOUCHER_REUSED', 'This voucher is recorded with another amount', 409);
      return { created: false, application: this.queries.view(app) };
    }
    if (app.status !== 'approved') throw new WorkflowError(stateBreach(app.status, 'disburse'));
    const breach = checkPayer(app, actorOf(principal));
    if (breach) throw new WorkflowError(breach);
    if (dto.amountFen > app.reservedFen) {
      throw refuse(
        'FUNDS.EXCEEDS_APPROVED',
        `${fenToYuan(dto.amountFen)} yuan is more than the ${fenToYuan(app.reservedFen)} yuan still approved and unpaid (approved ${fenToYuan(app.amountFen)}, paid ${fenToYuan(app.disbursedFen)})`,
        422,
      );
    }
    const now = this.clock.now();
    const disbursementId = randomUUID();
    const entry: LedgerEntry = {
      ...baseEntry(app, principal.subject, now),
      id: `disbursement:${disbursementId}`,
      kind: 'disbursement',
      amountFen: dto.amountFen,
      deltas: { reservedFen: -dto.amountFen, disbursedFen: dto.amountFen },
      disbursementId,
      reference: dto.voucher,
    };
    const total = app.disbursedFen + dto.amountFen;
    const event = createEnvelope(
      DISBURSEMENT_RECORDED_V1,
      { disbursementId, ...this.facts(app), amountFen: dto.amountFen, totalDisbursedFen: total, paidAt: new Date(`${dto.paidOn}T00:00:00+08:00`).toISOString() },
      { correlationId: correlationIdOrNew(), occurredAt: now },
    );
    const done = await this.runner.start(app, {
      id: entry.id,
      entry,
      since: now,
      previousStatus: app.status,
      after: {
        status: app.reservedFen - dto.amountFen === 0 ? 'paid' : 'approved',
        currentLevel: null,
        reservedDelta: -dto.amountFen,
        disbursedDelta: dto.amountFen,
        disbursement: { id: disbursementId, amountFen: dto.amountFen, paidOn: dto.paidOn, voucher: dto.voucher, method: dto.method, by: principal.subject, at: now },
        history: { at: now, by: principal.subject, action: `disbursed (voucher ${dto.voucher})`, amountFen: dto.amountFen, ledgerEntryId: entry.id },
        outbox: toOutbox(event),
      },
    });
    return { created: true, application: this.queries.view(done) };
  }

  async reverse(id: string, disbursementId: string, dto: ReverseDisbursementCommand, principal: Principal): Promise<ApplicationView> {
    let app = await this.queries.load(id, principal);
    if (app.pendingMovement) app = await this.runner.run(app);
    const tranche = app.disbursements.find((d) => d.id === disbursementId);
    if (!tranche) throw new DisbursementNotFoundError();
    if (app.reversals.some((r) => r.disbursementId === disbursementId)) {
      throw refuse('FUNDS.ALREADY_REVERSED', 'This disbursement is reversed already; record the correct payment as a new disbursement', 409);
    }
    const breach = checkPayer(app, actorOf(principal));
    if (breach) throw new WorkflowError(breach);
    const now = this.clock.now();
    // A cancelled application holds no reservation any more: the money goes back to the fund year.
    const backToReservation = app.status !== 'cancelled';
    const entry: LedgerEntry = {
      ...baseEntry(app, principal.subject, now),
      id: `disbursement_reversal:${disbursementId}`,
      kind: 'disbursement_reversal',
      amountFen: tranche.amountFen,
      deltas: backToReservation ? { disbursedFen: -tranche.amountFen, reservedFen: tranche.amountFen } : { disbursedFen: -tranche.amountFen },
      disbursementId,
      reverses: `disbursement:${disbursementId}`,
      note: dto.reason,
    };
    const total = app.disbursedFen - tranche.amountFen;
    const event = createEnvelope(
      DISBURSEMENT_REVERSED_V1,
      { disbursementId, ...this.facts(app), amountFen: tranche.amountFen, totalDisbursedFen: total, reversedAt: now.toISOString() },
      { correlationId: correlationIdOrNew(), occurredAt: now },
    );
    const done = await this.runner.start(app, {
      id: entry.id,
      entry,
      since: now,
      previousStatus: app.status,
      after: {
        status: backToReservation ? 'approved' : 'cancelled',
        currentLevel: null,
        reservedDelta: backToReservation ? tranche.amountFen : 0,
        disbursedDelta: -tranche.amountFen,
        reversal: { disbursementId, amountFen: tranche.amountFen, reason: dto.reason, by: principal.subject, at: now },
        history: { at: now, by: principal.subject, action: `disbursement reversed (voucher ${tranche.voucher})`, comment: dto.reason, amountFen: -tranche.amountFen, ledgerEntryId: entry.id },
        outbox: toOutbox(event),
      },
    });
    return this.queries.view(done);
  }

  async cancel(id: string, dto: CommentCommand, principal: Principal): Promise<ApplicationView> {
    let app = await this.queries.load(id, principal);
    if (app.pendingMovement) app = await this.runner.run(app);
    if (app.status !== 'approved') throw new WorkflowError(stateBreach(app.status, 'cancel'));
    const now = this.clock.now();
    const entry: LedgerEntry = {
      ...baseEntry(app, principal.subject, now),
      id: `release:${app._id}`,
      kind: 'release',
      amountFen: app.reservedFen,
      deltas: { reservedFen: -app.reservedFen },
      note: dto.comment,
    };
    const event = createEnvelope(
      APPLICATION_CANCELLED_V1,
      { ...this.facts(app), amountFen: app.amountFen, cancelledAt: now.toISOString() },
      { correlationId: correlationIdOrNew(), occurredAt: now },
    );
    const done = await this.runner.start(app, {
      id: entry.id,
      entry,
      since: now,
      previousStatus: app.status,
      after: {
        status: 'cancelled',
        currentLevel: null,
        reservedDelta: -app.reservedFen,
        disbursedDelta: 0,
        history: { at: now, by: principal.subject, action: 'cancelled; the reservation released', comment: dto.comment, amountFen: -app.reservedFen, ledgerEntryId: entry.id },
        // Announced with the outcome, in the same write (handling's case view shows it cancelled).
        outbox: toOutbox(event),
      },
    });
    return this.queries.view(done);
  }

  private facts(app: ApplicationDocument) {
    return {
      applicationId: app._id,
      fundId: app.fundId,
      fiscalYear: app.fiscalYear,
      kind: app.kind,
      ...(app.caseId ? { caseId: app.caseId } : {}),
      workUnit: app.workUnit,
    };
  }
}
