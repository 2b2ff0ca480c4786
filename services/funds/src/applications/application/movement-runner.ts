import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OutboxRelayService } from '@pdmc/platform';
import { BalanceBook } from '../../ledger/application/balance-book';
import { FundYearNotFoundError, InsufficientFundsError } from '../../ledger/application/ledger-errors';
import { ApplicationDocument, type PendingMovement } from '../infrastructure/application.schema';
import { ChangedConcurrentlyError } from './application-errors';

/**
 * Runs an application's money movement in three single-document steps, without transactions:
 *
 * 1. the application records the intent (`pendingMovement`), conditional on its version;
 * 2. the fund year applies the ledger entry with one conditional `$inc` (the hard budget stop,
 *    once per entry id);
 * 3. the application records the outcome (status, approval, payment, event in its outbox),
 *    conditional on the intent still being there; then the entry is copied to the ledger.
 *
 * A crash after 1 or 2 leaves the intent behind; running it again (the same request retried, or
 * the repair pass) resumes at 2, which the fund year answers "already applied" the second time.
 */
@Injectable()
export class MovementRunner {
  constructor(
    @InjectModel(ApplicationDocument.name) private readonly apps: Model<ApplicationDocument>,
    private readonly book: BalanceBook,
    private readonly relay: OutboxRelayService,
  ) {}

  async start(app: ApplicationDocument, movement: PendingMovement): Promise<ApplicationDocument> {
    const withIntent = await this.apps
      .findOneAndUpdate(
        { _id: app._id, version: app.version, pendingMovement: null },
        { $set: { pendingMovement: movement }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    if (!withIntent) throw new ChangedConcurrentlyError();
    return this.run(withIntent);
  }

  /** Finishes the application's pending movement, if any. */
  async run(app: ApplicationDocument): Promise<ApplicationDocument> {
    const m = app.pendingMovement;
    if (!m) return app;
    const outcome = await this.book.apply(m.entry);
    if (!outcome.applied) {
      // The fund year never took it (it would remember the id): the intent is given up, nothing moved.
      await this.apps
        .updateOne({ _id: app._id, 'pendingMovement.id': m.id }, { $set: { pendingMovement: null, status: m.previousStatus }, $inc: { version: 1 } })
        .exec();
      if (outcome.reason === 'insufficient') throw new InsufficientFundsError(outcome.availableFen, m.entry.amountFen);
      throw new FundYearNotFoundError();
    }
    const done = await this.complete(app._id, m);
    await this.book.settle(m.entry);
    this.relay.kick();
    return done;
  }

  private async complete(id: string, m: PendingMovement): Promise<ApplicationDocument> {
    const push: Record<string, unknown> = { history: m.after.history, outbox: { $each: m.after.outbox } };
    if (m.after.approval) push['approvals'] = m.after.approval;
    if (m.after.disbursement) push['disbursements'] = m.after.disbursement;
    if (m.after.reversal) push['reversals'] = m.after.reversal;
    const updated = await this.apps
      .findOneAndUpdate(
        { _id: id, 'pendingMovement.id': m.id },
        {
          $set: { pendingMovement: null, status: m.after.status, currentLevel: m.after.currentLevel, updatedAt: m.entry.at },
          $inc: { reservedFen: m.after.reservedDelta, disbursedFen: m.after.disbursedDelta, version: 1 },
          $push: push,
        },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    // Null: a retry or the repair pass finished it first.
    return updated ?? ((await this.apps.findById(id).lean().exec()) as ApplicationDocument);
  }
}
