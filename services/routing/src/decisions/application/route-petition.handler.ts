import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { EventEnvelope, PetitionAcceptedV1 } from '@pdmc/contracts';
import { GAZETTEER, type Gazetteer, OutboxRelayService, responsibleBodyName } from '@pdmc/platform';
import { insertIfAbsent, toOutbox } from '@pdmc/persistence';
import { RoutingCalendar } from '../../calendar/application/routing-calendar';
import { RuleSets } from '../../rules/application/rule-sets';
import { decide } from '../../rules/domain/rule-engine';
import { deskDueAt } from '../domain/dispatch';
import { PetitionRoutingDocument, type DecisionEntry } from '../infrastructure/petition-routing.schema';
import { routedEvent } from './routed-event';

/**
 * Routes an accepted petition by the newest rule set. When no rule decides, the petition waits
 * on the dispatcher's desk instead: never nowhere.
 */
@Injectable()
export class RoutePetitionHandler {
  constructor(
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    private readonly ruleSets: RuleSets,
    private readonly calendar: RoutingCalendar,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly relay: OutboxRelayService,
  ) {}

  async execute(event: EventEnvelope<PetitionAcceptedV1>): Promise<void> {
    const p = event.payload;
    if (await this.petitions.exists({ _id: p.petitionId }).exec()) return;
    const set = await this.ruleSets.current();
    const answer = decide(set.rules, { itemClass: p.itemClass, channel: p.channel, category: p.category, townCode: p.townCode }, set.version, (c) =>
      responsibleBodyName(this.gazetteer, c),
    );
    const now = this.clock.now();
    const facts = {
      _id: p.petitionId,
      caseNumber: p.caseNumber,
      category: { id: p.category.id, level1: p.category.level1, level2: p.category.level2, level3: p.category.level3 },
      townCode: p.townCode,
      channel: p.channel,
      itemClass: p.itemClass,
      receivedAt: new Date(p.receivedAt),
      acceptedAt: new Date(p.acceptedAt),
      sourceEventId: event.id,
      revision: 1,
    };
    let doc: Partial<PetitionRoutingDocument>;
    if (answer.decision) {
      const decision: DecisionEntry = {
        decisionId: randomUUID(),
        routedBy: 'rule',
        kind: 'rule',
        ruleSetVersion: set.version,
        ruleId: answer.decision.ruleId,
        workUnit: answer.decision.workUnit,
        responsibleBody: answer.decision.responsibleBody,
        assistingUnits: [],
        reason: answer.decision.reason,
        explanation: answer.explanation,
        decidedAt: now,
      };
      const routed = routedEvent(facts, decision, { correlationId: event.correlationId, causationId: event.id });
      doc = { ...facts, status: 'routed', workUnit: decision.workUnit, responsibleBody: decision.responsibleBody, decisions: [decision], onDesk: false, outbox: toOutbox(routed) };
    } else {
      const calendar = await this.calendar.around(facts.receivedAt);
      doc = {
        ...facts,
        status: 'awaiting_dispatch',
        onDesk: true,
        deskReason: 'unrouted',
        deskSince: now,
        deskDueAt: deskDueAt(calendar, 'unrouted', facts),
        deskNote: answer.explanation,
        outbox: [],
      };
    }
    // Already routed (a redelivery after a crash): the first decision and its event stand.
    if (!(await insertIfAbsent(this.petitions, doc))) return;
    this.relay.kick();
  }
}
