import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import { AuthenticationError } from './authentication-error';
import { isRole, permissionsOf, type Permission, type Role } from './roles';

/** The authenticated staff member behind a request. */
export interface Principal {
  /** Stable user id from the identity provider (`sub`). */
  subject: string;
  /** Display name, for logs and screens; never used for decisions. */
  name?: string;
  roles: Role[];
  /** Work units the user belongs to; they bound what unit-scoped roles see. */
  units: WorkUnit[];
  /** Responsible bodies (`area:HX`, `dept:justice`) a liaison speaks for. */
  bodies: string[];
  /** The responder unit a responder belongs to. */
  responderUnit?: string;
  /** The union of the roles' permissions. */
  permissions: ReadonlySet<Permission>;
}

const WORK_UNIT_SET: ReadonlySet<string> = new Set(WORK_UNITS);
const BODY = /^(area|dept):[A-Za-z0-9_-]{1,64}$/;
const IDENTIFIER = /^[A-Za-z0-9_.:@-]{1,128}$/;
const MAX_NAME_LENGTH = 200;

/**
 * Builds a {@link Principal} from verified token claims: `sub` (required), `name`, `roles`,
 * `units`, `bodies`, `responder_unit`. A claim of the wrong type means the identity provider is
 * misconfigured, so the token is refused (`token_malformed`). Values that are well-typed but
 * unknown (a role or unit this code does not know, a body in another format) are dropped, never
 * trusted: dropping can only narrow what the user may do.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const subject = claims['sub'];
  if (typeof subject !== 'string' || !IDENTIFIER.test(subject)) throw new AuthenticationError('token_malformed');
  const name = optionalString(claims['name']);
  const roles = unique(stringArray(claims['roles']).filter(isRole));
  const units = unique(stringArray(claims['units']).filter((u): u is WorkUnit => WORK_UNIT_SET.has(u)));
  const bodies = unique(stringArray(claims['bodies']).filter((b) => BODY.test(b)));
  const responderUnit = optionalString(claims['responder_unit']);
  return {
    subject,
    ...(name !== undefined ? { name: name.slice(0, MAX_NAME_LENGTH) } : {}),
    roles,
    units,
    bodies,
    ...(responderUnit !== undefined && IDENTIFIER.test(responderUnit) ? { responderUnit } : {}),
    permissions: permissionsOf(roles),
  };
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AuthenticationError('token_malformed');
  return value;
}

function stringArray(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new AuthenticationError('token_malformed');
  }
  return value;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
