import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DISPATCH_PLANS } from '../domain/dispatch-plan';
import { DEFAULT_INCIDENT_RULES } from '../domain/incident-rules';
import { loadEmergencyPlan } from './emergency-plan';

const file = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'pdmc-plan-spec-')), 'plan.json');
  writeFileSync(path, content);
  return path;
};

describe('EMERGENCY_PLAN_FILE', () => {
  it('keeps the defaults for what the file leaves out', () => {
    expect(loadEmergencyPlan(undefined)).toEqual({ dispatchPlans: DEFAULT_DISPATCH_PLANS, incidentRules: DEFAULT_INCIDENT_RULES });
    expect(loadEmergencyPlan(file('{"incidentRules":[]}'))).toEqual({ dispatchPlans: DEFAULT_DISPATCH_PLANS, incidentRules: [] });
  });

  it('stops the start with the variable and every faulty entry named', () => {
    expect(() => loadEmergencyPlan(file('{not json'))).toThrow(/^EMERGENCY_PLAN_FILE \(.+\) cannot be read as JSON/);
    const bad = file(JSON.stringify({ incidentRules: [{ id: 'big', when: 'visit-headcount', minHeadcount: 0, type: 'mass_gathering', severity: 'high' }] }));
    expect(() => loadEmergencyPlan(bad)).toThrow('incidentRules[0].minHeadcount must be a positive integer');
  });
});
