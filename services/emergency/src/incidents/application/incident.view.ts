import type { Principal } from '@pdmc/auth';
import { scopeOf } from '@pdmc/auth';
import { isResponderUnit, type ResponderUnit } from '@pdmc/contracts';
import type { Incident } from '../domain/incident';

/** An incident as the API returns it (without its timeline, which has its own route). */
export type IncidentView = Omit<Incident, 'timeline'>;

export function toIncidentView(incident: Incident): IncidentView {
  const { timeline: _timeline, ...rest } = incident;
  return rest;
}

/**
 * The responder units a principal may act for: `all` for centre-wide roles (the duty officer
 * records a unit's progress heard by phone), otherwise the principal's own unit, or none.
 */
export function actingUnits(principal: Principal): 'all' | ResponderUnit[] {
  const scope = scopeOf(principal);
  if (scope.all) return 'all';
  return scope.responderUnits.filter(isResponderUnit);
}

export function mayActFor(principal: Principal, unit: ResponderUnit): boolean {
  const units = actingUnits(principal);
  return units === 'all' || units.includes(unit);
}
