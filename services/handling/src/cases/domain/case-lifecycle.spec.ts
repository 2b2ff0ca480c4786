import {
  allowedActions,
  CASE_ACTIONS,
  CASE_STATES,
  FINAL_STATES,
  nextState,
  SYSTEM_ACTIONS,
  transition,
  TransitionNotAllowed,
  type CaseAction,
  type CaseState,
} from './case-lifecycle';

/** The lifecycle as the issue states it, written out independently of the table under test. */
const EXPECTED: Array<[CaseState, CaseAction, CaseState]> = [
  ['assigned', 'accept', 'accepted'],
  ['assigned', 'return', 'returned'],
  ['assigned', 'reassign', 'assigned'],
  ['assigned', 'withdraw', 'withdrawn'],
  ['assigned', 'merge', 'merged'],
  ['returned', 'reassign', 'assigned'],
  ['returned', 'withdraw', 'withdrawn'],
  ['returned', 'merge', 'merged'],
  ['accepted', 'start_investigation', 'investigating'],
  ['accepted', 'reassign', 'assigned'],
  ['accepted', 'withdraw', 'withdrawn'],
  ['accepted', 'merge', 'merged'],
  ['investigating', 'start_resolution', 'resolving'],
  ['investigating', 'reassign', 'assigned'],
  ['investigating', 'withdraw', 'withdrawn'],
  ['investigating', 'merge', 'merged'],
  ['resolving', 'decide', 'decided'],
  ['resolving', 'reassign', 'assigned'],
  ['resolving', 'withdraw', 'withdrawn'],
  ['resolving', 'merge', 'merged'],
  ['decided', 'serve', 'served'],
  ['decided', 'correct_decision', 'decided'],
  ['decided', 'request_review', 'review_requested'],
  ['served', 'close', 'closed'],
  ['served', 'correct_decision', 'decided'],
  ['served', 'request_review', 'review_requested'],
  ['served', 'cease', 'ceased'],
  ['closed', 'request_review', 'review_requested'],
  ['closed', 'cease', 'ceased'],
  ['review_requested', 'decide_review', 'review_decided'],
  ['review_requested', 'order_rehandling', 'investigating'],
  ['review_decided', 'serve_review', 'review_decided'],
  ['review_decided', 'request_reexamination', 'reexamination_requested'],
  ['review_decided', 'terminate', 'terminated'],
  ['reexamination_requested', 'decide_reexamination', 'reexamination_decided'],
  ['reexamination_decided', 'terminate', 'terminated'],
];

const allowedPairs = new Map(EXPECTED.map(([from, action, to]) => [`${from}/${action}`, to]));
const everyPair = CASE_STATES.flatMap((state) => CASE_ACTIONS.map((action) => [state, action] as [CaseState, CaseAction]));

describe('case lifecycle', () => {
  it.each(EXPECTED)('allows %s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toBe(to);
  });

  const forbidden = everyPair.filter(([state, action]) => !allowedPairs.has(`${state}/${action}`));

  it(`forbids the other ${forbidden.length} of ${everyPair.length} state/action pairs, naming the state and the allowed actions`, () => {
    expect(forbidden.length + EXPECTED.length).toBe(CASE_STATES.length * CASE_ACTIONS.length);
    for (const [state, action] of forbidden) {
      expect(nextState(state, action)).toBeUndefined();
      let caught: unknown;
      try {
        transition(state, action);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TransitionNotAllowed);
      const refusal = caught as TransitionNotAllowed;
      expect(refusal.state).toBe(state);
      expect(refusal.action).toBe(action);
      expect(refusal.allowed).toEqual(allowedActions(state));
      expect(refusal.message).toContain(state);
    }
  });

  it('lists as allowed only what staff may ask for: never a re-route, a merge or a timer’s action', () => {
    expect(allowedActions('assigned')).toEqual(['accept', 'return', 'withdraw']);
    expect(allowedActions('served')).toEqual(['close', 'correct_decision', 'request_review']);
    expect(allowedActions('reexamination_decided')).toEqual([]);
    for (const state of CASE_STATES) for (const action of allowedActions(state)) expect(SYSTEM_ACTIONS.has(action)).toBe(false);
  });

  it('ends in ceased, terminated, withdrawn or merged, and nowhere else', () => {
    expect([...FINAL_STATES].sort()).toEqual(['ceased', 'merged', 'terminated', 'withdrawn']);
  });

  it('reaches every state from assigned', () => {
    const seen = new Set<CaseState>(['assigned']);
    const queue: CaseState[] = ['assigned'];
    while (queue.length) {
      const state = queue.shift()!;
      for (const action of CASE_ACTIONS) {
        const next = nextState(state, action);
        if (next && !seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATES].sort());
  });

  it('decides only after investigating and resolving, and only once before a correction', () => {
    expect(() => transition('assigned', 'decide')).toThrow(TransitionNotAllowed);
    expect(() => transition('accepted', 'decide')).toThrow(/accepted cannot take the action decide; allowed: start_investigation, withdraw/);
    expect(() => transition('decided', 'decide')).toThrow(TransitionNotAllowed);
  });

  it('lets nobody act on a final case', () => {
    for (const state of FINAL_STATES) {
      expect(allowedActions(state)).toEqual([]);
      expect(() => transition(state, 'withdraw')).toThrow(/allowed: none/);
    }
  });
});
