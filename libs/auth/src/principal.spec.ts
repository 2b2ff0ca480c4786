import { AuthenticationError } from './authentication-error';
import { principalFromClaims } from './principal';

describe('principalFromClaims', () => {
  it('reads subject, name, roles, units, bodies and responder unit, with the roles’ permissions', () => {
    const principal = principalFromClaims({
      sub: 'clerk-01',
      name: '王芳',
      roles: ['intake_clerk', 'unit_handler'],
      units: ['LABOUR'],
      bodies: ['area:HX', 'dept:justice'],
      responder_unit: 'fire-3',
    });
    expect(principal).toMatchObject({
      subject: 'clerk-01',
      name: '王芳',
      roles: ['intake_clerk', 'unit_handler'],
      units: ['LABOUR'],
      bodies: ['area:HX', 'dept:justice'],
      responderUnit: 'fire-3',
    });
    expect(principal.permissions.has('petition.register')).toBe(true);
    expect(principal.permissions.has('case.read')).toBe(true);
    expect(principal.permissions.has('audit.read')).toBe(false);
  });

  it('ignores unknown roles, units and malformed bodies instead of trusting them', () => {
    const principal = principalFromClaims({
      sub: 'u-1',
      roles: ['superuser', 'ADMINISTRATOR', 'unit_handler', 'unit_handler'],
      units: ['LABOUR', 'SECRET_POLICE', 'labour'],
      bodies: ['area:HX', 'everything', 'dept:../../x'],
    });
    expect(principal.roles).toEqual(['unit_handler']);
    expect(principal.units).toEqual(['LABOUR']);
    expect(principal.bodies).toEqual(['area:HX']);
    expect([...principal.permissions].sort()).toEqual(['case.decide', 'case.decide_review', 'case.list', 'case.read', 'case.register_review', 'case.withdraw', 'case.work', 'fund_application.list', 'fund_application.read', 'fund_application.submit']);
  });

  it('gives a token without roles no permissions', () => {
    const principal = principalFromClaims({ sub: 'u-2' });
    expect(principal).toMatchObject({ roles: [], units: [], bodies: [] });
    expect(principal.permissions.size).toBe(0);
    expect(principal.responderUnit).toBeUndefined();
  });

  it.each([
    ['no sub', { roles: ['auditor'] }],
    ['an empty sub', { sub: '', roles: ['auditor'] }],
    ['a numeric sub', { sub: 42 }],
    ['roles as a string', { sub: 'u', roles: 'auditor' }],
    ['units with a number', { sub: 'u', units: ['LABOUR', 7] }],
    ['a numeric name', { sub: 'u', name: 5 }],
  ])('refuses claims with %s as token_malformed', (_label, claims) => {
    let thrown: unknown;
    try {
      principalFromClaims(claims as Record<string, unknown>);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthenticationError);
    expect((thrown as AuthenticationError).reason).toBe('token_malformed');
  });
});
