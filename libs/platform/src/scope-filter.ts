import { trusted } from 'mongoose';
import { scopeOf, type Principal } from '@pdmc/auth';

export interface ScopeFields {
  /** Field holding the work unit, matched against the principal's units. */
  units?: string;
  /** Field holding the responsible body, matched against the principal's bodies. */
  bodies?: string;
}

/**
 * Restricts a query to what the principal may see (object-level authorisation). The result is
 * AND-ed with the caller's own filter, so request parameters can never widen it, and it runs in
 * the database, so nothing outside the scope is loaded. Centre-wide roles get no restriction; a
 * scoped user with nothing assigned matches nothing.
 */
export function scopedFilter(filter: Record<string, unknown>, principal: Principal, fields: ScopeFields): Record<string, unknown> {
  const scope = scopeOf(principal);
  if (scope.all) return filter;
  const alternatives: Array<Record<string, unknown>> = [];
  if (fields.units && scope.units.length) alternatives.push({ [fields.units]: trusted({ $in: scope.units }) });
  if (fields.bodies && scope.bodies.length) alternatives.push({ [fields.bodies]: trusted({ $in: scope.bodies }) });
  const restriction =
    alternatives.length === 0
      ? { _id: trusted({ $in: [] }) }
      : alternatives.length === 1
        ? alternatives[0]
        : { $or: alternatives };
  return { $and: [filter, restriction] };
}
