import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { findPage, type Page } from '@pdmc/persistence';
import { NotFoundError, scopedFilter } from '@pdmc/platform';
import type { DeskReason } from '../domain/dispatch';
import { PetitionRoutingDocument, type DecisionEntry } from '../infrastructure/petition-routing.schema';

export interface DecisionView {
  petitionId: string;
  caseNumber: string;
  status: 'routed' | 'awaiting_dispatch';
  /** The current decision (null while no rule or dispatcher decided). */
  decisionId: string | null;
  workUnit: string | null;
  responsibleBody: string | null;
  assistingUnits: string[];
  ruleId: string | null;
  ruleSetVersion: number | null;
  routedBy: string | null;
  reason: string | null;
  explanation: string | null;
  decidedAt: Date | null;
  bounces: number;
  meetingId: string | null;
  /** Every decision, oldest first, each with the rule-set version that made it. */
  history: DecisionEntry[];
  /** Units' objections (returns), oldest first; `inTime` is routing's own check of the 5 working days. */
  objections: Array<{ workUnit: string; reason: string; assignedAt: Date; returnedAt: Date; inTime: boolean }>;
}

export interface DeskItemView {
  petitionId: string;
  caseNumber: string;
  reason: DeskReason;
  note: string | null;
  category: string;
  categoryId: number;
  townCode: string;
  channel: string;
  itemClass: string;
  waitingSince: Date;
  dueAt: Date;
  overdue: boolean;
  bounces: number;
  lastWorkUnit: string | null;
  meetingId: string | null;
}

/** A unit head sees why petitions were routed to their units; elsewhere it is a 404. */
const DECISION_SCOPE = { units: 'workUnit', bodies: 'responsibleBody' };

@Injectable()
export class DecisionQueriesHandler {
  constructor(
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async decision(petitionId: string, principal: Principal): Promise<DecisionView> {
    const doc = await this.petitions.findOne(scopedFilter({ _id: petitionId }, principal, DECISION_SCOPE), { outbox: 0 }).lean().exec();
    if (!doc) throw new NotFoundError('ROUTING.DECISION_NOT_FOUND', 'No routing decision for this petition');
    return this.toView(doc);
  }

  toView(doc: Omit<PetitionRoutingDocument, 'outbox'>): DecisionView {
    const current = doc.status === 'routed' ? doc.decisions.at(-1) : undefined;
    return {
      petitionId: doc._id,
      caseNumber: doc.caseNumber,
      status: doc.status,
      decisionId: current?.decisionId ?? null,
      workUnit: current?.workUnit ?? null,
      responsibleBody: current?.responsibleBody ?? null,
      assistingUnits: current?.assistingUnits ?? [],
      ruleId: current?.ruleId ?? null,
      ruleSetVersion: current?.ruleSetVersion ?? null,
      routedBy: current?.routedBy ?? null,
      reason: current?.reason ?? null,
      explanation: current?.explanation ?? doc.deskNote ?? null,
      decidedAt: current?.decidedAt ?? null,
      bounces: doc.bounces,
      meetingId: doc.meetingId ?? null,
      history: doc.decisions,
      objections: doc.objections.map(({ workUnit, reason, assignedAt, returnedAt, inTime }) => ({ workUnit, reason, assignedAt, returnedAt, inTime })),
    };
  }

  /** The dispatcher's desk: nearest deadline first, then the longest waiting. */
  async desk(query: { reason?: DeskReason; page?: number; pageSize?: number }): Promise<Page<DeskItemView>> {
    const filter: Record<string, unknown> = { onDesk: true, ...(query.reason ? { deskReason: query.reason } : {}) };
    const now = this.clock.now().getTime();
    const sort = { deskDueAt: 1, deskSince: 1, _id: 1 } as const;
    return findPage(this.petitions, filter, { ...query, sort, projection: { outbox: 0, decisions: 0 } }, (d: PetitionRoutingDocument) => ({
      petitionId: d._id,
      caseNumber: d.caseNumber,
      reason: d.deskReason as DeskReason,
      note: d.deskNote,
      category: `${d.category.level1}/${d.category.level2}/${d.category.level3}`,
      categoryId: d.category.id,
      townCode: d.townCode,
      channel: d.channel,
      itemClass: d.itemClass,
      waitingSince: d.deskSince as Date,
      dueAt: d.deskDueAt as Date,
      overdue: (d.deskDueAt as Date).getTime() <= now,
      bounces: d.bounces,
      lastWorkUnit: d.objections.at(-1)?.workUnit ?? null,
      meetingId: d.meetingId ?? null,
    }));
  }
}
