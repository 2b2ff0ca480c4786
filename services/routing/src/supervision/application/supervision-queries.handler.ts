import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { ObligationKind, WorkUnit } from '@pdmc/contracts';
import { scopedFilter, ValidationFailedError } from '@pdmc/platform';
import { addCounts, emptyCounts, monthsBetween, periodOf, ratesOf, type Counts, type Dimension, type Rates } from '../domain/rates';
import { ObligationDocument } from '../infrastructure/obligation.schema';
import { CounterDocument } from '../infrastructure/statistics.schemas';

export interface QueueItemView {
  obligationId: string;
  kind: ObligationKind;
  petitionId: string | null;
  caseNumber: string | null;
  caseId: string | null;
  workUnit: WorkUnit | null;
  assignee: string | null;
  startsAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  warnings: number;
  reportRequired: boolean;
}

export interface StatisticsRow {
  value: string;
  counts: Counts;
  rates: Rates;
}

export interface StatisticsView {
  from: string;
  to: string;
  dimension: Dimension;
  rows: StatisticsRow[];
}

/** Longest statistics range: two years of months (a year-on-year comparison). */
export const MAX_MONTHS = 24;

@Injectable()
export class SupervisionQueriesHandler {
  constructor(
    @InjectModel(ObligationDocument.name) private readonly obligations: Model<ObligationDocument>,
    @InjectModel(CounterDocument.name) private readonly counters: Model<CounterDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The supervision queue: open obligations, overdue first, then the nearest deadline (both are
   * "earliest due first"), served by the `{state, [workUnit|kind], dueAt}` indexes. Unit-scoped
   * staff see their units' obligations only.
   */
  async queue(q: { workUnit?: WorkUnit; kind?: ObligationKind; page?: number; pageSize?: number }, principal: Principal): Promise<{ items: QueueItemView[]; total: number; page: number; pageSize: number }> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const filter: Record<string, unknown> = { state: 'open', dueAt: trusted({ $ne: null }) };
    if (q.workUnit) filter.workUnit = q.workUnit;
    if (q.kind) filter.kind = q.kind;
    const scoped = scopedFilter(filter, principal, { units: 'workUnit' });
    const [docs, total] = await Promise.all([
      this.obligations.find(scoped, { outbox: 0, plan: 0 }).sort({ dueAt: 1 }).skip((page - 1) * pageSize).limit(pageSize).lean().exec(),
      this.obligations.countDocuments(scoped).exec(),
    ]);
    const now = this.clock.now();
    return { items: docs.map((d) => toQueueItem(d, now)), total, page, pageSize };
  }

  /**
   * The centre's numbers for a range of months in one dimension: the counter documents of those
   * months (an indexed equality on dimension and `$in` on period), summed in code, rates computed
   * from the sums. Nothing is rescanned.
   */
  async statistics(query: { from?: string; to?: string; dimension?: Dimension }): Promise<StatisticsView> {
    const from = query.from ?? periodOf(this.clock.now());
    const q = { from, to: query.to ?? from, dimension: query.dimension ?? 'centre' };
    const months = checkRange(q.from, q.to);
    const docs = await this.counters.find({ dimension: q.dimension, period: trusted({ $in: months }) }).lean().exec();
    const byValue = new Map<string, Counts>();
    for (const d of docs) {
      const counts = byValue.get(d.value) ?? emptyCounts();
      byValue.set(d.value, addCounts(counts, d.c));
    }
    const rows = [...byValue.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([value, counts]) => ({ value, counts, rates: ratesOf(counts) }));
    return { from: q.from, to: q.to, dimension: q.dimension, rows };
  }
}

/** A range of months, from ≤ to, at most {@link MAX_MONTHS}: otherwise a 400 naming the field. */
export function checkRange(from: string, to: string): string[] {
  if (from > to) throw new ValidationFailedError([{ field: 'to', rule: 'notBeforeFrom', message: `to (${to}) is before from (${from})` }]);
  const months = monthsBetween(from, to);
  if (months.length > MAX_MONTHS) throw new ValidationFailedError([{ field: 'to', rule: 'maxRange', message: `a range covers at most ${MAX_MONTHS} months, this one ${months.length}` }]);
  return months;
}

function toQueueItem(d: Omit<ObligationDocument, 'plan' | 'outbox'>, now: Date): QueueItemView {
  return {
    obligationId: d._id,
    kind: d.kind,
    petitionId: d.petitionId ?? null,
    caseNumber: d.caseNumber ?? null,
    caseId: d.caseId ?? null,
    workUnit: d.workUnit ?? null,
    assignee: d.assignee ?? null,
    startsAt: d.startsAt ? d.startsAt.toISOString() : null,
    dueAt: d.dueAt ? d.dueAt.toISOString() : null,
    overdue: !!d.dueAt && d.dueAt.getTime() <= now.getTime(),
    warnings: d.warnings ?? 0,
    reportRequired: d.reportRequired ?? false,
  };
}
