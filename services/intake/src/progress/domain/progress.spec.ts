import { WORK_UNITS } from '@pdmc/contracts';
import { orderedDecisions, WORK_UNIT_NAMES, workUnitRef, type HandlingDecision } from './progress';

const decision = (decisionId: string, decidedAt: string): HandlingDecision => ({
  decisionId,
  caseId: 'c1',
  outcome: 'support',
  decidedAt: new Date(decidedAt),
  reviewRequestDueAt: new Date(decidedAt),
  workUnit: 'LABOUR',
  responsibleBody: 'dept:labour-inspection',
});

describe('petition progress', () => {
  it('names every work unit in Chinese', () => {
    expect(Object.keys(WORK_UNIT_NAMES).sort()).toEqual([...WORK_UNITS].sort());
    expect(workUnitRef('LABOUR')).toEqual({ code: 'LABOUR', name: '劳动保障' });
  });

  it('lists decisions oldest first, each once', () => {
    const late = decision('b', '2026-03-02T00:00:00Z');
    const early = decision('a', '2026-03-01T00:00:00Z');
    expect(orderedDecisions([late, early, late]).map((d) => d.decisionId)).toEqual(['a', 'b']);
  });
});
