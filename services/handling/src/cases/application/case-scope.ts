import { trusted } from 'mongoose';
import { scopeOf, type Principal } from '@pdmc/auth';

/**
 * The part of the cases filter that limits a user to what they may see: unit staff to their
 * units' cases, a responsible body's liaison to the cases given to that body. It goes into the
 * database query, so nothing outside the scope is ever loaded.
 */
export function caseScopeFilter(principal: Principal): Record<string, unknown> {
  const scope = scopeOf(principal);
  if (scope.all) return {};
  const alternatives: Array<Record<string, unknown>> = [];
  if (scope.units.length) alternatives.push({ workUnit: trusted({ $in: scope.units }) });
  if (scope.bodies.length) alternatives.push({ responsibleBody: trusted({ $in: scope.bodies }) });
  // No unit and no body: a scoped user with nothing assigned sees nothing.
  if (alternatives.length === 0) return { _id: trusted({ $in: [] }) };
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}
