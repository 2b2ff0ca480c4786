import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule, CurrentPrincipal, DevTokenIssuer, Public, RequirePermission, type Principal, type Role } from '../src';

@Controller()
class ProbeController {
  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }

  @RequirePermission('case.read')
  @Get('cases')
  cases(@CurrentPrincipal() principal: Principal): { subject: string; roles: Role[] } {
    return { subject: principal.subject, roles: principal.roles };
  }

  @Get('forgot')
  forgot(): { leaked: true } {
    return { leaked: true };
  }
}

@Public()
@Controller('public-area')
class PublicAreaController {
  @Get('page')
  page(): { ok: true } {
    return { ok: true };
  }

  @RequirePermission('audit.read')
  @Get('audit')
  audit(): { ok: true } {
    return { ok: true };
  }
}

describe('AuthGuard over HTTP (Fastify)', () => {
  let dir: string;
  let issuer: DevTokenIssuer;
  let app: NestFastifyApplication;
  let base: string;

  const as = async (roles: Role[], extra: { audience?: string } = {}) => ({
    authorization: `Bearer ${await issuer.mint({ sub: `user-${roles.join('-') || 'none'}`, roles, ...extra })}`,
  });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pdmc-auth-int-'));
    issuer = await DevTokenIssuer.create({ dir });

    @Module({
      imports: [AuthModule.forRoot({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl })],
      controllers: [ProbeController, PublicAreaController],
    })
    class ProbeModule {}

    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets anyone reach a @Public() route', async () => {
    const response = await get('/open');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers 401 with a bare Bearer challenge when no token is presented', async () => {
    const response = await get('/cases');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="pdmc"');
    expect(await response.json()).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it.each([
    ['a garbage token', { authorization: 'Bearer not.a.token' }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers 401 invalid_token for %s', async (_label, headers) => {
    const response = await get('/cases', headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="pdmc", error="invalid_token"');
    expect(await response.json()).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it('answers 401 for a valid signature issued for another audience, without echoing the token', async () => {
    const headers = await as(['dispatcher'], { audience: 'elsewhere' });
    const response = await get('/cases', headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await response.text()).not.toContain(headers.authorization.split('.')[1]);
  });

  it('answers 403 FORBIDDEN to a role without the permission', async () => {
    const response = await get('/cases', await as(['finance_officer']));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it('answers 200 to a role with the permission and hands the handler its principal', async () => {
    const response = await get('/cases', await as(['unit_handler']));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ subject: 'user-unit_handler', roles: ['unit_handler'] });
  });

  it('accepts any one of several roles and a lower-case scheme', async () => {
    const { authorization } = await as(['finance_officer', 'dispatcher']);
    const response = await get('/cases', { authorization: authorization.replace('Bearer', 'bearer') });
    expect(response.status).toBe(200);
  });

  it('closes a route that declares no permission, even to an administrator', async () => {
    for (const roles of [['administrator'], ['centre_director', 'auditor']] as Role[][]) {
      const response = await get('/forgot', await as(roles));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'AUTH.NO_PERMISSION_DECLARED' });
    }
  });

  it('still asks an undeclared route for a token first', async () => {
    expect((await get('/forgot')).status).toBe(401);
  });

  it('lets a handler’s @RequirePermission close a route of a @Public() controller', async () => {
    expect((await get('/public-area/page')).status).toBe(200);
    expect((await get('/public-area/audit')).status).toBe(401);
    expect((await get('/public-area/audit', await as(['dispatcher']))).status).toBe(403);
    expect((await get('/public-area/audit', await as(['auditor']))).status).toBe(200);
  });
});
