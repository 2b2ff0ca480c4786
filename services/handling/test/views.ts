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

export interface TaskView {
  id: string;
  body: string;
  instructions: string;
  dueAt: string;
  status: string;
  reports: Array<{ findings: string; actions: string; reportedAt: string; reportedBy: string }>;
  sentBackReason: string | null;
}

export interface ReviewView {
  requestedAt: string;
  channel: string;
  dueAt: string;
  outcome: string | null;
  decidedAt: string | null;
  servedAt: string | null;
  nextRequestDueAt: string | null;
}

export interface CaseView {
  id: string;
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  responsibleBody: string;
  status: string;
  openedAt: string;
  acceptedAt: string;
  assignedAt: string;
  dueAt: string;
  overdue: boolean;
  handler: string | null;
  decision: DecisionView | null;
  supersededDecisions: Array<DecisionView & { supersededAt: string; supersededBy: string; correctionReason: string }>;
  servedAt: string | null;
  resolutions: Array<{ id: string; kind: string; summary: string; parties: string[]; terms: string | null; heldOn: string | null }>;
  extension: { id: string; days: number; reason: string; status: string; previousDueAt: string | null; newDueAt: string | null } | null;
  tasks: TaskView[];
  review: ReviewView | null;
  reexamination: ReviewView | null;
  returnReason: string | null;
}

export interface HistoryView {
  at: string;
  by: string;
  roles: string[];
  action: string;
  from: string | null;
  to: string;
  what: string;
}
