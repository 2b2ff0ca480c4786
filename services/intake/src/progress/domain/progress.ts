import type { HandlingOutcome, WorkUnit } from '@pdmc/contracts';

/**
 * What the petitioner may follow of a petition after intake: where it went (routing), the case
 * and its 60-day limit (handling), and each written handling decision. Kept from events; no
 * personal data, no staff names, no facts or reasoning (those stay in handling).
 */
export interface HandlingDecision {
  decisionId: string;
  caseId: string;
  outcome: HandlingOutcome;
  decidedAt: Date;
  /** Last day to request a review (复查), 30 days after the decision (信访工作条例 art. 35). */
  reviewRequestDueAt: Date;
  workUnit: WorkUnit;
  responsibleBody: string;
}

/** The one extension of the handling limit (art. 34) as the petitioner is told it: how long, why, the new date. */
export interface HandlingExtension {
  extensionId: string;
  days: number;
  reason: string;
  previousDueAt: Date;
  dueAt: Date;
  grantedAt: Date;
}

/** A review (复查) or re-examination (复核) as the petitioner follows it: asked, due, decided. */
export interface ReviewStage {
  requestedAt?: Date;
  /** The REVIEW unit's limit to decide. */
  dueAt?: Date;
  outcome?: string;
  decidedAt?: Date;
}

/** The decision's service: the review window (art. 35) runs from it. */
export interface DecisionService {
  decisionId: string;
  servedAt: Date;
  reviewRequestDueAt: Date;
}

/** How the case ended for good: ceased (息访) or terminated (终结, with its ground). */
export interface CaseEnding {
  ceasedAt?: Date;
  terminatedAt?: Date;
  ground?: string;
}

export interface PetitionProgress {
  petitionId: string;
  caseNumber?: string;
  workUnit?: WorkUnit;
  responsibleBody?: string;
  routedAt?: Date;
  caseId?: string;
  openedAt?: Date;
  /** The 60-day handling limit (art. 34). */
  handlingDueAt?: Date;
  decisions: HandlingDecision[];
  /** The granted extension, if any; its `dueAt` is the limit since. */
  extension?: HandlingExtension;
  service?: DecisionService;
  review?: ReviewStage;
  reexamination?: ReviewStage;
  ending?: CaseEnding;
}

/** The work units' names as the centre writes them (domain.md §2). */
export const WORK_UNIT_NAMES: Readonly<Record<WorkUnit, string>> = {
  AGRI_LAND: '农业土地',
  URBAN_ENV: '城建环保',
  ENTERPRISE: '企业职工',
  LABOUR: '劳动保障',
  MEDIATION_LEGAL: '民调和法律援助',
  HOTLINE: '公开电话',
  REVIEW: '复查复核',
};

export interface WorkUnitRef {
  code: WorkUnit;
  name: string;
}

export function workUnitRef(code: WorkUnit): WorkUnitRef {
  return { code, name: WORK_UNIT_NAMES[code] };
}

/** Decisions oldest first; one per decision id even if a stored list somehow held a repeat. */
export function orderedDecisions(decisions: readonly HandlingDecision[]): HandlingDecision[] {
  const byId = new Map<string, HandlingDecision>();
  for (const d of decisions) if (!byId.has(d.decisionId)) byId.set(d.decisionId, d);
  return [...byId.values()].sort(
    (a, b) => new Date(a.decidedAt).getTime() - new Date(b.decidedAt).getTime() || a.decisionId.localeCompare(b.decisionId),
  );
}
