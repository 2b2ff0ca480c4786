import { createHash } from 'node:crypto';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_TYPES,
  type IncidentSeverity,
  type IncidentType,
  type PetitionFlagsV1,
} from '@pdmc/contracts';

/** What one intake event says about a petition, as the rules read it. */
export interface IntakeFacts {
  eventId: string;
  source: 'registered' | 'flags-changed';
  petitionId: string;
  caseNumber: string;
  townCode: string;
  /** Registered events only. */
  channel?: string;
  headcount?: number;
  flags: PetitionFlagsV1;
  /** Flags this event raised compared with what was known before (the watch item's history). */
  raised: ReadonlyArray<'threatOfExtremeAction' | 'abnormal' | 'collective'>;
  /** A higher authority transferred or assigned the item (registered events only). */
  referredByHigherAuthority?: boolean;
  at: Date;
}

/**
 * A rule that raises an incident from an intake event:
 * - `visit-headcount`: a visit registered with at least `minHeadcount` people;
 * - `flag-raised`: the event raised `flag` (at registration or later);
 * - `abnormal-reported`: a higher authority transferred or assigned an item flagged abnormal
 *   (非正常上访 reported from above).
 */
export type IncidentRule =
  | { id: string; when: 'visit-headcount'; minHeadcount: number; type: IncidentType; severity: IncidentSeverity; place?: string }
  | { id: string; when: 'flag-raised'; flag: 'threatOfExtremeAction' | 'abnormal' | 'collective'; type: IncidentType; severity: IncidentSeverity; place?: string }
  | { id: string; when: 'abnormal-reported'; type: IncidentType; severity: IncidentSeverity; place?: string };

export const DEFAULT_INCIDENT_PLACE = '中心接待大厅';

/** The default rules; a deployment replaces them in `EMERGENCY_PLAN_FILE` (`incidentRules`). */
export const DEFAULT_INCIDENT_RULES: IncidentRule[] = [
  { id: 'large-visit', when: 'visit-headcount', minHeadcount: 30, type: 'mass_gathering', severity: 'high' },
  { id: 'very-large-visit', when: 'visit-headcount', minHeadcount: 100, type: 'mass_gathering', severity: 'critical' },
  { id: 'threat-raised', when: 'flag-raised', flag: 'threatOfExtremeAction', type: 'threat_of_extreme_action', severity: 'high' },
  { id: 'abnormal-reported', when: 'abnormal-reported', type: 'abnormal_petitioning', severity: 'medium', place: '上级通报（不在中心）' },
];

/** An incident a rule decided to raise. */
export interface AutomaticIncident {
  /** Derived from the causing event and the type, so a redelivered event raises nothing new. */
  incidentId: string;
  rule: string;
  type: IncidentType;
  severity: IncidentSeverity;
  place: string;
  peopleCount: number;
  description: string;
  petitionId: string;
  causeEventId: string;
}

function matches(rule: IncidentRule, facts: IntakeFacts): boolean {
  switch (rule.when) {
    case 'visit-headcount':
      return facts.source === 'registered' && facts.channel === 'visit' && (facts.headcount ?? 0) >= rule.minHeadcount;
    case 'flag-raised':
      return facts.raised.includes(rule.flag);
    case 'abnormal-reported':
      return facts.source === 'registered' && facts.flags.abnormal && facts.referredByHigherAuthority === true;
  }
}

const DESCRIPTIONS: Record<IncidentRule['when'], (f: IntakeFacts) => string> = {
  'visit-headcount': (f) => `来访登记 ${f.caseNumber}：${f.headcount} 人集体来访（规则自动上报）`,
  'flag-raised': (f) => `信访件 ${f.caseNumber} 标记风险（规则自动上报）`,
  'abnormal-reported': (f) => `上级机关交转办的非正常上访 ${f.caseNumber}（规则自动上报）`,
};

/**
 * The incidents the rules raise for one intake event: at most one per incident type, the most
 * severe rule winning, so tiers (30 and 100 people) give one incident.
 */
export function incidentsFromIntakeEvent(rules: readonly IncidentRule[], facts: IntakeFacts): AutomaticIncident[] {
  const byType = new Map<IncidentType, IncidentRule>();
  for (const rule of rules) {
    if (!matches(rule, facts)) continue;
    const current = byType.get(rule.type);
    if (!current || INCIDENT_SEVERITIES.indexOf(rule.severity) > INCIDENT_SEVERITIES.indexOf(current.severity)) {
      byType.set(rule.type, rule);
    }
  }
  return [...byType.values()].map((rule) => ({
    incidentId: deterministicIncidentId(facts.eventId, rule.type),
    rule: rule.id,
    type: rule.type,
    severity: rule.severity,
    place: rule.place ?? DEFAULT_INCIDENT_PLACE,
    peopleCount: facts.headcount ?? 0,
    description: DESCRIPTIONS[rule.when](facts),
    petitionId: facts.petitionId,
    causeEventId: facts.eventId,
  }));
}

/** A UUID (version-5 layout) from the causing event and type: the same inputs, the same id. */
export function deterministicIncidentId(eventId: string, type: IncidentType): string {
  const hex = createHash('sha256').update(`pdmc.emergency.incident:${eventId}:${type}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Checks rules read from configuration; returns the problems (empty when fine). */
export function checkIncidentRules(rules: unknown): string[] {
  if (!Array.isArray(rules)) return ['incidentRules must be a list'];
  const problems: string[] = [];
  const ids = new Set<string>();
  rules.forEach((r: Record<string, unknown>, i) => {
    const at = `incidentRules[${i}]`;
    if (typeof r?.id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(r.id)) problems.push(`${at}.id must match [a-z0-9-]{1,64}`);
    else if (ids.has(r.id)) problems.push(`${at}.id ${r.id} is listed twice`);
    else ids.add(r.id);
    if (!(INCIDENT_TYPES as readonly unknown[]).includes(r?.type)) problems.push(`${at}.type: unknown incident type`);
    if (!(INCIDENT_SEVERITIES as readonly unknown[]).includes(r?.severity)) problems.push(`${at}.severity: unknown severity`);
    if (r?.place !== undefined && (typeof r.place !== 'string' || !r.place.trim() || r.place.length > 200)) {
      problems.push(`${at}.place must be a text of 1 to 200 characters`);
    }
    if (r?.when === 'visit-headcount') {
      if (!Number.isInteger(r.minHeadcount) || (r.minHeadcount as number) < 1) problems.push(`${at}.minHeadcount must be a positive integer`);
    } else if (r?.when === 'flag-raised') {
      if (!['threatOfExtremeAction', 'abnormal', 'collective'].includes(r.flag as string)) {
        problems.push(`${at}.flag must be threatOfExtremeAction, abnormal or collective`);
      }
    } else if (r?.when !== 'abnormal-reported') {
      problems.push(`${at}.when must be visit-headcount, flag-raised or abnormal-reported`);
    }
  });
  return problems;
}
