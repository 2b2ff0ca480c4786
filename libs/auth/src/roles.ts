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
  // Funds (issue #16): the deputy district head (分管副区长) approves the larger applications.
  'deputy_district_head',
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
  // Routing and dispatch (issue #13): rule sets, the dispatcher's desk, the working-day calendar,
  // joint meetings, leaders' owned cases and reception days.
  'routing.rules.write',
  'routing.desk.read',
  'routing.dispatch',
  'calendar.read',
  'calendar.write',
  'meeting.read',
  'meeting.manage',
  'leader.read',
  'leader.manage',
  // Handling: the case lifecycle (issue 12)
  'case.work',
  'case.assign',
  'case.approve_extension',
  'case.report_task',
  'case.register_review',
  'case.decide_review',
  'case.withdraw',
  // Emergency response (issue 15): incidents, dispatches, responder units' feeds.
  'incident.report',
  'incident.read',
  'incident.dispatch',
  'incident.close',
  'dispatch.report_status',
  'dispatch_feed.read',
  // Funds (issue #16): budgets, applications, approvals, disbursements, ledger and reports.
  'fund.read',
  'fund.manage',
  'fund_application.submit',
  'fund_application.read',
  'fund_application.list',
  'fund_application.read_personal_data',
  'fund_application.approve',
  'fund_application.cancel',
  'fund_disbursement.record',
  'fund_ledger.read',
  'fund_report.read',
  // Funds (issue #16): the approval chains as run-time configuration, saved by an administrator.
  'fund_chain.write',
  // Learned category suggestions: import an archive as examples, train a model now.
  'classification.manage',
  // Delivery (issue 9): the dead-letter desk every service has.
  'dead_letter.read',
  'dead_letter.manage',
  // Supervision and assessment (issue 14): the queue of watched deadlines, supervision orders
  // (督办单) and their replies, listed supervision, the centre's numbers and the cadre assessment.
  'supervision.read',
  'supervision_order.issue',
  'supervision_order.reply',
  'statistics.read',
  'assessment.read',
  'assessment.manage',
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
/** Running incidents at the centre: the emergency duty officer's work (issue 15). */
const EMERGENCY_DUTY: readonly Permission[] = [
  'incident.report',
  'incident.read',
  'incident.dispatch',
  'incident.close',
  'dispatch.report_status',
  'dispatch_feed.read',
];

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
    // Routing and dispatch (issue #13)
    'routing.desk.read',
    'calendar.read',
    'meeting.read',
    'leader.read',
    // Incidents and the units' feeds (issue 15): escalations reach the director, statistics supervision.
    'incident.read',
    'dispatch_feed.read',
];

/** Funds (issue #16): reading funds, applications (masked), the ledger and the reports. */
const FUND_READS: readonly Permission[] = [
  'fund.read',
  'fund_application.read',
  'fund_application.list',
  'fund_ledger.read',
  'fund_report.read',
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
    // Registers a petitioner's request for review or re-examination, or withdrawal.
    'case.register_review',
    'case.withdraw',
  ],
  // Decides and corrects where petitions go; needs the rules, the decisions and the resulting cases.
  dispatcher: ['petition.read', 'petition.list', 'routing.rules.read', 'routing.decision.read', 'case.read', 'case.list',
    // Works the desk: unrouted and returned items, re-routes, splits, overrides (issue #13).
    'routing.desk.read', 'routing.dispatch', 'calendar.read', 'meeting.read', 'leader.read'],
  // Supervises handling across the centre, which is reading, never changing, every stage.
  supervision_commissioner: [...CENTRE_WIDE_READS, 'meeting.manage',
    // Supervision (issue 14): watches every deadline, issues and escalates orders, reads the numbers.
    'supervision.read', 'supervision_order.issue', 'statistics.read', 'assessment.read'],
  // Works and decides the cases of their own unit. Not petition.read: intake's petitions are not scoped to
  // units, so the petition's details must reach the unit through its case.
  // Plus the lifecycle: take, return and work the case, tasks to bodies, extension requests; in REVIEW, reviews;
  // and applications for settlements of the unit's cases (issue 16).
  unit_handler: [
    'case.read',
    'case.list',
    'case.decide',
    'case.work',
    'case.register_review',
    'case.decide_review',
    'case.withdraw',
    'fund_application.submit',
    'fund_application.read',
    'fund_application.list',
  ],
  // Leads a unit: as a handler, plus why a petition was routed to the unit (to contest it).
  // Plus a handler's lifecycle work, assigning handlers, approving the one extension (art. 34), and the unit's
  // approval step of fund applications.
  unit_head: [
    'case.read',
    'case.list',
    'case.decide',
    'routing.decision.read',
    'case.work',
    'case.assign',
    'case.approve_extension',
    'case.register_review',
    'case.decide_review',
    'case.withdraw',
    'fund_application.submit',
    'fund_application.read',
    'fund_application.list',
    'fund_application.approve',
    // Supervision (issue 14): the unit's watched deadlines and the orders it must answer.
    'supervision.read',
    'supervision_order.reply',
  ],
  // An outside body's contact sees the cases given to that body, not the petitions themselves.
  responsible_body_liaison: ['case.read', 'case.list', 'case.report_task'],
  // Heads the centre: the commissioner's view plus personal data, for leaders' receptions and owned cases.
  centre_director: [
    ...CENTRE_WIDE_READS,
    'petition.read_personal_data',
    'petition.decide_acceptance',
    'petition.update_flags',
    'petition.merge',
    'person.search',
    // Owns hard cases (包案) and holds reception days (接访); may chair a joint meeting (issue #13).
    'leader.manage',
    'meeting.manage',
    // Approves extensions where the centre makes the director the approver (EXTENSION_APPROVER).
    'case.approve_extension',
    // Approves at the centre's level, records joint-meeting decisions, may cancel an approved grant.
    ...FUND_READS,
    'fund_application.submit',
    'fund_application.read_personal_data',
    'fund_application.approve',
    'fund_application.cancel',
    // Decides what the centre's category model learns from (archives) and when it retrains.
    'classification.manage',
    // Supervision (issue 14): the queue and orders as a commissioner; sets the assessment's indicators and vetoes.
    'supervision.read', 'supervision_order.issue', 'statistics.read', 'assessment.read', 'assessment.manage',
  ],
  // Watches for escalation risk: watch items and the petitions behind them. Runs incidents: reports them, adds
  // and stands down units, records a unit's progress heard by phone, follows every feed, closes them.
  emergency_duty_officer: ['watch_item.read', 'petition.read', ...EMERGENCY_DUTY],
  // A responder unit's desk: the incidents it is dispatched to, its own feed, and its progress (scoped to its unit).
  responder_unit: ['incident.read', 'dispatch.report_status', 'dispatch_feed.read'],
  // Prepares settlement payments, so sees settlement cases only.
  finance_officer: [
    'settlement_case.read',
    // Keeps budgets and contributions, pays approved applications (must see whom), reads the books.
    ...FUND_READS,
    'fund.manage',
    'fund_application.submit',
    'fund_application.read_personal_data',
    'fund_application.cancel',
    'fund_disbursement.record',
  ],
  // Approves settlement payments, so sees settlement cases only.
  fund_approver: ['settlement_case.read', 'fund.read', 'fund_application.read', 'fund_application.list', 'fund_report.read'],
  // Reviews everything read-only, including the audit trail, but not petitioners' identities.
  auditor: [...CENTRE_WIDE_READS, 'audit.read', ...FUND_READS, 'dead_letter.read',
    // Supervision (issue 14): reads the queue, the numbers and the assessment.
    'supervision.read', 'statistics.read', 'assessment.read'],
  // Runs the system (keys, audit of access, dead letters) but does not read case content.
  administrator: ['pii.rotate_keys', 'audit.read', 'dead_letter.read', 'dead_letter.manage',
    // Configuration, not case content: the routing rule sets and the working-day calendar (issue #13).
    'routing.rules.read', 'routing.rules.write', 'calendar.read', 'calendar.write',
    // Configuration of funds: a new version of a fund's approval chain (issue #16).
    'fund_chain.write'],
  // Approves the larger fund applications; sees funds, applications (masked) and reports.
  deputy_district_head: ['fund.read', 'fund_application.read', 'fund_application.list', 'fund_application.approve', 'fund_report.read'],
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
  deputy_district_head: 'centre',
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
