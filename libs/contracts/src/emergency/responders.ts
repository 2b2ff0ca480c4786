/**
 * The emergency system's vocabulary (domain.md §2, third system): the responder units the
 * centre calls to an incident, the kinds and severities of incidents, and the stages a
 * dispatched unit goes through. Codes are stable identifiers used in subjects, tokens and
 * configuration; the Chinese names are for screens and reports.
 */
export const RESPONDER_UNITS = ['POLITICAL_LEGAL', 'POLICE', 'ADMIN_AFFAIRS', 'HEALTH'] as const;
export type ResponderUnit = (typeof RESPONDER_UNITS)[number];

export const RESPONDER_UNIT_NAMES: Readonly<Record<ResponderUnit, string>> = {
  POLITICAL_LEGAL: '政法委',
  POLICE: '公安分局',
  ADMIN_AFFAIRS: '机关事务局',
  HEALTH: '卫生局',
};

export function isResponderUnit(value: unknown): value is ResponderUnit {
  return typeof value === 'string' && (RESPONDER_UNITS as readonly string[]).includes(value);
}

/**
 * disorder at the centre (秩序混乱), mass gathering / large collective visit (群体聚集/大规模集体访),
 * threat of extreme action (扬言极端行为), abnormal petitioning reported by a higher authority
 * (上级通报非正常上访), medical emergency (突发疾病), other.
 */
export const INCIDENT_TYPES = [
  'disorder',
  'mass_gathering',
  'threat_of_extreme_action',
  'abnormal_petitioning',
  'medical_emergency',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** A dispatched unit's stages, in the only order they may follow; `stood_down` ends it early. */
export const DISPATCH_STAGES = ['dispatched', 'acknowledged', 'en_route', 'on_scene', 'cleared'] as const;
export type DispatchStage = (typeof DISPATCH_STAGES)[number];
export const DISPATCH_STATUSES = [...DISPATCH_STAGES, 'stood_down'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/** How an incident ended, for supervision's statistics. */
export const INCIDENT_OUTCOMES = ['resolved_on_site', 'referred_to_police', 'medical_transfer', 'false_alarm', 'other'] as const;
export type IncidentOutcome = (typeof INCIDENT_OUTCOMES)[number];

/** Staff reported it, or a rule raised it from another service's event. */
export const INCIDENT_SOURCES = ['staff', 'rule'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];
