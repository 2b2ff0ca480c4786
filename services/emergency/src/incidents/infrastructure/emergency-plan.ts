import { readFileSync } from 'node:fs';
import { DEFAULT_DISPATCH_PLANS, checkDispatchPlans, type DispatchPlans } from '../domain/dispatch-plan';
import { DEFAULT_INCIDENT_RULES, checkIncidentRules, type IncidentRule } from '../domain/incident-rules';

/** The dispatch plans and automatic-incident rules the service runs with. */
export interface EmergencyPlan {
  dispatchPlans: DispatchPlans;
  incidentRules: IncidentRule[];
}

export const EMERGENCY_PLAN = Symbol('EMERGENCY_PLAN');

/**
 * Reads `EMERGENCY_PLAN_FILE` (or the defaults) and refuses to start on any problem, naming the
 * variable and each faulty entry.
 */
export function loadEmergencyPlan(file: string | undefined): EmergencyPlan {
  if (!file) return { dispatchPlans: DEFAULT_DISPATCH_PLANS, incidentRules: DEFAULT_INCIDENT_RULES };
  let parsed: { dispatchPlans?: unknown; incidentRules?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
  } catch (error) {
    throw new Error(`EMERGENCY_PLAN_FILE (${file}) cannot be read as JSON: ${(error as Error).message}`);
  }
  const dispatchPlans = parsed.dispatchPlans ?? DEFAULT_DISPATCH_PLANS;
  const incidentRules = parsed.incidentRules ?? DEFAULT_INCIDENT_RULES;
  const problems = [...checkDispatchPlans(dispatchPlans), ...checkIncidentRules(incidentRules)];
  if (problems.length) throw new Error(`EMERGENCY_PLAN_FILE (${file}) is not valid: ${problems.join('; ')}`);
  return { dispatchPlans: dispatchPlans as DispatchPlans, incidentRules: incidentRules as IncidentRule[] };
}
