import type { Case, CaseDecision } from '../domain/case';
import type { CaseDecisionRecord, CaseDocument } from '../infrastructure/case.schema';

/** Unit staff see their units' cases, a body's liaison the cases given to that body. */
export const CASE_SCOPE = { units: 'workUnit', bodies: 'responsibleBody' };

function toDecision(d: CaseDecisionRecord): CaseDecision {
  return {
    id: d.id,
    outcome: d.outcome,
    request: d.request,
    facts: d.facts,
    legalBasis: d.legalBasis,
    mediationAgreement: d.mediationAgreement,
    decidedAt: d.decidedAt,
    decidedBy: d.decidedBy,
    reviewRequestDueAt: d.reviewRequestDueAt,
  };
}

/** The case as the API shows it, field by field: never the outbox, the source event or the version. */
export function toCase(d: Omit<CaseDocument, 'outbox'>): Case {
  return {
    id: d._id,
    petitionId: d.petitionId,
    caseNumber: d.caseNumber,
    workUnit: d.workUnit,
    responsibleBody: d.responsibleBody,
    status: d.status,
    openedAt: d.openedAt,
    dueAt: d.dueAt,
    decision: d.decision ? toDecision(d.decision) : null,
  };
}
