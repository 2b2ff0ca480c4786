import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { trusted } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { APPLICATION_SUBMITTED_V1, APPLICATION_WITHDRAWN_V1, createEnvelope } from '@pdmc/contracts';
import { correlationIdOrNew, OutboxRelayService } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { BalanceBook } from '../../ledger/application/balance-book';
import { InsufficientFundsError } from '../../ledger/application/ledger-errors';
import { ApprovalChains } from '../../approval-chains/application/approval-chains';
import { levelsFor } from '../../approval-chains/domain/approval-chain';
import { stateBreach } from '../domain/application';
import { ApplicationDocument } from '../infrastructure/application.schema';
import type { CommentCommand, ReviseApplicationCommand } from './application.commands';
import { ChangedConcurrentlyError, refuse, WorkflowError } from './application-errors';
import { eventFacts, type ApplicationView } from './application-view';
import { ApplicationQueriesHandler } from './application-queries.handler';

function requireApplicant(app: ApplicationDocument, principal: Principal): void {
  if (app.submittedBy !== principal.subject) throw refuse('FUNDS.NOT_THE_APPLICANT', 'Only whoever submitted the application may change or withdraw it', 403);
}

/**
 * What the applicant does with their own application: withdraw it before its final approval
 * (nothing is reserved until then, so nothing needs releasing), or revise it after it was
 * returned, which starts the chain again as a new round (the amount may change the chain).
 */
@Injectable()
export class ApplicantActionsHandler {
  constructor(
    @InjectModel(ApplicationDocument.name) private readonly apps: Model<ApplicationDocument>,
    private readonly queries: ApplicationQueriesHandler,
    private readonly book: BalanceBook,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly chains: ApprovalChains,
  ) {}

  async withdraw(id: string, dto: CommentCommand, principal: Principal): Promise<ApplicationView> {
    const app = await this.queries.load(id, principal);
    requireApplicant(app, principal);
    if (app.status !== 'in_approval' && app.status !== 'returned') throw new WorkflowError(stateBreach(app.status, 'withdraw'));
    const now = this.clock.now();
    const event = createEnvelope(APPLICATION_WITHDRAWN_V1, { ...eventFacts(app), withdrawnAt: now.toISOString() }, { correlationId: correlationIdOrNew(), occurredAt: now });
    const updated = await this.apps
      .findOneAndUpdate(
        { _id: id, version: app.version, pendingMovement: null, status: trusted({ $in: ['in_approval', 'returned'] }) },
        {
          $set: { status: 'withdrawn', currentLevel: null, updatedAt: now },
          $push: { history: { at: now, by: principal.subject, action: 'withdrawn', comment: dto.comment }, outbox: { $each: toOutbox(event) } },
          $inc: { version: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    // A final approval that won the race leaves the application approved: withdrawing is over.
    if (!updated) throw new ChangedConcurrentlyError();
    this.relay.kick();
    return this.queries.view(updated);
  }

  async revise(id: string, dto: ReviseApplicationCommand, principal: Principal): Promise<ApplicationView> {
    const app = await this.queries.load(id, principal);
    requireApplicant(app, principal);
    if (app.status !== 'returned') throw new WorkflowError(stateBreach(app.status, 'revise'));
    const amountFen = dto.amountFen ?? app.amountFen;
    const year = await this.book.fundYear(app.fundYearId);
    if (year && year.availableFen < amountFen) throw new InsufficientFundsError(year.availableFen, amountFen);
    // A new amount may take another tier, but of the chain version the application was submitted under.
    const chain = levelsFor((await this.chains.version(app.fundId, app.chainVersion ?? 1)).tiers, amountFen);
    const now = this.clock.now();
    const set: Record<string, unknown> = { status: 'in_approval', amountFen, chain, step: 0, round: app.round + 1, currentLevel: chain[0], updatedAt: now };
    if (dto.purpose) set['purpose'] = dto.purpose;
    if (dto.documents) set['documents'] = dto.documents.map((d) => ({ ...d }));
    const event = createEnvelope(
      APPLICATION_SUBMITTED_V1,
      { ...eventFacts({ ...app, amountFen }), submittedAt: now.toISOString() },
      { correlationId: correlationIdOrNew(), occurredAt: now },
    );
    const updated = await this.apps
      .findOneAndUpdate(
        { _id: id, version: app.version, pendingMovement: null, status: 'returned' },
        {
          $set: set,
          $push: { history: { at: now, by: principal.subject, action: `revised and resubmitted (round ${app.round + 1})`, comment: dto.comment, amountFen }, outbox: { $each: toOutbox(event) } },
          $inc: { version: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    if (!updated) throw new ChangedConcurrentlyError();
    this.relay.kick();
    return this.queries.view(updated);
  }
}
