/** A case and its decision as the HTTP API answers them (dates as ISO strings). */
export interface DecisionView {
  id: string;
  outcome: string;
  request: string;
  facts: string;
  legalBasis: string;
  mediationAgreement: boolean;
  decidedAt: string;
  decidedBy: string;
  reviewRequestDueAt: string;
}

export interface CaseView {
  id: string;
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  responsibleBody: string;
  status: string;
  openedAt: string;
  dueAt: string;
  decision: DecisionView | null;
}
