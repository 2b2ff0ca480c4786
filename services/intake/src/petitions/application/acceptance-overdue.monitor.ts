import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { createEnvelope, PETITION_ACCEPTANCE_OVERDUE_V1 } from '@pdmc/contracts';
import { OutboxRelayService, PeriodicPass, SERVICE_CONFIG } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import type { IntakeConfig } from '../../config/intake.config';
import { PetitionDocument } from '../infrastructure/petition.schema';
import { entry } from '../domain/timeline';

/**
 * Reports each petition still undecided after its 15 days, once: the flag and the event are
 * written in one conditional update, so several instances scanning at once report it once.
 */
@Injectable()
export class AcceptanceOverdueMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AcceptanceOverdue');
  // Failures never reach the timer: a failed scan is logged and counts as none reported.
  private readonly passes = new PeriodicPass(
    () => this.scanLogged(new Date()),
    () => undefined,
  );

  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    private readonly relay: OutboxRelayService,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.config.ACCEPTANCE_SCAN_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass; returns how many petitions were reported. */
  scanOnce(now = new Date()): Promise<number> {
    return this.passes.run(() => this.scanLogged(now));
  }

  private scanLogged(now: Date): Promise<number> {
    return this.scan(now).catch((error: unknown) => {
      this.logger.warn({ msg: 'overdue scan failed; will retry', error: String(error) });
      return 0;
    });
  }

  private async scan(now: Date): Promise<number> {
    const due = await this.petitions
      .find(
        // `null` matches a missing field through the index (status, acceptanceOverdueReportedAt,
        // acceptanceDueAt); `$exists: false` would make the embedded store scan (decision 0010).
        { status: 'registered', acceptanceOverdueReportedAt: null, acceptanceDueAt: trusted({ $lt: now }) },
        { caseNumber: 1, townCode: 1, receivedAt: 1, acceptanceDueAt: 1 },
      )
      .sort({ acceptanceDueAt: 1 })
      .limit(200)
      .lean()
      .exec();
    let reported = 0;
    for (const p of due) {
      const event = createEnvelope(
        PETITION_ACCEPTANCE_OVERDUE_V1,
        {
          petitionId: p._id,
          caseNumber: p.caseNumber,
          townCode: p.townCode,
          receivedAt: p.receivedAt.toISOString(),
          dueAt: p.acceptanceDueAt.toISOString(),
        },
        { correlationId: `overdue-${p._id}` },
      );
      const result = await this.petitions
        .updateOne(
          { _id: p._id, status: 'registered', acceptanceOverdueReportedAt: trusted({ $exists: false }) },
          {
            $set: { acceptanceOverdueReportedAt: now },
            $push: { history: entry('acceptance_overdue_reported', 'system', now), outbox: { $each: toOutbox(event) } },
          },
        )
        .exec();
      reported += result.modifiedCount;
    }
    if (reported) this.relay.kick();
    return reported;
  }
}
