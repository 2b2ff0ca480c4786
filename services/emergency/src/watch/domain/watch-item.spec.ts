import { assessRisk } from './watch-item';

const none = { collective: false, repeat: false, escalated: false, abnormal: false, threatOfExtremeAction: false };

describe('risk assessment', () => {
  it('ignores petitions without risk flags', () => {
    expect(assessRisk(none)).toBeUndefined();
    expect(assessRisk({ ...none, repeat: true, escalated: true })).toBeUndefined();
  });

  it('rates threats and abnormal petitioning high, collective visits elevated', () => {
    expect(assessRisk({ ...none, threatOfExtremeAction: true })).toEqual({ reasons: ['threatOfExtremeAction'], riskLevel: 'high' });
    expect(assessRisk({ ...none, collective: true })).toEqual({ reasons: ['collective'], riskLevel: 'elevated' });
    expect(assessRisk({ ...none, collective: true, abnormal: true })?.riskLevel).toBe('high');
  });
});
