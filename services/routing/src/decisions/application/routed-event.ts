import { createEnvelope, PETITION_ROUTED_V1, type EventEnvelope, type PetitionRoutedV1 } from '@pdmc/contracts';
import type { DecisionEntry, PetitionRoutingDocument } from '../infrastructure/petition-routing.schema';

/** The routed event for a decision; a new decisionId each time, so handling can tell a re-route. */
export function routedEvent(
  petition: Pick<PetitionRoutingDocument, '_id' | 'caseNumber' | 'acceptedAt'>,
  decision: DecisionEntry,
  ctx: { correlationId: string; causationId?: string },
): EventEnvelope<PetitionRoutedV1> {
  const payload: PetitionRoutedV1 = {
    petitionId: petition._id,
    caseNumber: petition.caseNumber,
    workUnit: decision.workUnit,
    responsibleBody: decision.responsibleBody,
    ruleId: decision.ruleId,
    reason: decision.reason,
    acceptedAt: petition.acceptedAt.toISOString(),
    decisionId: decision.decisionId,
    routedBy: decision.routedBy,
  };
  if (decision.ruleSetVersion !== undefined) payload.ruleSetVersion = decision.ruleSetVersion;
  if (decision.assistingUnits.length) payload.assistingUnits = decision.assistingUnits;
  return createEnvelope(PETITION_ROUTED_V1, payload, ctx);
}
