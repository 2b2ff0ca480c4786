/**
 * The life of a case as an explicit state machine (信访工作条例 art. 23, 31-37): which action is
 * allowed in which state and where it leads. Pure data and functions: the use cases ask it before
 * every change, and a forbidden action is refused naming the current state and what is allowed.
 */
export const CASE_STATES = [
  /** Routing gave the case to a unit; the unit has not taken it yet. */
  'assigned',
  /** The unit objected that it is outside its competence (art. 23); back with routing. */
  'returned',
  /** The unit took the case. */
  'accepted',
  'investigating',
  /** Means of resolution under way: mediation, ruling, referral, hearing. */
  'resolving',
  /** The written decision (信访处理意见书) is issued. */
  'decided',
  /** The petitioner received the decision; the 30-day review window runs from the service date. */
  'served',
  /** 结案: the unit closed its file; a review may still be requested until the window ends. */
  'closed',
  /** 息访: the review window passed with no request. Final. */
  'ceased',
  /** 复查 requested; the REVIEW unit works the case. */
  'review_requested',
  'review_decided',
  /** 复核 requested. */
  'reexamination_requested',
  'reexamination_decided',
  /** 终结: the same facts and reasons are not accepted again (art. 36-37). Final. */
  'terminated',
  /** The petitioner withdrew the petition. Final. */
  'withdrawn',
  /** Intake merged the petition into another one (合并件). Final. */
  'merged',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_ACTIONS = [
  'accept',
  'return',
  'reassign',
  'start_investigation',
  'start_resolution',
  'decide',
  'correct_decision',
  'serve',
  'close',
  'cease',
  'request_review',
  'decide_review',
  'order_rehandling',
  'serve_review',
  'request_reexamination',
  'decide_reexamination',
  'terminate',
  'withdraw',
  'merge',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Actions only the service itself takes (routing's re-route, intake's merge, the timers). */
export const SYSTEM_ACTIONS: ReadonlySet<CaseAction> = new Set<CaseAction>(['reassign', 'cease', 'terminate', 'merge']);

/** Before the written decision routing may still move the case, and the petitioner may withdraw. */
const BEFORE_DECISION = { reassign: 'assigned', withdraw: 'withdrawn', merge: 'merged' } as const;

/** Every allowed transition; anything not listed is forbidden. */
export const TRANSITIONS: Readonly<Record<CaseState, Readonly<Partial<Record<CaseAction, CaseState>>>>> = Object.freeze({
  assigned: { accept: 'accepted', return: 'returned', ...BEFORE_DECISION },
  returned: BEFORE_DECISION,
  accepted: { start_investigation: 'investigating', ...BEFORE_DECISION },
  investigating: { start_resolution: 'resolving', ...BEFORE_DECISION },
  resolving: { decide: 'decided', ...BEFORE_DECISION },
  decided: { serve: 'served', correct_decision: 'decided', request_review: 'review_requested' },
  // A correction after service must be served again: its own review window runs from that service.
  served: { close: 'closed', correct_decision: 'decided', request_review: 'review_requested', cease: 'ceased' },
  closed: { request_review: 'review_requested', cease: 'ceased' },
  ceased: {},
  review_requested: { decide_review: 'review_decided', order_rehandling: 'investigating' },
  review_decided: { serve_review: 'review_decided', request_reexamination: 'reexamination_requested', terminate: 'terminated' },
  reexamination_requested: { decide_reexamination: 'reexamination_decided' },
  reexamination_decided: { terminate: 'terminated' },
  terminated: {},
  withdrawn: {},
  merged: {},
});

/** States no action leaves. */
export const FINAL_STATES: readonly CaseState[] = CASE_STATES.filter((s) => Object.keys(TRANSITIONS[s]).length === 0);

/** States in which the REVIEW unit, not the original unit, works the case. */
export const REVIEW_STATES: ReadonlySet<CaseState> = new Set<CaseState>([
  'review_requested',
  'review_decided',
  'reexamination_requested',
  'reexamination_decided',
]);

/** The actions staff may take in a state (the service's own are left out: nobody can ask for them). */
export function allowedActions(state: CaseState): CaseAction[] {
  return (Object.keys(TRANSITIONS[state]) as CaseAction[]).filter((a) => !SYSTEM_ACTIONS.has(a));
}

/** Where an action leads from a state, or `undefined` when it is forbidden there. */
export function nextState(state: CaseState, action: CaseAction): CaseState | undefined {
  return TRANSITIONS[state][action];
}

/** A forbidden transition: the use case answers 409 with the current state and the allowed actions. */
export class TransitionNotAllowed extends Error {
  readonly allowed: CaseAction[];

  constructor(
    readonly state: CaseState,
    readonly action: CaseAction,
  ) {
    const allowed = allowedActions(state);
    super(`A case that is ${state} cannot take the action ${action}; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`);
    this.name = 'TransitionNotAllowed';
    this.allowed = allowed;
  }
}

/** The state an action leads to; throws {@link TransitionNotAllowed} when it is forbidden. */
export function transition(state: CaseState, action: CaseAction): CaseState {
  const next = nextState(state, action);
  if (!next) throw new TransitionNotAllowed(state, action);
  return next;
}
