import { Body, Controller, Get, HttpCode, Module, Param, Post, type DynamicModule } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { getConnectionToken } from '@nestjs/mongoose';
import { IsString, MaxLength } from 'class-validator';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Public, RequirePermission, type Principal } from '@pdmc/auth';
import type { WorkUnit } from '@pdmc/contracts';
import { captureLogs, createTestAuth, createTestNamespace, http, type ApiErrorBody, type HttpClient, type TestNamespace, waitFor } from '@pdmc/testing';
import {
  Audit,
  DomainError,
  loadConfig,
  RateLimit,
  scopedFilter,
  ServiceConfig,
  ServiceCoreModule,
  startService,
  type AuditEvent,
  type RunningService,
} from '../src';

/** A configuration with a limit read from a setting, as intake's look-up takes LOOKUP_RATE_LIMIT. */
class ProbeConfig extends ServiceConfig {
  PROBE_LIMIT = 2;
}

class NoteDto {
  @ApiProperty({ example: '现场核查' })
  @IsString()
  @MaxLength(200)
  note!: string;
}

@Controller('probe')
class ProbeController {
  @Get('limited')
  @Public()
  @RateLimit({ limit: 3, windowSeconds: 600 })
  @ApiOkResponse({ description: 'Counted' })
  limited(): { ok: true } {
    return { ok: true };
  }

  @Get('limited-elsewhere')
  @Public()
  @RateLimit({ limit: 3, windowSeconds: 600 })
  @ApiOkResponse({ description: 'Counted apart' })
  elsewhere(): { ok: true } {
    return { ok: true };
  }

  @Get('configured')
  @Public()
  @RateLimit({ limit: 'PROBE_LIMIT', windowSeconds: 600 })
  @ApiOkResponse({ description: 'Counted against PROBE_LIMIT' })
  configured(): { ok: true } {
    return { ok: true };
  }

  @Get('short')
  @Public()
  @RateLimit({ limit: 1, windowSeconds: 1 })
  @ApiOkResponse({ description: 'A one-second window' })
  short(): { ok: true } {
    return { ok: true };
  }

  @Post('notes')
  @HttpCode(200)
  @RequirePermission('case.read')
  @ApiOkResponse({ description: 'A state change, audited without a declaration' })
  addNote(@Body() dto: NoteDto): { id: string; note: string } {
    return { id: randomUUID(), note: dto.note };
  }

  @Post('notes/:id/refusal')
  @HttpCode(200)
  @RequirePermission('case.read')
  @Audit({ action: 'note.refuse', objectType: 'note', objectId: 'param:id' })
  @ApiOkResponse({ description: 'Always refused' })
  refuse(@Param('id') _id: string): never {
    throw new DomainError('PROBE.REFUSED', 'Refused', 409);
  }

  @Get('notes/:id')
  @RequirePermission('case.read')
  @Audit({ action: 'note.read_personal_data', objectType: 'note', objectId: 'param:id' })
  @ApiOkResponse({ description: 'A declared audited read' })
  read(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Get('plain/:id')
  @RequirePermission('case.read')
  @ApiOkResponse({ description: 'A read nobody declared audited' })
  plain(@Param('id') id: string): { id: string } {
    return { id };
  }
}

@Module({})
class ProbeModule {
  static register(config: ProbeConfig): DynamicModule {
    return { module: ProbeModule, imports: [ServiceCoreModule.forRoot({ service: 'funds', config })], controllers: [ProbeController] };
  }
}

describe('the platform guards and the audit trail, in a service against the real store', () => {
  let ns: TestNamespace;
  let auth: Awaited<ReturnType<typeof createTestAuth>>;
  let service: RunningService;
  let api: HttpClient;
  let db: Connection;
  const logs = captureLogs();
  const handler = { sub: 'handler-07', roles: ['unit_handler' as const], units: ['LABOUR' as const] };
  const auditor = { sub: 'auditor-01', roles: ['auditor' as const] };

  beforeAll(async () => {
    ns = createTestNamespace('platformguards');
    auth = await createTestAuth();
    const config = loadConfig(ProbeConfig, {
      ...auth.env,
      HTTP_PORT: '0',
      MONGO_URL: ns.mongoUrl,
      MONGO_DB: ns.dbName('platformguards'),
      NATS_URL: ns.natsUrl,
      BUS_PREFIX: ns.busPrefix,
    });
    service = await startService({ service: 'funds', title: 'probe', description: 'probe', module: ProbeModule.register(config), config, logDestination: logs.destination });
    api = http(service.url);
    db = service.app.get<Connection>(getConnectionToken(), { strict: false });
  });

  afterAll(async () => {
    await service?.close();
    await ns?.cleanup();
    auth?.cleanup();
  });

  describe('rate limiting', () => {
    it('lets a client through up to the limit, then answers 429 with the time to wait', async () => {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await api.get('/probe/limited'));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers.map((a) => a.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
      expect(answers[0]?.headers['x-ratelimit-limit']).toBe('3');
      const refused = answers[3] as { body: ApiErrorBody; headers: Record<string, string> };
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(590);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    });

    it('counts each route apart, and takes a limit from the configuration', async () => {
      expect((await api.get('/probe/limited-elsewhere')).status).toBe(200);
      const configured = [];
      for (let i = 0; i < 3; i++) configured.push((await api.get('/probe/configured')).status);
      expect(configured).toEqual([200, 200, 429]);
    });

    it('counts concurrent requests in one document: exactly the limit gets through', async () => {
      // The window is one document per (route, client) changed by atomic updates, so ten requests
      // at once, here or on other instances sharing the database, cannot all see a fresh count.
      await api.get('/probe/short');
      await db.collection('rate_limits').deleteMany({});
      const statuses = await Promise.all(Array.from({ length: 10 }, () => api.get('/probe/limited-elsewhere').then((r) => r.status)));
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    });

    it('keeps the client address only as a hash with the route', async () => {
      const windows = await db.collection('rate_limits').find({}).toArray();
      expect(windows.length).toBeGreaterThan(0);
      for (const w of windows) {
        expect(String(w._id)).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(JSON.stringify(w)).not.toContain('127.0.0.1');
      }
    });

    it('starts a new window once the old one is over', async () => {
      expect((await api.get('/probe/short')).status).toBe(200);
      expect((await api.get('/probe/short')).status).toBe(429);
      // A one-second window: move its end into the past instead of waiting for it.
      await db.collection('rate_limits').updateMany({}, { $set: { endsAt: new Date(Date.now() - 1) } });
      expect((await api.get('/probe/short')).status).toBe(200);
    });
  });

  describe('audit log', () => {
    const entriesFor = async (query: string): Promise<AuditEvent[]> => {
      const res = await api.get<{ items: AuditEvent[] }>(`/audit-events?${query}`, undefined, await auth.headers(auditor));
      expect(res.status).toBe(200);
      return res.body.items;
    };

    it('records every state change with who, which roles, what, which object, the outcome and the correlation id', async () => {
      const correlationId = `corr-${randomUUID()}`;
      const res = await api.post<{ id: string }>('/probe/notes', { note: '现场核查' }, { ...(await auth.headers(handler)), 'x-correlation-id': correlationId });
      expect(res.status).toBe(200);
      const [entry, ...more] = await entriesFor(`objectId=${res.body.id}`);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        service: 'funds',
        actor: { subject: 'handler-07', roles: ['unit_handler'] },
        action: 'POST /probe/notes',
        objectType: 'probe',
        objectId: res.body.id,
        outcome: 'success',
        status: 200,
        method: 'POST',
        path: '/probe/notes',
        correlationId,
      });
    });

    it('records a refused state change as a failure with its status, under the declared action', async () => {
      const id = randomUUID();
      expect((await api.post(`/probe/notes/${id}/refusal`, {}, await auth.headers(handler))).status).toBe(409);
      expect(await entriesFor(`objectId=${id}`)).toEqual([
        expect.objectContaining({ action: 'note.refuse', objectType: 'note', outcome: 'failure', status: 409 }),
      ]);
    });

    it('records a read only where the endpoint declares it audited', async () => {
      const declared = randomUUID();
      const plain = randomUUID();
      expect((await api.get(`/probe/notes/${declared}`, undefined, await auth.headers(handler))).status).toBe(200);
      expect((await api.get(`/probe/plain/${plain}`, undefined, await auth.headers(handler))).status).toBe(200);
      expect(await entriesFor(`objectId=${declared}`)).toEqual([expect.objectContaining({ action: 'note.read_personal_data', outcome: 'success' })]);
      expect(await db.collection('audit_events').countDocuments({ path: `/probe/plain/${plain}` })).toBe(0);
    });

    it('finds entries by actor and action, newest first', async () => {
      const items = await entriesFor('actor=handler-07&action=note.read_personal_data');
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((e) => e.actor.subject === 'handler-07' && e.action === 'note.read_personal_data')).toBe(true);
      const all = await entriesFor('actor=handler-07');
      const times = all.map((e) => new Date(e.at).getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('records a request refused before its handler (no permission) too', async () => {
      const id = randomUUID();
      const res = await api.post(`/probe/notes/${id}/refusal`, {}, await auth.headers({ sub: 'responder-x', roles: ['responder_unit'] }));
      expect(res.status).toBe(403);
      // Written by the response hook, after the answer left.
      const refused = { path: `/probe/notes/${id}/refusal` };
      await waitFor(async () => (await db.collection('audit_events').countDocuments(refused)) > 0, { description: 'the refusal audited' });
      const entries = await db.collection('audit_events').find(refused).toArray();
      expect(entries).toEqual([expect.objectContaining({ actor: { subject: 'responder-x', roles: ['responder_unit'] }, outcome: 'failure', status: 403 })]);
    });
  });

  describe('scope filter', () => {
    interface Item {
      _id: string;
      unit: WorkUnit;
      body: string;
    }
    let items: Model<Item>;
    let connection: Connection;

    const principal = (over: Partial<Principal>): Principal => ({
      subject: 'someone',
      roles: [],
      units: [],
      bodies: [],
      permissions: new Set(),
      ...over,
    }) as Principal;
    const ids = async (filter: Record<string, unknown>) =>
      (await items.find(filter).sort({ _id: 1 }).lean().exec()).map((i) => i._id);
    const fields = { units: 'unit', bodies: 'body' };

    beforeAll(async () => {
      connection = await mongoose.createConnection(ns.mongoUrl, { dbName: ns.dbName('scope') }).asPromise();
      items = connection.model<Item>('ScopedItem', new Schema<Item>({ _id: String, unit: String, body: String }, { collection: 'scoped_items' }));
      // The collection exists before the first write (docs/architecture.md, the store rules).
      await items.init();
      await items.insertMany([
        { _id: 'a', unit: 'LABOUR', body: 'dept:hrss' },
        { _id: 'b', unit: 'LABOUR', body: 'area:HX' },
        { _id: 'c', unit: 'URBAN_ENV', body: 'area:HX' },
        { _id: 'd', unit: 'HOTLINE', body: 'dept:justice' },
      ]);
    });

    afterAll(async () => {
      await connection.close();
    });

    it('restricts nothing for a centre-wide role', async () => {
      expect(await ids(scopedFilter({}, principal({ roles: ['dispatcher'] }), fields))).toEqual(['a', 'b', 'c', 'd']);
    });

    it('lets unit staff see their units, a liaison its bodies, and someone with both either', async () => {
      expect(await ids(scopedFilter({}, principal({ roles: ['unit_handler'], units: ['LABOUR'] }), fields))).toEqual(['a', 'b']);
      expect(await ids(scopedFilter({}, principal({ roles: ['responsible_body_liaison'], bodies: ['area:HX'] }), fields))).toEqual(['b', 'c']);
      const both = principal({ roles: ['unit_handler', 'responsible_body_liaison'], units: ['HOTLINE'], bodies: ['area:HX'] });
      expect(await ids(scopedFilter({}, both, fields))).toEqual(['b', 'c', 'd']);
    });

    it('matches nothing for a scoped role with nothing assigned, or with only a scope the collection has no field for', async () => {
      expect(await ids(scopedFilter({}, principal({ roles: ['unit_handler'] }), fields))).toEqual([]);
      expect(await ids(scopedFilter({}, principal({ roles: ['responsible_body_liaison'], bodies: ['area:HX'] }), { units: 'unit' }))).toEqual([]);
    });

    it('is AND-ed with the caller’s filter, so a request parameter can narrow the scope but never widen it', async () => {
      const labour = principal({ roles: ['unit_handler'], units: ['LABOUR'] });
      expect(await ids(scopedFilter({ body: 'area:HX' }, labour, fields))).toEqual(['b']);
      expect(await ids(scopedFilter({ unit: 'URBAN_ENV' }, labour, fields))).toEqual([]);
      expect(await ids(scopedFilter({ $or: [{ unit: 'URBAN_ENV' }, { unit: 'HOTLINE' }] }, labour, fields))).toEqual([]);
    });
  });
});
