import { PERMISSIONS, permissionsOf, ROLE_PERMISSIONS, ROLES, scopeOf, SCOPED_ROLES, type Role, type ScopeSource } from './roles';

const holders = (permission: string): Role[] => ROLES.filter((role) => ROLE_PERMISSIONS[role].some((p) => p === permission));
const source = (roles: Role[], extra: Partial<ScopeSource> = {}): ScopeSource => ({ roles, units: [], bodies: [], ...extra });

describe('role table', () => {
  it('gives every role an entry made only of known permissions, without duplicates', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      const permissions = ROLE_PERMISSIONS[role];
      expect(permissions.every((p) => (PERMISSIONS as readonly string[]).includes(p))).toBe(true);
      expect(new Set(permissions).size).toBe(permissions.length);
    }
  });

  it('lets the auditor read and list everything and the audit trail, but not personal data', () => {
    const reads = PERMISSIONS.filter((p) => /\.(read|list)$/.test(p));
    expect([...ROLE_PERMISSIONS.auditor].sort()).toEqual([...reads].sort());
    expect(ROLE_PERMISSIONS.auditor).not.toContain('petition.read_personal_data');
    expect(ROLE_PERMISSIONS.auditor).toContain('audit.read');
  });

  it('keeps administrators out of petitions, cases and the other business records', () => {
    expect([...ROLE_PERMISSIONS.administrator].sort()).toEqual([
      'audit.read',
      // Configuration only: routing's rule sets and the working-day calendar.
      'calendar.read',
      'calendar.write',
      // Operations: dead letters.
      'dead_letter.manage',
      'dead_letter.read',
      // Configuration of funds: approval chains, never applications or money (issue #16).
      'fund_chain.write',
      'pii.rotate_keys',
      'routing.rules.read',
      'routing.rules.write',
    ]);
  });

  it('limits personal data, key rotation and registration to the roles that need them', () => {
    expect(holders('petition.read_personal_data').sort()).toEqual(['centre_director', 'intake_clerk']);
    expect(holders('pii.rotate_keys')).toEqual(['administrator']);
    expect(holders('petition.register')).toEqual(['intake_clerk']);
    expect(holders('audit.read').sort()).toEqual(['administrator', 'auditor']);
  });

  it('gives responders their dispatches, their feed and their progress reports, nothing else', () => {
    expect([...ROLE_PERMISSIONS.responder_unit].sort()).toEqual(['dispatch.report_status', 'dispatch_feed.read', 'incident.read']);
    expect(holders('incident.report')).toEqual(['emergency_duty_officer']);
    expect(holders('incident.close')).toEqual(['emergency_duty_officer']);
  });

  it('cannot be widened at run time', () => {
    expect(() => (ROLE_PERMISSIONS.auditor as string[]).push('petition.read_personal_data')).toThrow(TypeError);
    expect(ROLE_PERMISSIONS.auditor).not.toContain('petition.read_personal_data');
  });

  // Funds (issue #16): who pays never approves, who approves never pays, beneficiaries' data stays with those who pay.
  it('keeps paying, approving and beneficiaries’ personal data apart', () => {
    expect(holders('fund_disbursement.record')).toEqual(['finance_officer']);
    expect(holders('fund_application.approve').sort()).toEqual(['centre_director', 'deputy_district_head', 'unit_head']);
    expect(holders('fund_application.read_personal_data').sort()).toEqual(['centre_director', 'finance_officer']);
    expect(holders('fund.manage')).toEqual(['finance_officer']);
  });

  it('unites the permissions of several roles', () => {
    expect([...permissionsOf(['finance_officer', 'emergency_duty_officer'])].sort()).toEqual([
      'dispatch.report_status',
      'dispatch_feed.read',
      'fund.manage',
      'fund.read',
      'fund_application.cancel',
      'fund_application.list',
      'fund_application.read',
      'fund_application.read_personal_data',
      'fund_application.submit',
      'fund_disbursement.record',
      'fund_ledger.read',
      'fund_report.read',
      'incident.close',
      'incident.dispatch',
      'incident.read',
      'incident.report',
      'petition.read',
      'settlement_case.read',
      'watch_item.read',
    ]);
    expect(permissionsOf([]).size).toBe(0);
  });
});

describe('scopeOf', () => {
  it('makes centre-wide roles see everything', () => {
    const centre = ROLES.filter((role) => SCOPED_ROLES[role] === 'centre');
    expect(centre.sort()).toEqual(
      [
        'administrator',
        'auditor',
        'centre_director',
        'dispatcher',
        'emergency_duty_officer',
        'finance_officer',
        'fund_approver',
        'intake_clerk',
        'supervision_commissioner',
        'deputy_district_head',
      ].sort(),
    );
    for (const role of centre) expect(scopeOf(source([role], { units: ['LABOUR'] }))).toEqual({ all: true });
  });

  it('limits unit staff to their units, liaisons to their bodies, responders to their unit', () => {
    expect(scopeOf(source(['unit_handler'], { units: ['LABOUR', 'URBAN_ENV'], bodies: ['area:HX'] }))).toEqual({
      all: false,
      units: ['LABOUR', 'URBAN_ENV'],
      bodies: [],
      responderUnits: [],
    });
    expect(scopeOf(source(['responsible_body_liaison'], { units: ['LABOUR'], bodies: ['dept:justice'] }))).toEqual({
      all: false,
      units: [],
      bodies: ['dept:justice'],
      responderUnits: [],
    });
    expect(scopeOf(source(['responder_unit'], { responderUnit: 'fire-3' }))).toEqual({
      all: false,
      units: [],
      bodies: [],
      responderUnits: ['fire-3'],
    });
  });

  it('unites the scopes of several scoped roles', () => {
    expect(
      scopeOf(source(['unit_head', 'responsible_body_liaison', 'responder_unit'], { units: ['HOTLINE'], bodies: ['area:HX'], responderUnit: 'ems-1' })),
    ).toEqual({ all: false, units: ['HOTLINE'], bodies: ['area:HX'], responderUnits: ['ems-1'] });
  });

  it('lets any centre-wide role make the whole principal centre-wide', () => {
    expect(scopeOf(source(['unit_handler', 'auditor'], { units: ['LABOUR'] }))).toEqual({ all: true });
  });

  it('gives a principal with no roles, or nothing assigned, an empty scope', () => {
    const empty = { all: false, units: [], bodies: [], responderUnits: [] };
    expect(scopeOf(source([]))).toEqual(empty);
    expect(scopeOf(source(['unit_handler']))).toEqual(empty);
    expect(scopeOf(source(['responder_unit']))).toEqual(empty);
  });
});
