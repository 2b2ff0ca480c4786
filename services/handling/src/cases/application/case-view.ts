import type { Case, CaseDecision } from '../domain/case';
import type { CaseDecisionRecord, CaseDocument } from '../infrastructure/case.schema';

/** Unit staff read their units' cases (REVIEW too once a review is requested), a body's liaison the cases given to that body. */
export const CASE_SCOPE = { units: 'units', bodies: 'bodies' };

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

/** A document as read with `lean()`, without the outbox (and, for lists, without the history). */
export type StoredCase = Omit<CaseDocument, 'outbox' | 'history'> & { history?: CaseDocument['history'] };

/** The case as the API shows it, field by field: never the outbox, the history, the timers or the version. */
export function toCase(d: StoredCase, now: Date): Case {
  return {
    id: d._id,
    petitionId: d.petitionId,
    caseNumber: d.caseNumber,
    workUnit: d.workUnit,
    responsibleBody: d.responsibleBody,
    status: d.status,
    openedAt: d.openedAt,
    acceptedAt: d.acceptedAt,
    assignedAt: d.assignedAt,
    dueAt: d.dueAt,
    // Overdue while someone has work on it past the current deadline (closed, returned and final cases are in no queue).
    overdue: d.queueDueAt !== null && d.queueDueAt !== undefined && now.getTime() >= new Date(d.queueDueAt).getTime(),
    handler: d.handler ?? null,
    decision: d.decision ? toDecision(d.decision) : null,
    supersededDecisions: (d.supersededDecisions ?? []).map((s) => ({
      ...toDecision(s),
      supersededAt: s.supersededAt,
      supersededBy: s.supersededBy,
      correctionReason: s.correctionReason,
    })),
    servedAt: d.servedAt ?? null,
    resolutions: d.resolutions ?? [],
    extension: d.extension ?? null,
    tasks: d.tasks ?? [],
    review: d.review ?? null,
    reexamination: d.reexamination ?? null,
    returnReason: d.returnReason ?? null,
  };
}
