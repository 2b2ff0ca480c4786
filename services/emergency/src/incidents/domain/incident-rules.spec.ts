import type { PetitionFlagsV1 } from '@pdmc/contracts';
import { DEFAULT_INCIDENT_RULES, checkIncidentRules, deterministicIncidentId, incidentsFromIntakeEvent, type IntakeFacts } from './incident-rules';

const petitionFlagsOf = (over: Partial<PetitionFlagsV1> = {}): PetitionFlagsV1 => ({
  collective: false,
  repeat: false,
  escalated: false,
  abnormal: false,
  threatOfExtremeAction: false,
  ...over,
});

const facts = (over: Partial<IntakeFacts> = {}): IntakeFacts => ({
  eventId: '7d3c1a52-3f4e-4b6a-9c1d-2e5f8a9b0c1d',
  source: 'registered',
  petitionId: 'b9d7a3a0-4f0e-4a57-9a54-0d2f4c1b6a11',
  caseNumber: '220106-2026-000077',
  townCode: 'HX',
  channel: 'visit',
  headcount: 1,
  flags: petitionFlagsOf(),
  raised: [],
  at: new Date('2026-11-30T02:00:00Z'),
  ...over,
});

describe('automatic incidents from intake events', () => {
  it('raises one mass gathering for a large visit, the most severe tier winning', () => {
    expect(incidentsFromIntakeEvent(DEFAULT_INCIDENT_RULES, facts({ headcount: 29 }))).toEqual([]);
    expect(incidentsFromIntakeEvent(DEFAULT_INCIDENT_RULES, facts({ headcount: 30 })).map((i) => [i.rule, i.severity])).toEqual([
      ['large-visit', 'high'],
    ]);
    expect(incidentsFromIntakeEvent(DEFAULT_INCIDENT_RULES, facts({ headcount: 150 })).map((i) => [i.rule, i.severity])).toEqual([
      ['very-large-visit', 'critical'],
    ]);
    expect(incidentsFromIntakeEvent(DEFAULT_INCIDENT_RULES, facts({ headcount: 150, channel: 'letter' }))).toEqual([]);
  });

  it('raises a threat incident only for the event that raised the flag', () => {
    const flags = petitionFlagsOf({ threatOfExtremeAction: true });
    expect(incidentsFromIntakeEvent(DEFAULT_INCIDENT_RULES, facts({ source: 'flags-changed', flags, raised: [] }))).toEqual([]);
    const [threat] = incidentsFromIntakeEvent(DEFAULT_INCIDENT_RULES, facts({ source: 'flags-changed', flags, raised: ['threatOfExtremeAction'] }));
    expect(threat).toMatchObject({ type: 'threat_of_extreme_action', rule: 'threat-raised', severity: 'high' });
  });

  it('raises abnormal petitioning reported by a higher authority', () => {
    const flags = petitionFlagsOf({ abnormal: true });
    expect(incidentsFromIntakeEvent(DEFAULT_INCIDENT_RULES, facts({ flags }))).toEqual([]);
    expect(incidentsFromIntakeEvent(DEFAULT_INCIDENT_RULES, facts({ flags, referredByHigherAuthority: true }))[0]).toMatchObject({
      type: 'abnormal_petitioning',
      rule: 'abnormal-reported',
    });
  });

  it('derives the same incident id from the same event, a different one from another', () => {
    const a = deterministicIncidentId('e-1', 'mass_gathering');
    expect(a).toBe(deterministicIncidentId('e-1', 'mass_gathering'));
    expect(a).not.toBe(deterministicIncidentId('e-2', 'mass_gathering'));
    expect(a).not.toBe(deterministicIncidentId('e-1', 'disorder'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('names every problem of a bad rule list', () => {
    expect(checkIncidentRules(DEFAULT_INCIDENT_RULES)).toEqual([]);
    expect(checkIncidentRules([{ id: 'x', when: 'visit-headcount', minHeadcount: 0, type: 'riot', severity: 'high' }])).toEqual([
      'incidentRules[0].type: unknown incident type',
      'incidentRules[0].minHeadcount must be a positive integer',
    ]);
  });
});
