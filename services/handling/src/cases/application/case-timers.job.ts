import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { trusted, type Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { CASE_CEASED_V1, CASE_TERMINATED_V1, type TerminationGround } from '@pdmc/contracts';
import { PeriodicPass, SERVICE_CONFIG } from '@pdmc/platform';
import type { HandlingConfig } from '../../config/handling.config';
import { CaseDocument } from '../infrastructure/case.schema';
import type { StoredCase } from './case-view';
import { caseKeys, CaseWorkflow } from './case-workflow';

const BATCH = 100;

/**
 * The clock-driven steps: a decision whose review window passed with no request ceases (息访);
 * a review decision whose re-examination window passed, and a decided re-examination, terminate
 * (终结). Each case stores its next due step (`timerDueAt`, indexed), so a pass is one indexed
 * range query; each step is the same conditional write as a person's, so two instances running
 * the job at once cannot apply a step twice.
 */
@Injectable()
export class CaseTimersJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CaseTimersJob.name);
  private readonly passes = new PeriodicPass(
    () => this.pass(),
    (error) => this.logger.error(error instanceof Error ? error : String(error)),
  );

  constructor(
    @InjectModel(CaseDocument.name) private readonly cases: Model<CaseDocument>,
    private readonly workflow: CaseWorkflow,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: HandlingConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.config.CASE_TIMER_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass over every due step at the clock's now; returns how many cases moved. Tests call it with a ManualClock. */
  runOnce(): Promise<number> {
    return this.passes.run();
  }

  private async pass(): Promise<number> {
    let moved = 0;
    for (;;) {
      const now = this.clock.now();
      const due = (await this.cases
        .find({ timerDueAt: trusted({ $lte: now }) }, { outbox: 0, history: 0 })
        .sort({ timerDueAt: 1 })
        .limit(BATCH)
        .lean()
        .exec()) as StoredCase[];
      let progressed = 0;
      for (const c of due) if (await this.step(c)) progressed++;
      moved += progressed;
      if (due.length < BATCH || progressed === 0) return moved;
    }
  }

  private async step(c: StoredCase): Promise<boolean> {
    const trace = { correlationId: randomUUID() };
    const filter = { _id: c._id, status: c.status, timerDueAt: c.timerDueAt };
    if (c.timerAction === 'cease') {
      const ceased = await this.workflow.system(
        filter,
        'cease',
        (k, ctx) => ({
          events: [
            ctx.envelope(CASE_CEASED_V1, { ...caseKeys(k), ceasedAt: ctx.now.toISOString() }),
            // No review was asked for in time: the decision is final, and the same matter is not accepted again.
            ctx.envelope(CASE_TERMINATED_V1, { ...caseKeys(k), ground: 'review_window_passed', terminatedAt: ctx.now.toISOString() }),
          ],
          what: 'Ceased (息访): the review window passed with no request',
        }),
        trace,
      );
      return Boolean(ceased);
    }
    const ground: TerminationGround = c.status === 'reexamination_decided' ? 'reexamination_decided' : 'reexamination_window_passed';
    const terminated = await this.workflow.system(
      filter,
      'terminate',
      (k, ctx) => ({
        events: [ctx.envelope(CASE_TERMINATED_V1, { ...caseKeys(k), ground, terminatedAt: ctx.now.toISOString() })],
        what: ground === 'reexamination_decided' ? 'Terminated (终结): the re-examination is final' : 'Terminated (终结): the re-examination window passed with no request',
      }),
      trace,
    );
    return Boolean(terminated);
  }
}
