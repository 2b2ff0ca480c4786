import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { WorkUnit } from '@pdmc/contracts';
import { correlationIdOrNew, DomainError, GAZETTEER, type Gazetteer, OutboxRelayService, responsibleBodyName, ValidationFailedError } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { RULE_REFERENCE } from '../../reference-data.providers';
import type { RuleReference } from '../../rules/domain/rule-set-validation';
import { checkDispatch, dispatchKind } from '../domain/dispatch';
import { PetitionRoutingDocument, type DecisionEntry } from '../infrastructure/petition-routing.schema';
import { routedEvent } from './routed-event';
import type { DecisionView } from './decision-queries.handler';
import { DecisionQueriesHandler } from './decision-queries.handler';
import { PetitionNotRoutedError } from './errors';

export interface DispatchInput {
  workUnit: WorkUnit;
  responsibleBody: string;
  assistingUnits?: WorkUnit[];
  reason: string;
}

const KIND_WORDS = { route: '人工分派', 're-route': '改派', override: '纠正规则分派' } as const;

/**
 * A dispatcher decides by hand: routes an item no rule decided, re-routes a returned one, or
 * overrides a rule's decision; with assisting units it splits the petition (lead + assisting).
 * Each decision gets a new decisionId and is announced; handling moves the existing case.
 */
@Injectable()
export class DispatchPetitionHandler {
  constructor(
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    @Inject(RULE_REFERENCE) private readonly reference: RuleReference,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly relay: OutboxRelayService,
    private readonly queries: DecisionQueriesHandler,
  ) {}

  async execute(petitionId: string, input: DispatchInput, actor: string): Promise<DecisionView> {
    const problems = checkDispatch(input, (code) => this.reference.isKnownBody(code));
    if (problems.length) throw new ValidationFailedError(problems);
    const petition = await this.petitions.findById(petitionId, { outbox: 0 }).lean().exec();
    if (!petition) throw new PetitionNotRoutedError(petitionId);
    const assisting = input.assistingUnits ?? [];
    const kind = dispatchKind(petition.onDesk, petition.deskReason ?? undefined);
    const current = petition.decisions.at(-1);
    if (kind === 'override' && current && current.workUnit === input.workUnit && current.responsibleBody === input.responsibleBody && sameUnits(current.assistingUnits, assisting)) {
      throw new DomainError('ROUTING.DECISION_UNCHANGED', `The petition already goes to ${input.workUnit} and ${input.responsibleBody}; nothing to change`, 409);
    }
    const bodyName = responsibleBodyName(this.gazetteer, input.responsibleBody) ?? input.responsibleBody;
    const decision: DecisionEntry = {
      decisionId: randomUUID(),
      routedBy: 'dispatcher',
      kind,
      ruleId: `dispatcher.${kind}`,
      workUnit: input.workUnit,
      responsibleBody: input.responsibleBody,
      assistingUnits: assisting,
      reason: input.reason,
      explanation:
        `调度员${KIND_WORDS[kind]}${assisting.length ? '（分办）' : ''}：→ ${input.workUnit}` +
        `${assisting.length ? `牵头，${assisting.join('、')} 协办` : ''}，责任单位 ${bodyName}。理由：${input.reason}`,
      decidedAt: this.clock.now(),
      decidedBy: actor,
    };
    const event = routedEvent(petition, decision, { correlationId: correlationIdOrNew() });
    // Conditional on the revision read: two dispatchers deciding at once cannot both win.
    const updated = await this.petitions
      .findOneAndUpdate(
        { _id: petitionId, revision: petition.revision },
        {
          $set: {
            status: 'routed',
            workUnit: decision.workUnit,
            responsibleBody: decision.responsibleBody,
            assistingUnits: assisting,
            onDesk: false,
            deskReason: null,
            deskSince: null,
            deskDueAt: null,
            deskNote: null,
          },
          $inc: { revision: 1 },
          $push: { decisions: decision, outbox: { $each: toOutbox(event) } },
        },
        { new: true },
      )
      .lean()
      .exec();
    if (!updated) throw new DomainError('ROUTING.PETITION_CHANGED', 'The petition changed meanwhile (a return or another decision): reload it and decide again', 409);
    this.relay.kick();
    return this.queries.toView(updated);
  }
}

function sameUnits(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((u) => b.includes(u));
}
