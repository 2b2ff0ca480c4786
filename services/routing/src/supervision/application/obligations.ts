import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock, type WorkingCalendar } from '@pdmc/calendar';
import type { ObligationKind } from '@pdmc/contracts';
import { SERVICE_CONFIG } from '@pdmc/platform';
import { isDuplicateKeyError } from '@pdmc/persistence';
import { RoutingCalendar } from '../../calendar/application/routing-calendar';
import type { RoutingConfig } from '../../config/routing.config';
import { alertPlan, extendedDue, metInTime, nextStage, parseWarningShares, type ObligationFacts } from '../domain/obligation';
import { ObligationDocument, type ObligationState } from '../infrastructure/obligation.schema';

/** Conditional writes retried this often when another writer changed the obligation in between. */
const ATTEMPTS = 5;

/**
 * The obligations collection as the event handlers change it. Every change is one conditional
 * single-document write (on `_id` and `revision`), so redeliveries, replays and two instances
 * cannot apply a change twice or lose one.
 */
@Injectable()
export class Obligations {
  readonly warningShares: number[];

  constructor(
    @InjectModel(ObligationDocument.name) private readonly obligations: Model<ObligationDocument>,
    private readonly calendar: RoutingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: RoutingConfig,
  ) {
    this.warningShares = parseWarningShares(config.SUPERVISION_WARNING_SHARES);
  }

  calendarAround(at: Date): Promise<WorkingCalendar> {
    return this.calendar.around(at);
  }

  /**
   * Starts watching an obligation. The first event that names it wins: a redelivery or replay
   * changes nothing, and an obligation already met (its fulfilling event came first) stays met.
   */
  async open(id: string, facts: ObligationFacts): Promise<void> {
    const plan = alertPlan(facts, this.warningShares);
    const next = nextStage(plan, -1, this.clock.now());
    await this.obligations
      .updateOne(
        { _id: id },
        {
          $setOnInsert: {
            ...this.factFields(facts),
            state: 'open',
            plan,
            stageIndex: -1,
            nextAlertAt: next === undefined ? null : plan[next].at,
            revision: 1,
          },
        },
        { upsert: true },
      )
      .exec()
      .catch((error: unknown) => {
        // Two deliveries racing on the upsert: the other one created it.
        if (!isDuplicateKeyError(error)) throw error;
      });
  }

  /** The obligation was fulfilled at `at` (or, `lapsed`, ended without being owed any more). */
  async close(id: string, at: Date, state: Exclude<ObligationState, 'open'> = 'met', facts: Partial<ObligationFacts> = {}): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const doc = await this.obligations.findById(id, { outbox: 0, plan: 0 }).lean().exec();
      if (!doc) {
        // The fulfilling event came first (a replay out of order): remember the obligation as closed.
        try {
          await this.obligations.create({ ...this.factFields(facts), _id: id, kind: facts.kind ?? (id.split(':')[0].replace(/-/g, '_') as ObligationKind), state, metAt: at, nextAlertAt: null, revision: 1, outbox: [] });
          return;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          continue;
        }
      }
      if (doc.state !== 'open') return;
      const result = await this.obligations
        .updateOne(
          { _id: id, revision: doc.revision },
          { $set: { state, metAt: at, metInTime: doc.dueAt ? metInTime(doc.dueAt, at) : null, nextAlertAt: null }, $inc: { revision: 1 } },
        )
        .exec();
      if (result.matchedCount) return;
    }
    throw new Error(`obligation ${id} kept changing; will be retried`);
  }

  /** Moves an open obligation's deadline (an approved extension); warnings start over for the new period. */
  async extend(id: string, change: { days: number } | { dueAt: Date }): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const doc = await this.obligations.findById(id, { outbox: 0 }).lean().exec();
      if (!doc || doc.state !== 'open' || !doc.dueAt || !doc.periodStart) return;
      let dueAt: Date;
      let lastDay: string | null = doc.lastDay;
      if ('days' in change) {
        const extended = extendedDue(await this.calendar.around(doc.dueAt), { lastDay: doc.lastDay ?? undefined, dueAt: doc.dueAt }, change.days);
        dueAt = extended.dueAt;
        lastDay = extended.lastDay;
      } else {
        dueAt = change.dueAt;
      }
      if (dueAt.getTime() === doc.dueAt.getTime()) return;
      const plan = alertPlan({ kind: doc.kind, periodStart: doc.periodStart, dueAt }, this.warningShares);
      const next = nextStage(plan, -1, this.clock.now());
      const result = await this.obligations
        .updateOne(
          { _id: id, revision: doc.revision },
          { $set: { dueAt, lastDay, plan, stageIndex: -1, nextAlertAt: next === undefined ? null : plan[next].at }, $inc: { revision: 1 } },
        )
        .exec();
      if (result.matchedCount) return;
    }
    throw new Error(`obligation ${id} kept changing; will be retried`);
  }

  /** The open obligations of a petition of one kind (a handful; `petitionId` is indexed). */
  async openIds(petitionId: string, kind: ObligationDocument['kind']): Promise<string[]> {
    const docs = await this.obligations.find({ petitionId, kind, state: 'open' }, { _id: 1 }).lean().exec();
    return docs.map((d) => d._id);
  }

  private factFields(facts: Partial<ObligationFacts>): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const key of ['kind', 'petitionId', 'caseNumber', 'caseId', 'workUnit', 'assignee', 'startsAt', 'periodStart', 'dueAt', 'lastDay', 'reportRequired'] as const) {
      if (facts[key] !== undefined) fields[key] = facts[key];
    }
    return fields;
  }
}
