import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { scopeOf, type Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import { findPage, type Page } from '@pdmc/persistence';
import { scopedFilter } from '@pdmc/platform';
import type { BodyTask, Case, HistoryEntry } from '../domain/case';
import { CaseDocument } from '../infrastructure/case.schema';
import type { CaseFilter, QueueFilter } from './case.commands';
import { CASE_SCOPE, toCase, type StoredCase } from './case-view';
import { CaseNotFoundError } from './errors';

export type { Page };

/** A task waiting for a body's report past its deadline, with the case it belongs to. */
export interface OverdueTask extends BodyTask {
  caseId: string;
  caseNumber: string;
  workUnit: WorkUnit;
}

/** How many live cases each handler of a unit holds, and how many of them are overdue. */
export interface HandlerLoad {
  unit: WorkUnit;
  handler: string | null;
  cases: number;
  overdue: number;
}

const LOAD_CAP = 5000;

@Injectable()
export class FindCasesHandler {
  constructor(
    @InjectModel(CaseDocument.name) private readonly cases: Model<CaseDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async stored(id: string, principal: Principal): Promise<StoredCase> {
    const filter = scopedFilter({ _id: id }, principal, CASE_SCOPE);
    const doc = (await this.cases.findOne(filter, { outbox: 0 }).lean().exec()) as StoredCase | null;
    if (!doc) throw new CaseNotFoundError();
    return doc;
  }

  /** A case the principal may see; one outside their scope is "not found", not "forbidden". */
  async byId(id: string, principal: Principal): Promise<Case> {
    return toCase(await this.stored(id, principal), this.clock.now());
  }

  /** The append-only history of a case, oldest first. */
  async history(id: string, principal: Principal): Promise<{ items: HistoryEntry[] }> {
    const doc = await this.stored(id, principal);
    return { items: doc.history ?? [] };
  }

  async list(query: CaseFilter, principal: Principal): Promise<Page<Case>> {
    const asked: Record<string, unknown> = {};
    if (query.petitionId) asked['petitionId'] = query.petitionId;
    if (query.workUnit) asked['workUnit'] = query.workUnit;
    if (query.status) asked['status'] = query.status;
    const filter = scopedFilter(asked, principal, CASE_SCOPE);
    const now = this.clock.now();
    const sort = { openedAt: -1, _id: 1 } as const;
    return findPage(this.cases, filter, { ...query, sort, projection: { outbox: 0, history: 0 } }, (d: StoredCase) => toCase(d, now));
  }

  /**
   * A unit's work queue: the cases it has work on, overdue first, then the nearest deadline (one
   * sort on the current deadline does both). A unit outside the caller's units is an empty queue.
   */
  async queue(unit: WorkUnit | undefined, query: QueueFilter, principal: Principal): Promise<Page<Case>> {
    const now = this.clock.now();
    const asked: Record<string, unknown> = { queueUnit: unit ?? trusted({ $in: WORK_UNITS }) };
    if (query.status) asked['status'] = query.status;
    if (query.handler) asked['handler'] = query.handler;
    if (query.unassigned) asked['handler'] = null;
    if (query.overdue === true) asked['queueDueAt'] = trusted({ $lte: now });
    if (query.overdue === false) asked['queueDueAt'] = trusted({ $gt: now });
    const filter = scopedFilter(asked, principal, { units: 'queueUnit' });
    const sort = { queueDueAt: 1, _id: 1 } as const;
    return findPage(this.cases, filter, { ...query, sort, projection: { outbox: 0, history: 0 } }, (d: StoredCase) => toCase(d, now));
  }

  /** Each handler's load in a unit's queue (unassigned cases under `handler: null`). */
  async load(unit: WorkUnit | undefined, principal: Principal): Promise<{ handlers: HandlerLoad[] }> {
    const now = this.clock.now().getTime();
    const filter = scopedFilter({ queueUnit: unit ?? trusted({ $in: WORK_UNITS }) }, principal, { units: 'queueUnit' });
    const docs = await this.cases.find(filter, { handler: 1, queueDueAt: 1, queueUnit: 1 }).limit(LOAD_CAP).lean().exec();
    const byHandler = new Map<string, HandlerLoad>();
    for (const d of docs as Array<{ handler?: string | null; queueDueAt?: Date | null; queueUnit: WorkUnit }>) {
      const key = `${d.queueUnit}/${d.handler ?? ''}`;
      const entry = byHandler.get(key) ?? { unit: d.queueUnit, handler: d.handler ?? null, cases: 0, overdue: 0 };
      entry.cases++;
      if (d.queueDueAt && new Date(d.queueDueAt).getTime() <= now) entry.overdue++;
      byHandler.set(key, entry);
    }
    return {
      handlers: [...byHandler.values()].sort(
        (a, b) => a.unit.localeCompare(b.unit) || b.cases - a.cases || String(a.handler).localeCompare(String(b.handler)),
      ),
    };
  }

  /**
   * Tasks past their deadline without an accepted report, for the units and bodies the caller
   * sees: found by the indexed earliest-open-task deadline, then the overdue tasks of each case.
   */
  async overdueTasks(principal: Principal): Promise<{ items: OverdueTask[] }> {
    const now = this.clock.now();
    const filter = scopedFilter({ openTaskDueAt: trusted({ $lte: now }) }, principal, CASE_SCOPE);
    const docs = (await this.cases.find(filter, { outbox: 0, history: 0 }).sort({ openTaskDueAt: 1 }).limit(500).lean().exec()) as StoredCase[];
    const s = scopeOf(principal);
    const items = docs.flatMap((d) =>
      d.tasks
        .filter((t) => (t.status === 'issued' || t.status === 'sent_back') && new Date(t.dueAt).getTime() <= now.getTime())
        // A liaison sees the tasks of its own bodies only, not another body's on the same case.
        .filter((t) => s.all || s.units.includes(d.workUnit) || s.bodies.includes(t.body))
        .map((t) => ({ ...t, caseId: d._id, caseNumber: d.caseNumber, workUnit: d.workUnit })),
    );
    return { items };
  }
}
