import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { PeriodicPass, SERVICE_CONFIG } from '@pdmc/platform';
import type { FundsConfig } from '../../config/funds.config';
import { LedgerRepair } from '../../ledger/application/ledger-repair';
import { ApplicationDocument } from '../infrastructure/application.schema';
import { MovementRunner } from './movement-runner';

/**
 * The repair pass: finishes applications' money movements whose request died half-way (the
 * intent is on the application), then copies to the ledger whatever balances took but the ledger
 * lacks. Runs at start-up and every REPAIR_INTERVAL_MS; every step is idempotent, so two
 * instances repairing at once do no harm.
 */
@Injectable()
export class ApplicationsRepair implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ApplicationsRepair');
  private readonly passes = new PeriodicPass(
    () => this.run(),
    (error) => this.logger.warn({ msg: 'repair pass failed; will retry', error: String(error) }),
  );

  constructor(
    @InjectModel(ApplicationDocument.name) private readonly apps: Model<ApplicationDocument>,
    private readonly runner: MovementRunner,
    private readonly ledger: LedgerRepair,
    @Inject(SERVICE_CONFIG) private readonly config: FundsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.config.REPAIR_INTERVAL_MS, { now: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass; `graceMs` spares movements younger than that (their request may still be finishing them). */
  async run(graceMs = this.config.REPAIR_GRACE_MS): Promise<{ applications: number; ledgerEntries: number }> {
    const before = new Date(this.clock.now().getTime() - graceMs);
    const stuck = await this.apps.find({ 'pendingMovement.since': trusted({ $lte: before }) }, { outbox: 0 }).lean().exec();
    let applications = 0;
    for (const app of stuck) {
      try {
        await this.runner.run(app);
        applications += 1;
      } catch (error) {
        // Refused by the balance (the money went elsewhere meanwhile): the intent is given up.
        this.logger.warn({ msg: 'interrupted movement not completed', applicationId: app._id, error: String(error) });
      }
    }
    const ledgerEntries = await this.ledger.run();
    if (applications) this.logger.log({ msg: 'interrupted money movements completed', applications });
    return { applications, ledgerEntries };
  }
}
