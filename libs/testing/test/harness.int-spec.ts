import { join } from 'node:path';
import { jetstreamManager, jetstream, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import mongoose, { Connection } from 'mongoose';
import {
  createTestNamespace,
  findPersonalData,
  freePort,
  http,
  TEST_MONGO_URL_ENV,
  TEST_NATS_URL_ENV,
  testInfrastructureUrls,
  waitFor,
} from '../src';
import { startNodeProcess } from '../src/service-process';

const fixture = join(__dirname, 'fixtures', 'ready-server.mjs');

describe('test infrastructure from the global setup', () => {
  let nc: NatsConnection;
  let conn: Connection;

  beforeAll(async () => {
    const { mongoUrl, natsUrl } = testInfrastructureUrls();
    nc = await connect({ servers: natsUrl });
    conn = await mongoose.createConnection(mongoUrl).asPromise();
  });

  afterAll(async () => {
    await nc?.close();
    await conn?.close();
  });

  it('publishes the server URLs to the test process through the environment', () => {
    expect(process.env[TEST_MONGO_URL_ENV]).toMatch(/^mongodb:\/\//);
    expect(process.env[TEST_NATS_URL_ENV]).toMatch(/^nats:\/\//);
  });

  it('gives a MongoDB-wire server that stores and returns documents', async () => {
    const ns = createTestNamespace('mongo write');
    try {
      const db = conn.useDb(ns.dbName('intake'));
      const Petition = db.model('Petition', new mongoose.Schema({ number: String, status: String }));
      // The collection exists before the first write, as in the services (prepareCollections).
      await Petition.init();
      await Petition.create({ number: 'P-2024-0001', status: 'accepted' });

      const found = await Petition.findOne({ number: 'P-2024-0001' }).lean();

      expect(found?.status).toBe('accepted');
    } finally {
      await ns.cleanup();
    }
  });

  it('gives a NATS server with JetStream', async () => {
    const ns = createTestNamespace('jetstream');
    try {
      const jsm = await jetstreamManager(nc);
      const stream = `${ns.streamPrefix}INTAKE`;
      await jsm.streams.add({
        name: stream,
        subjects: [`${ns.busPrefix}.intake.>`],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
      });
      const ack = await jetstream(nc).publish(`${ns.busPrefix}.intake.petition.accepted.v1`, '{"id":"p-1"}', {
        msgID: 'p-1',
      });

      expect(ack.stream).toBe(stream);
      expect(ack.seq).toBe(1);
    } finally {
      await ns.cleanup();
    }
  });
});

describe('createTestNamespace', () => {
  it('never gives two namespaces the same names', () => {
    const namespaces = Array.from({ length: 50 }, () => createTestNamespace('uniqueness'));

    expect(new Set(namespaces.map((ns) => ns.busPrefix)).size).toBe(50);
    expect(new Set(namespaces.map((ns) => ns.streamPrefix)).size).toBe(50);
    expect(new Set(namespaces.map((ns) => ns.dbName('intake'))).size).toBe(50);
  });

  it('hands out bus prefixes that are valid NATS tokens and stream prefixes derived from them', () => {
    const ns = createTestNamespace();

    expect(ns.busPrefix).toMatch(/^t[0-9a-f]{8}$/);
    expect(ns.streamPrefix).toBe(`${ns.busPrefix.toUpperCase()}_`);
    expect(ns.dbName('routing')).toMatch(/^[a-z0-9_]{1,38}$/);
  });

  it('cleanup drops its databases and streams and leaves other namespaces alone', async () => {
    const mine = createTestNamespace('mine');
    const other = createTestNamespace('other');
    const { mongoUrl, natsUrl } = testInfrastructureUrls();
    const conn = await mongoose.createConnection(mongoUrl).asPromise();
    const nc = await connect({ servers: natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      for (const ns of [mine, other]) {
        await conn.useDb(ns.dbName('funds')).collection('ledger_entries').insertOne({ amount: 100 });
        await jsm.streams.add({ name: `${ns.streamPrefix}FUNDS`, subjects: [`${ns.busPrefix}.funds.>`] });
      }

      await mine.cleanup();
      await mine.cleanup();

      const listing = await conn.getClient().db('admin').admin().listDatabases({ nameOnly: true });
      const databases = listing.databases.map((d) => d.name);
      const streams: string[] = [];
      for await (const name of jsm.streams.names()) streams.push(name);
      expect(databases).not.toContain(mine.dbName('funds'));
      expect(databases).toContain(other.dbName('funds'));
      expect(streams).not.toContain(`${mine.streamPrefix}FUNDS`);
      expect(streams).toContain(`${other.streamPrefix}FUNDS`);
    } finally {
      await other.cleanup();
      await nc.close();
      await conn.close();
    }
  });
});

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;

    const value = await waitFor(async () => (++calls >= 3 ? { calls } : undefined), {
      description: 'the third call',
      intervalMs: 10,
    });

    expect(value).toEqual({ calls: 3 });
  });

  it('times out with its description and the last error', async () => {
    await expect(
      waitFor(
        async () => {
          throw new Error('case not routed yet');
        },
        { description: 'the case to reach the responsible body', timeoutMs: 300, intervalMs: 20 },
      ),
    ).rejects.toThrow(/waiting for the case to reach the responsible body; last error: case not routed yet/);
  });

  it('does not wait past its timeout for a probe that hangs', async () => {
    const started = Date.now();

    await expect(
      waitFor(() => new Promise<boolean>(() => undefined), { description: 'a hanging probe', timeoutMs: 200 }),
    ).rejects.toThrow(/a hanging probe/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('service processes', () => {
  it('starts a process, waits for /ready, captures its logs and stops it gracefully', async () => {
    const svc = await startNodeProcess({
      name: 'fixture',
      entry: fixture,
      env: { FIXTURE_SECRET: '110101199003074514' },
    });
    try {
      const api = http(svc.baseUrl);
      const reply = await api.post<{ method: string; body: unknown }>('/petitions', { title: 'noise' });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(expect.objectContaining({ method: 'POST', body: { title: 'noise' } }));
      expect(reply.headers['content-type']).toContain('application/json');
      expect(findPersonalData(svc.logs(), ['110101199003074514'])).toEqual([
        'handling applicant 110101199003074514',
      ]);
    } finally {
      expect(await svc.stop()).toBe(0);
    }
    expect(svc.logs()).toContain('fixture: SIGTERM, closing');
  });

  it('kills and restarts on the same port', async () => {
    const port = await freePort();
    const svc = await startNodeProcess({ name: 'fixture', entry: fixture, env: {}, port });
    try {
      const before = (await http(svc.baseUrl).get<{ pid: number }>('/whoami')).body.pid;

      await svc.kill();
      await expect(fetch(`${svc.baseUrl}/ready`)).rejects.toThrow();
      await svc.restart();

      const after = (await http(svc.baseUrl).get<{ pid: number }>('/whoami')).body.pid;
      expect(svc.port).toBe(port);
      expect(after).not.toBe(before);
    } finally {
      await svc.stop();
    }
  });

  it('reports an early exit with the last log lines', async () => {
    await expect(
      startNodeProcess({ name: 'fixture', entry: fixture, env: { FIXTURE_MODE: 'crash' } }),
    ).rejects.toThrow(/fixture exited before it was ready \(code 3[\s\S]*configuration invalid, exiting/);
  });

  it('gives up when /ready never answers 200', async () => {
    await expect(
      startNodeProcess({ name: 'fixture', entry: fixture, env: { FIXTURE_MODE: 'never-ready' }, readyTimeoutMs: 1_000 }),
    ).rejects.toThrow(/fixture was not ready within 1 s \(GET .*\/ready: status 503\)/);
  });
});
