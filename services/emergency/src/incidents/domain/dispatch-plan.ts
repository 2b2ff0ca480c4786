import {
  INCIDENT_SEVERITIES,
  INCIDENT_TYPES,
  isResponderUnit,
  type IncidentSeverity,
  type IncidentType,
  type ResponderUnit,
} from '@pdmc/contracts';

/** One unit a plan calls, and the minutes it has to acknowledge. */
export interface PlannedUnit {
  unit: ResponderUnit;
  acknowledgeWithinMinutes: number;
}

/**
 * Which units to dispatch for each incident type and severity. Severities a type does not list
 * take the plan of the nearest lower severity listed (so `critical` may just add to `high`).
 */
export type DispatchPlans = Record<IncidentType, Partial<Record<IncidentSeverity, PlannedUnit[]>>>;

const u = (unit: ResponderUnit, acknowledgeWithinMinutes: number): PlannedUnit => ({ unit, acknowledgeWithinMinutes });

/**
 * The centre's default plans (configurable, see `EMERGENCY_PLAN_FILE`): the police keep order,
 * the political-legal committee deals with abnormal petitioning and threats, the administrative
 * affairs bureau runs the building, the health bureau gives first aid. Life-threatening matters
 * are acknowledged within minutes, in the spirit of the 12345 practice of dispatching risks to
 * life within the hour.
 */
export const DEFAULT_DISPATCH_PLANS: DispatchPlans = {
  disorder: {
    low: [u('ADMIN_AFFAIRS', 10)],
    medium: [u('POLICE', 5), u('ADMIN_AFFAIRS', 10)],
    high: [u('POLICE', 3), u('POLITICAL_LEGAL', 10), u('ADMIN_AFFAIRS', 10)],
    critical: [u('POLICE', 2), u('POLITICAL_LEGAL', 5), u('ADMIN_AFFAIRS', 5), u('HEALTH', 5)],
  },
  mass_gathering: {
    low: [u('ADMIN_AFFAIRS', 15)],
    medium: [u('POLITICAL_LEGAL', 10), u('ADMIN_AFFAIRS', 10)],
    high: [u('POLICE', 5), u('POLITICAL_LEGAL', 5), u('ADMIN_AFFAIRS', 10)],
    critical: [u('POLICE', 2), u('POLITICAL_LEGAL', 5), u('ADMIN_AFFAIRS', 5), u('HEALTH', 10)],
  },
  threat_of_extreme_action: {
    low: [u('POLITICAL_LEGAL', 15)],
    high: [u('POLICE', 3), u('POLITICAL_LEGAL', 5)],
    critical: [u('POLICE', 2), u('POLITICAL_LEGAL', 3), u('HEALTH', 5)],
  },
  abnormal_petitioning: {
    low: [u('POLITICAL_LEGAL', 30)],
    high: [u('POLITICAL_LEGAL', 10), u('POLICE', 10)],
  },
  medical_emergency: {
    low: [u('HEALTH', 5)],
    high: [u('HEALTH', 2), u('ADMIN_AFFAIRS', 5)],
  },
  other: {
    low: [u('ADMIN_AFFAIRS', 15)],
    high: [u('POLICE', 5), u('ADMIN_AFFAIRS', 10)],
  },
};

/** The units the plan calls for this type and severity (see {@link DispatchPlans}). */
export function plannedUnits(plans: DispatchPlans, type: IncidentType, severity: IncidentSeverity): PlannedUnit[] {
  const byType = plans[type];
  for (let i = INCIDENT_SEVERITIES.indexOf(severity); i >= 0; i -= 1) {
    const found = byType?.[INCIDENT_SEVERITIES[i]];
    if (found) return found.map((p) => ({ ...p }));
  }
  return [];
}

/** Checks plans read from configuration; returns the problems, one line each (empty when fine). */
export function checkDispatchPlans(plans: unknown): string[] {
  const problems: string[] = [];
  if (!plans || typeof plans !== 'object' || Array.isArray(plans)) return ['dispatchPlans must be an object by incident type'];
  for (const [type, bySeverity] of Object.entries(plans)) {
    if (!(INCIDENT_TYPES as readonly string[]).includes(type)) {
      problems.push(`dispatchPlans.${type}: unknown incident type`);
      continue;
    }
    if (!bySeverity || typeof bySeverity !== 'object') {
      problems.push(`dispatchPlans.${type} must be an object by severity`);
      continue;
    }
    for (const [severity, units] of Object.entries(bySeverity as object)) {
      const at = `dispatchPlans.${type}.${severity}`;
      if (!(INCIDENT_SEVERITIES as readonly string[]).includes(severity)) problems.push(`${at}: unknown severity`);
      if (!Array.isArray(units)) {
        problems.push(`${at} must be a list of { unit, acknowledgeWithinMinutes }`);
        continue;
      }
      const seen = new Set<string>();
      units.forEach((p: { unit?: unknown; acknowledgeWithinMinutes?: unknown }, i) => {
        if (!isResponderUnit(p?.unit)) problems.push(`${at}[${i}].unit: unknown responder unit ${String(p?.unit)}`);
        else if (seen.has(p.unit)) problems.push(`${at}[${i}].unit: ${p.unit} listed twice`);
        else seen.add(p.unit);
        const minutes = p?.acknowledgeWithinMinutes;
        if (typeof minutes !== 'number' || !(minutes > 0) || minutes > 24 * 60) {
          problems.push(`${at}[${i}].acknowledgeWithinMinutes must be a number of minutes from 0 to 1440`);
        }
      });
    }
  }
  for (const type of INCIDENT_TYPES) {
    if (!(type in (plans as object))) problems.push(`dispatchPlans.${type}: missing`);
  }
  return problems;
}
