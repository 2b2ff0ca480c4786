import { checkDecision, checkPayer, holdsLevel, levelsHeldBy, whyNotDecider, type Actor, type WorkflowState } from './application';
import { maskBankAccount } from './beneficiary';

const state = (over: Partial<WorkflowState> = {}): WorkflowState => ({
  status: 'in_approval',
  kind: 'settlement',
  workUnit: 'LABOUR',
  chain: ['unit_head', 'centre_director', 'deputy_district_head', 'collective_decision'],
  step: 0,
  round: 1,
  submittedBy: 'handler-07',
  approvals: [],
  ...over,
});
const actor = (subject: string, roles: string[], units: Actor['units'] = []): Actor => ({ subject, roles, units });
const head = actor('head-labour', ['unit_head'], ['LABOUR']);
const director = actor('director-01', ['centre_director']);
const approvedBy = (by: string, step: number, round = 1) => ({ round, step, level: 'unit_head' as const, decision: 'approve' as const, by, at: new Date(), comment: 'ok' });

describe('the approval workflow', () => {
  it('lets a unit head act only for their own unit', () => {
    expect(holdsLevel('unit_head', head, 'LABOUR')).toBe(true);
    expect(holdsLevel('unit_head', head, 'URBAN_ENV')).toBe(false);
    expect(levelsHeldBy(director)).toEqual(['centre_director', 'collective_decision']);
  });

  it('refuses out of turn, naming the step the application waits for', () => {
    expect(checkDecision(state(), director, 'approve', undefined)).toMatchObject({ code: 'FUNDS.NOT_YOUR_TURN', status: 409, message: expect.stringContaining('step 1 of 4 (unit_head)') });
  });

  it('refuses one’s own application and a second approval in the same round, not in a new round', () => {
    expect(whyNotDecider(state({ submittedBy: 'head-labour' }), head)).toMatchObject({ code: 'FUNDS.OWN_APPLICATION', status: 403 });
    const both = actor('both', ['unit_head', 'centre_director'], ['LABOUR']);
    expect(whyNotDecider(state({ step: 1, approvals: [approvedBy('both', 0)] }), both)).toMatchObject({ code: 'FUNDS.ALREADY_APPROVED_IN_CHAIN' });
    expect(whyNotDecider(state({ step: 1, round: 2, approvals: [approvedBy('both', 0, 1)] }), both)).toBeUndefined();
  });

  it('wants the collective step recorded as the body’s decision, and only there', () => {
    const last = state({ step: 3, approvals: [approvedBy('director-01', 1)] });
    expect(checkDecision(last, director, 'approve', undefined)).toMatchObject({ code: 'FUNDS.COLLECTIVE_DECISION_REQUIRED' });
    // Recording the meeting's decision is not a second personal approval.
    expect(checkDecision(last, director, 'approve', { body: 'joint_meeting', reference: '纪要〔2026〕7号', decidedOn: '2026-11-20' })).toBeUndefined();
    expect(checkDecision(state(), head, 'approve', { body: 'joint_meeting', reference: 'x', decidedOn: '2026-11-20' })).toMatchObject({ code: 'FUNDS.NOT_A_COLLECTIVE_STEP' });
  });

  it('answers a decision on a settled application with the state and what is still allowed', () => {
    expect(checkDecision(state({ status: 'approved' }), head, 'approve', undefined)).toEqual({
      code: 'FUNDS.INVALID_STATE',
      message: 'Cannot approve an application that is approved; allowed now: disburse, cancel',
      status: 409,
    });
  });

  it('keeps approvers from recording payments', () => {
    expect(checkPayer(state({ approvals: [approvedBy('director-01', 1)] }), director)).toMatchObject({ code: 'FUNDS.PAYER_IS_APPROVER', status: 403 });
    expect(checkPayer(state({ approvals: [approvedBy('director-01', 1)] }), actor('finance-01', ['finance_officer']))).toBeUndefined();
  });

  it('masks a bank account to its last four digits', () => {
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe(`${'*'.repeat(15)}0123`);
  });
});
