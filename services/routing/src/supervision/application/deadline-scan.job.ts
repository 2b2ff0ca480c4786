import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { createEnvelope, OBLIGATION_OVERDUE_V1, OBLIGATION_WARNED_V1, type EventEnvelope } from '@pdmc/contracts';
import { OutboxRelayService, SERVICE_CONFIG } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import type { RoutingConfig } from '../../config/routing.config';
import { MeetingDocument } from '../../meetings/infrastructure/meeting.schema';
import { stableUuid } from '../../shared/stable-id';
import { nextStage } from '../domain/obligation';
import { ObligationDocument } from '../infrastructure/obligation.schema';
import { SupervisionOrdersHandler } from './supervision-orders.handler';
import { SupervisionStatistics } from './supervision-statistics';

const BATCH = 200;

type DueObligation = Pick<ObligationDocument, '_id' | 'kind' | 'petitionId' | 'caseNumber' | 'caseId' | 'workUnit' | 'assignee' | 'startsAt' | 'dueAt' | 'plan' | 'stageIndex' | 'nextAlertAt' | 'state'>;

/**
 * Announces warnings and overdue moments (issue 14 point 2). `runOnce()` reads only obligations
 * whose `nextAlertAt` has come (an indexed range, oldest first) and claims each announcement with
 * a conditional write on the marker it read: of two instances, or of a run repeated after a
 * crash, exactly one moves the marker and stores the event in the outbox in that same write.
 * Event ids are derived from the obligation, the stage and the deadline, so even a republish is
 * de-duplicated by the stream.
 */
@Injectable()
export class DeadlineScanJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineScan');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @InjectModel(ObligationDocument.name) private readonly obligations: Model<ObligationDocument>,
    @InjectModel(MeetingDocument.name) private readonly meetings: Model<MeetingDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: RoutingConfig,
    private readonly relay: OutboxRelayService,
    private readonly statistics: SupervisionStatistics,
    private readonly orders: SupervisionOrdersHandler,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SUPERVISION_SCAN_MS) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((error: unknown) => {
          // The markers are still there: the next run finds the same obligations.
          this.logger.warn({ msg: 'deadline scan failed; next run retries', error: String(error) });
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, this.config.SUPERVISION_SCAN_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over everything due now; returns the number of announcements (and escalations) this instance made. */
  async runOnce(): Promise<number> {
    let announced = 0;
    for (;;) {
      const now = this.clock.now();
      const due = await this.obligations
        .find({ nextAlertAt: trusted({ $lte: now }) }, { outbox: 0 })
        .sort({ nextAlertAt: 1 })
        .limit(BATCH)
        .lean<DueObligation[]>()
        .exec();
      let claimed = 0;
      for (const doc of due) if (await this.announce(doc, now)) claimed++;
      announced += claimed;
      // Another instance may have claimed some of the batch; stop when nothing due is left.
      if (due.length < BATCH) break;
    }
    // Supervision orders whose reply deadline passed unanswered go to listed supervision.
    announced += await this.orders.escalateUnanswered(this.clock.now());
    if (announced) this.relay.kick();
    return announced;
  }

  private async announce(doc: DueObligation, now: Date): Promise<boolean> {
    const claim = { _id: doc._id, state: 'open' as const, nextAlertAt: doc.nextAlertAt, stageIndex: doc.stageIndex };
    if (doc.kind === 'meeting_task' && (await this.meetingTaskDone(doc._id))) {
      // Meetings record completion in their own document, not as an event: met, nothing to announce.
      await this.obligations.updateOne(claim, { $set: { state: 'met', metAt: now, metInTime: doc.dueAt ? now < doc.dueAt : null, nextAlertAt: null }, $inc: { revision: 1 } }).exec();
      return false;
    }
    const stageIndex = nextStage(doc.plan, doc.stageIndex, now);
    if (stageIndex === undefined || doc.plan[stageIndex].at.getTime() > now.getTime()) {
      await this.obligations.updateOne(claim, { $set: { nextAlertAt: stageIndex === undefined ? null : doc.plan[stageIndex].at } }).exec();
      return false;
    }
    const stage = doc.plan[stageIndex];
    const after = nextStage(doc.plan, stageIndex, now);
    const event = this.eventFor(doc, stage.stage, stage.share, stageIndex, now);
    const set: Record<string, unknown> = { stageIndex, nextAlertAt: after === undefined ? null : doc.plan[after].at };
    if (stage.stage === 'overdue') set.overdueAt = now;
    const result = await this.obligations
      .updateOne(claim, { $set: set, $inc: { revision: 1, ...(stage.stage === 'warning' ? { warnings: 1 } : {}) }, $push: { outbox: { $each: toOutbox(event) } } })
      .exec();
    if (!result.modifiedCount) return false;
    if (stage.stage === 'overdue') await this.statistics.obligationOverdue(doc);
    return true;
  }

  private eventFor(doc: DueObligation, stage: 'warning' | 'overdue', share: number, stageIndex: number, now: Date): EventEnvelope {
    const dueAt = (doc.dueAt as Date).toISOString();
    const who = {
      obligationId: doc._id,
      kind: doc.kind,
      ...(doc.petitionId ? { petitionId: doc.petitionId } : {}),
      ...(doc.caseNumber ? { caseNumber: doc.caseNumber } : {}),
      ...(doc.caseId ? { caseId: doc.caseId } : {}),
      ...(doc.workUnit ? { workUnit: doc.workUnit } : {}),
      ...(doc.assignee ? { assignee: doc.assignee } : {}),
      startsAt: (doc.startsAt as Date).toISOString(),
      dueAt,
    };
    const ctx = { id: stableUuid(`${doc._id}|${stageIndex}|${stage}|${dueAt}`), correlationId: `supervision:${doc._id}`.slice(0, 200), occurredAt: now };
    return stage === 'warning'
      ? createEnvelope(OBLIGATION_WARNED_V1, { ...who, share, warnedAt: now.toISOString() }, ctx)
      : createEnvelope(OBLIGATION_OVERDUE_V1, { ...who, overdueAt: now.toISOString() }, ctx);
  }

  private async meetingTaskDone(id: string): Promise<boolean> {
    const [, meetingId, taskId] = id.split(':');
    const meeting = await this.meetings.findById(meetingId, { tasks: 1 }).lean().exec();
    return meeting?.tasks.some((t) => t.taskId === taskId && t.status === 'done') ?? false;
  }
}
