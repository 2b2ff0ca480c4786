import type { ApplicationKind, WorkUnit } from '@pdmc/contracts';
import { APPROVAL_LEVELS, type ApprovalLevel } from '../../ledger/domain/fund-catalogue';

export const APPLICATION_STATUSES = ['in_approval', 'returned', 'approved', 'paid', 'rejected', 'withdrawn', 'cancelled'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPROVAL_DECISIONS = ['approve', 'reject', 'return'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** Who took a collective decision the last step records (joint meeting 联席会议 or district leadership 区领导班子). */
export const COLLECTIVE_BODIES = ['joint_meeting', 'district_leadership'] as const;
export type CollectiveBody = (typeof COLLECTIVE_BODIES)[number];

export interface CollectiveDecision {
  body: CollectiveBody;
  /** The minutes' number, e.g. 联席会议纪要〔2026〕7号. */
  reference: string;
  decidedOn: string;
}

export interface ApprovalRecord {
  round: number;
  step: number;
  level: ApprovalLevel;
  decision: ApprovalDecision;
  by: string;
  at: Date;
  comment: string;
  collective?: CollectiveDecision;
}

/** The staff member acting, as far as the workflow's rules go. */
export interface Actor {
  subject: string;
  roles: readonly string[];
  units: readonly WorkUnit[];
}

/** What the workflow rules look at. */
export interface WorkflowState {
  status: ApplicationStatus;
  kind: ApplicationKind;
  workUnit: WorkUnit;
  chain: readonly ApprovalLevel[];
  step: number;
  round: number;
  submittedBy: string;
  approvals: readonly ApprovalRecord[];
}

/** A refusal with its stable code and HTTP status; the handlers turn it into a DomainError. */
export interface RuleBreach {
  code: string;
  message: string;
  status: number;
}

const ALLOWED: Record<ApplicationStatus, readonly string[]> = {
  in_approval: ['approve', 'reject', 'return', 'withdraw'],
  returned: ['revise', 'withdraw'],
  approved: ['disburse', 'cancel'],
  paid: ['reverse a disbursement'],
  rejected: [],
  withdrawn: [],
  cancelled: [],
};

/** What may still happen to an application in this status (for 409 answers). */
export function allowedActions(status: ApplicationStatus): readonly string[] {
  return ALLOWED[status];
}

export function stateBreach(status: ApplicationStatus, action: string): RuleBreach {
  const allowed = allowedActions(status);
  return {
    code: 'FUNDS.INVALID_STATE',
    message: `Cannot ${action} an application that is ${status}; allowed now: ${allowed.length ? allowed.join(', ') : 'nothing'}`,
    status: 409,
  };
}

/** The roles that may act at each level. */
const OFFICES: Record<ApprovalLevel, readonly string[]> = {
  unit_head: ['unit_head'],
  centre_director: ['centre_director'],
  deputy_district_head: ['deputy_district_head'],
  // The meeting decides; the centre director or the deputy district head records its minutes.
  collective_decision: ['centre_director', 'deputy_district_head'],
};

/** Whether the actor holds the office a level stands for (a unit head only for the application's own unit). */
export function holdsLevel(level: ApprovalLevel, actor: Actor, workUnit: WorkUnit): boolean {
  return OFFICES[level].some((role) => actor.roles.includes(role)) && (level !== 'unit_head' || actor.units.includes(workUnit));
}

/** The levels at which the actor may act on some application. */
export function levelsHeldBy(actor: Actor): ApprovalLevel[] {
  return APPROVAL_LEVELS.filter((level) => OFFICES[level].some((role) => actor.roles.includes(role)));
}

export const currentLevel = (s: Pick<WorkflowState, 'chain' | 'step'>): ApprovalLevel => s.chain[s.step] as ApprovalLevel;
export const isFinalStep = (s: Pick<WorkflowState, 'chain' | 'step'>): boolean => s.step === s.chain.length - 1;

/**
 * The rules a step's decision must pass, in the order a person would check them: the
 * application waits for a decision; nobody decides their own application; the step is the
 * actor's office (else it is out of turn); nobody approves twice in one round of the chain; the
 * collective step names the meeting and its minutes. The collective step records a body's
 * decision, so whoever recorded it may have approved an earlier step.
 */
export function checkDecision(
  s: WorkflowState,
  actor: Actor,
  decision: ApprovalDecision,
  collective: CollectiveDecision | undefined,
): RuleBreach | undefined {
  const blocked = whyNotDecider(s, actor, decision);
  if (blocked) return blocked;
  const level = currentLevel(s);
  if (level === 'collective_decision' && decision === 'approve' && !collective) {
    return {
      code: 'FUNDS.COLLECTIVE_DECISION_REQUIRED',
      message: 'This amount needs a joint-meeting or district-leadership decision: give `collective` with the body and its minutes',
      status: 422,
    };
  }
  if (level !== 'collective_decision' && collective) {
    return { code: 'FUNDS.NOT_A_COLLECTIVE_STEP', message: `Step ${s.step + 1} (${level}) is an individual decision; leave out \`collective\``, status: 422 };
  }
  return undefined;
}

/** Why the actor may not decide the application's current step now, if anything. */
export function whyNotDecider(s: WorkflowState, actor: Actor, action = 'decide on'): RuleBreach | undefined {
  if (s.status !== 'in_approval') return stateBreach(s.status, action);
  if (actor.subject === s.submittedBy) {
    return { code: 'FUNDS.OWN_APPLICATION', message: 'Nobody decides on an application they submitted (separation of duties)', status: 403 };
  }
  const level = currentLevel(s);
  if (!holdsLevel(level, actor, s.workUnit)) {
    return {
      code: 'FUNDS.NOT_YOUR_TURN',
      message: `The application waits for step ${s.step + 1} of ${s.chain.length} (${level}); the caller does not hold that office`,
      status: 409,
    };
  }
  if (level !== 'collective_decision' && s.approvals.some((a) => a.round === s.round && a.by === actor.subject && a.decision === 'approve')) {
    return { code: 'FUNDS.ALREADY_APPROVED_IN_CHAIN', message: 'Nobody approves twice in one approval chain (separation of duties)', status: 403 };
  }
  return undefined;
}

/** Whoever records or reverses a payment must not be one of the application's approvers. */
export function checkPayer(s: Pick<WorkflowState, 'approvals' | 'submittedBy'>, actor: Actor): RuleBreach | undefined {
  if (s.approvals.some((a) => a.by === actor.subject && a.decision === 'approve')) {
    return { code: 'FUNDS.PAYER_IS_APPROVER', message: 'Whoever approved an application does not record its payments (separation of duties)', status: 403 };
  }
  return undefined;
}
