import type { WorkUnit } from '@pdmc/contracts';

/** The staff roles of the centre (domain.md §9). Petitioners are not staff and have no role. */
export const ROLES = [
  'intake_clerk',
  'dispatcher',
  'supervision_commissioner',
  'unit_handler',
  'unit_head',
  'responsible_body_liaison',
  'centre_director',
  'emergency_duty_officer',
  'responder_unit',
  'finance_officer',
  'fund_approver',
  'auditor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

/** What an endpoint may require, named `<resource>.<action>`. */
export const PERMISSIONS = [
  'petition.register',
  'petition.read',
  'petition.list',
  'petition.read_personal_data',
  'petition.decide_acceptance',
  'petition.classify',
  'petition.update_flags',
  'petition.merge',
  'person.search',
  'evaluation.read',
  'routing.rules.read',
  'routing.decision.read',
  'case.read',
  'case.list',
  'case.decide',
  'watch_item.read',
  'settlement_case.read',
  'audit.read',
  'pii.rotate_keys',
  // Delivery (issue 9): the dead-letter desk every service has.
  'dead_letter.read',
  'dead_letter.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);
const PERMISSION_SET: ReadonlySet<string> = new Set(PERMISSIONS);

/** True when `value` is one of {@link ROLES}. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ROLE_SET.has(value);
}

/** True when `value` is one of {@link PERMISSIONS}. */
export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && PERMISSION_SET.has(value);
}

function frozen<T extends Record<string, readonly unknown[]>>(table: T): Readonly<T> {
  for (const list of Object.values(table)) Object.freeze(list);
  return Object.freeze(table);
}

/**
 * The access table: each role gets only what its work needs. New permissions are granted to no
 * role until someone decides who needs them, so even the auditor's list is spelled out.
 * Frozen, so nothing at run time can widen it.
 */
/**
 * Reading every stage of every case across the centre, without personal data. Listed by name,
 * not derived from PERMISSIONS, so a new permission is never granted by accident.
 */
const CENTRE_WIDE_READS: readonly Permission[] = [
    'petition.read',
    'petition.list',
    'routing.rules.read',
    'routing.decision.read',
    'case.read',
    'case.list',
    'watch_item.read',
    'settlement_case.read',
    'evaluation.read',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = frozen({
  // Registers petitions and must see who the petitioner is to take the visit, call or letter.
  intake_clerk: [
    'petition.register',
    'petition.read',
    'petition.list',
    'petition.read_personal_data',
    'petition.decide_acceptance',
    // Confirms or corrects the category, raises flags, merges duplicates, finds a person's petitions.
    'petition.classify',
    'petition.update_flags',
    'petition.merge',
    'person.search',
    'routing.decision.read',
  ],
  // Decides and corrects where petitions go; needs the rules, the decisions and the resulting cases.
  dispatcher: ['petition.read', 'petition.list', 'routing.rules.read', 'routing.decision.read', 'case.read', 'case.list'],
  // Supervises handling across the centre, which is reading, never changing, every stage.
  supervision_commissioner: CENTRE_WIDE_READS,
  // Works and decides the cases of their own unit. Not petition.read: intake's petitions are not scoped to
  // units, so the petition's details must reach the unit through its case.
  unit_handler: ['case.read', 'case.list', 'case.decide'],
  // Leads a unit: as a handler, plus why a petition was routed to the unit (to contest it).
  unit_head: ['case.read', 'case.list', 'case.decide', 'routing.decision.read'],
  // An outside body's contact sees the cases given to that body, not the petitions themselves.
  responsible_body_liaison: ['case.read', 'case.list'],
  // Heads the centre: the commissioner's view plus personal data, for leaders' receptions and owned cases.
  centre_director: [
    ...CENTRE_WIDE_READS,
    'petition.read_personal_data',
    'petition.decide_acceptance',
    'petition.update_flags',
    'petition.merge',
    'person.search',
  ],
  // Watches for escalation risk: watch items and the petitions behind them.
  emergency_duty_officer: ['watch_item.read', 'petition.read'],
  // Responders will see only their own dispatches, which do not exist yet; until then, nothing.
  responder_unit: [],
  // Prepares settlement payments, so sees settlement cases only.
  finance_officer: ['settlement_case.read'],
  // Approves settlement payments, so sees settlement cases only.
  fund_approver: ['settlement_case.read'],
  // Reviews everything read-only, including the audit trail, but not petitioners' identities.
  auditor: [...CENTRE_WIDE_READS, 'audit.read', 'dead_letter.read'],
  // Runs the system (keys, audit of access, dead letters) but does not read case content.
  administrator: ['pii.rotate_keys', 'audit.read', 'dead_letter.read', 'dead_letter.manage'],
});

/** The union of the roles' permissions. */
export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
}

/**
 * What a role's visibility is bounded by: `centre` sees the whole centre; `units` only the
 * principal's work units; `bodies` only the principal's responsible bodies; `responder_unit`
 * only the principal's responder unit.
 */
export type RoleScope = 'centre' | 'units' | 'bodies' | 'responder_unit';

/** The scope of each role; see {@link scopeOf} for how a principal's roles combine. */
export const SCOPED_ROLES: Readonly<Record<Role, RoleScope>> = Object.freeze({
  intake_clerk: 'centre',
  dispatcher: 'centre',
  supervision_commissioner: 'centre',
  unit_handler: 'units',
  unit_head: 'units',
  responsible_body_liaison: 'bodies',
  centre_director: 'centre',
  emergency_duty_officer: 'centre',
  responder_unit: 'responder_unit',
  finance_officer: 'centre',
  fund_approver: 'centre',
  auditor: 'centre',
  administrator: 'centre',
});

/** What a principal may see: everything, or only the listed units, bodies and responder units. */
export type Scope =
  | { all: true }
  | { all: false; units: WorkUnit[]; bodies: string[]; responderUnits: string[] };

/** The parts of a principal that decide its scope. */
export interface ScopeSource {
  roles: readonly Role[];
  units: readonly WorkUnit[];
  bodies: readonly string[];
  responderUnit?: string;
}

/**
 * The principal's visibility: the union over its roles. Any centre-wide role makes it
 * centre-wide. Otherwise a unit, body or responder-unit claim counts only when a role uses it,
 * so a stray `units` claim on a liaison token widens nothing. No roles (or a scoped role with
 * nothing assigned) yields an empty scope: the caller sees nothing.
 */
export function scopeOf(principal: ScopeSource): Scope {
  const kinds = new Set(principal.roles.map((role) => SCOPED_ROLES[role]));
  if (kinds.has('centre')) return { all: true };
  return {
    all: false,
    units: kinds.has('units') ? [...new Set(principal.units)] : [],
    bodies: kinds.has('bodies') ? [...new Set(principal.bodies)] : [],
    responderUnits: kinds.has('responder_unit') && principal.responderUnit ? [principal.responderUnit] : [],
  };
}
