import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { scopeOf, type Principal } from '@pdmc/auth';
import { CLOCK, periodInDays, type Clock } from '@pdmc/calendar';
import {
  createEnvelope,
  SUPERVISION_ORDER_ESCALATED_V1,
  SUPERVISION_ORDER_ISSUED_V1,
  SUPERVISION_ORDER_REPLIED_V1,
  type EscalationGround,
  type WorkUnit,
} from '@pdmc/contracts';
import { correlationIdOrNew, DomainError, NotFoundError, OutboxRelayService, SERVICE_CONFIG, ValidationFailedError } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { RoutingCalendar } from '../../calendar/application/routing-calendar';
import type { RoutingConfig } from '../../config/routing.config';
import { PetitionRoutingDocument } from '../../decisions/infrastructure/petition-routing.schema';
import { LeaderCaseDocument } from '../../leaders/infrastructure/leader.schemas';
import { WORK_UNIT_NAMES } from '../../meetings/domain/meeting';
import { allowedOrderActions, renderOrder, type OrderAction, type OrderState } from '../domain/supervision-order';
import { PetitionFactsDocument } from '../infrastructure/statistics.schemas';
import { SupervisionOrderDocument } from '../infrastructure/supervision-order.schema';
import { SupervisionStatistics } from './supervision-statistics';

export interface OrderView {
  orderId: string;
  petitionId: string;
  caseNumber: string;
  workUnit: WorkUnit;
  reason: string;
  issuedBy: string;
  issuedAt: string;
  replyDueAt: string;
  state: OrderState;
  reply: { text: string; by: string; at: string; late: boolean } | null;
  escalation: { ground: EscalationGround; leaderId: string | null; leaderName: string | null; at: string } | null;
  allowedActions: OrderAction[];
}

const ENDED = ['closed', 'ceased', 'terminated'];

export class OrderNotFoundError extends NotFoundError {
  constructor(orderId: string) {
    super('SUPERVISION.ORDER_NOT_FOUND', `There is no supervision order ${orderId} for you`);
  }
}

function conflict(state: OrderState, action: OrderAction): DomainError {
  const allowed = allowedOrderActions(state);
  return new DomainError('SUPERVISION.ORDER_STATE', `The order is ${state}; ${action} is not allowed (allowed: ${allowed.join(', ') || 'nothing'})`, 409);
}

/**
 * Supervision orders (督办单, issue 14 point 3): a commissioner issues one to the unit holding a
 * case, with a reply deadline; the unit replies; an unanswered order, or a commissioner's
 * decision, escalates it to listed supervision (挂牌督办) naming the leader who owns the case.
 */
@Injectable()
export class SupervisionOrdersHandler {
  constructor(
    @InjectModel(SupervisionOrderDocument.name) private readonly orders: Model<SupervisionOrderDocument>,
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    @InjectModel(PetitionFactsDocument.name) private readonly facts: Model<PetitionFactsDocument>,
    @InjectModel(LeaderCaseDocument.name) private readonly leaders: Model<LeaderCaseDocument>,
    private readonly calendar: RoutingCalendar,
    private readonly statistics: SupervisionStatistics,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: RoutingConfig,
  ) {}

  async issue(input: { petitionId: string; reason: string }, actor: string): Promise<OrderView> {
    const petition = await this.petitions.findById(input.petitionId, { caseNumber: 1, workUnit: 1 }).lean().exec();
    if (!petition) throw new NotFoundError('SUPERVISION.CASE_NOT_FOUND', `Routing knows no accepted petition ${input.petitionId}`);
    if (!petition.workUnit) throw new DomainError('SUPERVISION.CASE_NOT_ROUTED', 'The petition waits on the dispatcher’s desk: no unit to supervise yet (allowed: dispatch it first)', 409);
    const facts = await this.facts.findById(input.petitionId, { counted: 1 }).lean().exec();
    const ended = facts?.counted?.find((k) => ENDED.includes(k));
    if (ended) throw new DomainError('SUPERVISION.CASE_CLOSED', `The case is ${ended}; a supervision order needs a live case (allowed: nothing)`, 409);
    const issuedAt = this.clock.now();
    const replyDueAt = periodInDays(await this.calendar.around(issuedAt), issuedAt, this.config.SUPERVISION_ORDER_REPLY_DAYS).dueAt;
    const orderId = randomUUID();
    const event = createEnvelope(
      SUPERVISION_ORDER_ISSUED_V1,
      { orderId, petitionId: input.petitionId, caseNumber: petition.caseNumber, workUnit: petition.workUnit, issuedAt: issuedAt.toISOString(), replyDueAt: replyDueAt.toISOString() },
      { correlationId: correlationIdOrNew(), aggregate: { id: orderId, sequence: 1 } },
    );
    const doc = await this.orders.create({
      _id: orderId,
      petitionId: input.petitionId,
      caseNumber: petition.caseNumber,
      workUnit: petition.workUnit,
      reason: input.reason,
      issuedBy: actor,
      issuedAt,
      replyDueAt,
      state: 'issued',
      escalateAt: replyDueAt,
      revision: 1,
      outbox: toOutbox(event),
    });
    await this.statistics.orderIssued(input.petitionId, orderId);
    this.relay.kick();
    return toView(doc.toObject());
  }

  /** The unit's reply; only a unit the order went to may give it (404 for others, as for any record outside one's scope). */
  async reply(orderId: string, text: string, principal: Principal): Promise<OrderView> {
    const order = await this.load(orderId, principal);
    if (!allowedOrderActions(order.state).includes('reply')) throw conflict(order.state, 'reply');
    const at = this.clock.now();
    const late = at.getTime() >= order.replyDueAt.getTime();
    const event = createEnvelope(
      SUPERVISION_ORDER_REPLIED_V1,
      { orderId, petitionId: order.petitionId, caseNumber: order.caseNumber, workUnit: order.workUnit, repliedAt: at.toISOString(), timeliness: late ? 'late' : 'on_time' },
      { correlationId: correlationIdOrNew(), aggregate: { id: orderId, sequence: order.revision + 1 } },
    );
    const updated = await this.orders
      .findOneAndUpdate(
        { _id: orderId, revision: order.revision },
        { $set: { state: 'replied', escalateAt: null, reply: { text, by: principal.subject, at, late } }, $inc: { revision: 1 }, $push: { outbox: { $each: toOutbox(event) } } },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    if (!updated) throw new DomainError('SUPERVISION.ORDER_CHANGED', 'The order changed meanwhile: reload it', 409);
    this.relay.kick();
    return toView(updated);
  }

  /**
   * A commissioner lists the case for supervision. The leader named must be the one who owns the
   * case (领导包案, POST /leader-cases); without an owner there is nobody to name yet.
   */
  async escalate(orderId: string, input: { leaderId?: string }, principal: Principal): Promise<OrderView> {
    const order = await this.load(orderId, principal);
    if (!allowedOrderActions(order.state).includes('escalate')) throw conflict(order.state, 'escalate');
    const owner = await this.leaders.findById(order.petitionId, { leaderId: 1, leaderName: 1 }).lean().exec();
    if (input.leaderId && owner?.leaderId !== input.leaderId) {
      throw new ValidationFailedError([{ field: 'leaderId', rule: 'owningLeader', message: `leaderId must name the leader who owns the case${owner ? ` (${owner.leaderId})` : '; it has none yet'}` }]);
    }
    if (!owner) throw new DomainError('SUPERVISION.NO_OWNING_LEADER', 'Listed supervision names the leader who owns the case; assign one first (allowed: POST /leader-cases)', 409);
    const updated = await this.markEscalated(order, 'commissioner', owner, principal.subject);
    if (!updated) throw new DomainError('SUPERVISION.ORDER_CHANGED', 'The order changed meanwhile: reload it', 409);
    return toView(updated);
  }

  /** Orders whose reply deadline passed unanswered go to listed supervision (run by the deadline scan). */
  async escalateUnanswered(now: Date): Promise<number> {
    const due = await this.orders.find({ escalateAt: trusted({ $lte: now }) }, { outbox: 0 }).sort({ escalateAt: 1 }).limit(200).lean().exec();
    let escalated = 0;
    for (const order of due) {
      if (order.state !== 'issued') continue;
      const owner = await this.leaders.findById(order.petitionId, { leaderId: 1, leaderName: 1 }).lean().exec();
      if (await this.markEscalated(order, 'unanswered', owner, 'supervision-scan')) escalated++;
    }
    return escalated;
  }

  async get(orderId: string, principal: Principal): Promise<OrderView> {
    return toView(await this.load(orderId, principal));
  }

  async print(orderId: string, principal: Principal): Promise<string> {
    const o = await this.load(orderId, principal);
    return renderOrder({ ...o, orderId: o._id, unitName: WORK_UNIT_NAMES[o.workUnit] ?? o.workUnit });
  }

  /** Orders, newest first; a unit sees the orders it received. */
  async list(q: { workUnit?: WorkUnit; state?: OrderState; page?: number; pageSize?: number }, principal: Principal): Promise<{ items: OrderView[]; total: number; page: number; pageSize: number }> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const scope = scopeOf(principal);
    let unit = q.workUnit;
    if (!scope.all) {
      // One unit per request keeps the query on the {workUnit, issuedAt} index.
      unit = unit ?? scope.units[0];
      if (!unit || !scope.units.includes(unit)) return { items: [], total: 0, page, pageSize };
    }
    const filter: Record<string, unknown> = {};
    if (unit) filter.workUnit = unit;
    if (q.state) filter.state = q.state;
    const [docs, total] = await Promise.all([
      this.orders.find(filter, { outbox: 0 }).sort({ issuedAt: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean().exec(),
      this.orders.countDocuments(filter).exec(),
    ]);
    return { items: docs.map(toView), total, page, pageSize };
  }

  private async load(orderId: string, principal: Principal): Promise<SupervisionOrderDocument> {
    const order = await this.orders.findById(orderId, { outbox: 0 }).lean().exec();
    const scope = scopeOf(principal);
    if (!order || (!scope.all && !scope.units.includes(order.workUnit))) throw new OrderNotFoundError(orderId);
    return order as SupervisionOrderDocument;
  }

  private async markEscalated(
    order: Pick<SupervisionOrderDocument, '_id' | 'petitionId' | 'caseNumber' | 'workUnit' | 'revision' | 'state'>,
    ground: EscalationGround,
    owner: { leaderId: string; leaderName: string } | null,
    by: string,
  ) {
    const at = this.clock.now();
    const event = createEnvelope(
      SUPERVISION_ORDER_ESCALATED_V1,
      {
        orderId: order._id,
        petitionId: order.petitionId,
        caseNumber: order.caseNumber,
        workUnit: order.workUnit,
        ground,
        ...(owner ? { leaderId: owner.leaderId, leaderName: owner.leaderName.slice(0, 40) } : {}),
        escalatedAt: at.toISOString(),
      },
      { correlationId: correlationIdOrNew(), aggregate: { id: order._id, sequence: order.revision + 1 } },
    );
    // Conditional on the state and revision read: a reply and an escalation cannot both win.
    const updated = await this.orders
      .findOneAndUpdate(
        { _id: order._id, state: order.state, revision: order.revision },
        {
          $set: { state: 'escalated', escalateAt: null, escalation: { ground, leaderId: owner?.leaderId ?? null, leaderName: owner?.leaderName ?? null, by, at } },
          $inc: { revision: 1 },
          $push: { outbox: { $each: toOutbox(event) } },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    if (updated) {
      await this.statistics.orderListed(order.petitionId, order._id);
      this.relay.kick();
    }
    return updated;
  }
}

function toView(o: Omit<SupervisionOrderDocument, 'outbox'>): OrderView {
  return {
    orderId: o._id,
    petitionId: o.petitionId,
    caseNumber: o.caseNumber,
    workUnit: o.workUnit,
    reason: o.reason,
    issuedBy: o.issuedBy,
    issuedAt: o.issuedAt.toISOString(),
    replyDueAt: o.replyDueAt.toISOString(),
    state: o.state,
    reply: o.reply ? { text: o.reply.text, by: o.reply.by, at: o.reply.at.toISOString(), late: o.reply.late } : null,
    escalation: o.escalation ? { ground: o.escalation.ground, leaderId: o.escalation.leaderId ?? null, leaderName: o.escalation.leaderName ?? null, at: o.escalation.at.toISOString() } : null,
    allowedActions: allowedOrderActions(o.state),
  };
}
