import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock, type WorkingCalendar } from '@pdmc/calendar';
import { CASE_OPENED_V1, createEnvelope, type EventEnvelope, type PetitionRoutedV1 } from '@pdmc/contracts';
import { OutboxRelayService } from '@pdmc/platform';
import { isDuplicateKeyError, toOutbox } from '@pdmc/persistence';
import type { HistoryEntry } from '../domain/case';
import { handlingPeriod } from '../domain/case-deadlines';
import { caseIdFor } from '../domain/case-id';
import { queuePlacement } from '../domain/case-rules';
import { CaseDocument } from '../infrastructure/case.schema';
import { WORKING_CALENDAR } from '../infrastructure/calendar.provider';
import type { StoredCase } from './case-view';
import { CaseWorkflow } from './case-workflow';

/**
 * Opens the case a work unit owns until it is closed, when routing has decided; a later decision
 * for the same petition (a dispatcher's re-route after an objection, an override) moves that case
 * to the new unit: same id, same 60-day limit, back to `assigned`.
 */
@Injectable()
export class OpenCaseHandler {
  private readonly logger = new Logger(OpenCaseHandler.name);

  constructor(
    @InjectModel(CaseDocument.name) private readonly cases: Model<CaseDocument>,
    private readonly relay: OutboxRelayService,
    private readonly workflow: CaseWorkflow,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
  ) {}

  async execute(event: EventEnvelope<PetitionRoutedV1>): Promise<void> {
    const p = event.payload;
    const id = caseIdFor(p.petitionId);
    const existing = (await this.cases.findOne({ _id: id }, { outbox: 0, history: 0 }).lean().exec()) as StoredCase | null;
    if (existing) return this.move(existing, event);

    const openedAt = this.clock.now();
    // The limit runs from the centre's acceptance; an event without it counts from the opening.
    const acceptedAt = p.acceptedAt ? new Date(p.acceptedAt) : openedAt;
    const period = handlingPeriod(this.calendar, acceptedAt);
    const opened = createEnvelope(
      CASE_OPENED_V1,
      {
        caseId: id,
        petitionId: p.petitionId,
        caseNumber: p.caseNumber,
        workUnit: p.workUnit,
        responsibleBody: p.responsibleBody,
        openedAt: openedAt.toISOString(),
        dueAt: period.dueAt.toISOString(),
      },
      { correlationId: event.correlationId, causationId: event.id, occurredAt: openedAt },
    );
    const history: HistoryEntry = {
      at: openedAt,
      by: 'system',
      roles: [],
      action: 'open',
      from: null,
      to: 'assigned',
      what: `Opened for ${p.workUnit} and ${p.responsibleBody} by routing (${p.routedBy ?? 'rule'} ${p.ruleId})`,
    };
    try {
      await this.cases.create({
        _id: id,
        petitionId: p.petitionId,
        caseNumber: p.caseNumber,
        workUnit: p.workUnit,
        responsibleBody: p.responsibleBody,
        status: 'assigned',
        openedAt,
        acceptedAt,
        assignedAt: openedAt,
        dueAt: period.dueAt,
        dueLastDay: period.lastDay,
        routingDecisionId: p.decisionId ?? null,
        sourceEventId: event.id,
        units: [p.workUnit],
        bodies: [p.responsibleBody],
        ...queuePlacement('assigned', p.workUnit, period.dueAt, null, null),
        history: [history],
        outbox: toOutbox(opened),
      });
    } catch (error) {
      // Opened meanwhile by another delivery: the case id is the petition's, so this one may be a move.
      if (!isDuplicateKeyError(error)) throw error;
      const raced = (await this.cases.findOne({ _id: id }, { outbox: 0, history: 0 }).lean().exec()) as StoredCase | null;
      if (raced) await this.move(raced, event);
      return;
    }
    this.relay.kick();
  }

  /** A new routing decision moves the case; the same decision delivered again changes nothing. */
  private async move(existing: StoredCase, event: EventEnvelope<PetitionRoutedV1>): Promise<void> {
    const p = event.payload;
    const newDecision = p.decisionId !== undefined && p.decisionId !== existing.routingDecisionId;
    const elsewhere = p.workUnit !== existing.workUnit || p.responsibleBody !== existing.responsibleBody;
    if (!newDecision && !elsewhere) return;
    const moved = await this.workflow.system(
      { _id: existing._id },
      'reassign',
      (c, ctx) => ({
        set: {
          workUnit: p.workUnit,
          responsibleBody: p.responsibleBody,
          assignedAt: ctx.now,
          routingDecisionId: p.decisionId ?? c.routingDecisionId,
          handler: p.workUnit === c.workUnit ? c.handler : null,
          returnReason: null,
        },
        what: `Moved from ${c.workUnit} to ${p.workUnit} (${p.responsibleBody}) by routing (${p.routedBy ?? 'rule'} ${p.ruleId}); the limit stays`,
      }),
      { correlationId: event.correlationId, causationId: event.id },
    );
    // A decided or closed case stays where it is: routing's late word cannot undo a decision.
    if (!moved) this.logger.warn(`Routing decision ${p.decisionId ?? event.id} for case ${existing._id} ignored: the case is ${existing.status}`);
  }
}
