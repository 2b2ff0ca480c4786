import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { dispatchFeedFilter, responderReportSubject } from '@pdmc/contracts';
import { renderNatsServerConfig, responderConsumerName, responderInboxPrefix, responderPermissionsFor } from '@pdmc/messaging';
import { loadConfig } from '@pdmc/platform';
import { startInProcess, waitFor, type InProcessService } from '@pdmc/testing';
import { startEmergency } from '../src/app';
import { EmergencyConfig } from '../src/config/emergency.config';
import { startNatsServer, type NatsServer } from './support/nats-server';
import { openSse } from './support/sse-client';

// The service and a responder desk on a nats-server with users: the service with exactly
// natsPermissionsFor('emergency') (its feeds read back from its stream, units' reports answered),
// the health bureau's desk with responderPermissionsFor('HEALTH'), as generate-config writes them.

const password = () => randomBytes(18).toString('base64url');

describe('emergency: NATS permissions of the service and of a responder desk (own nats-server with users)', () => {
  const prefix = `r${randomBytes(4).toString('hex')}`;
  const credentials = { emergency: password(), health: password() };
  let dir: string;
  let server: NatsServer;
  let emergency: InProcessService;
  let desk: NatsConnection;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdmc-responder-nats-'));
    server = await startNatsServer(
      dir,
      renderNatsServerConfig({
        port: -1,
        host: '127.0.0.1',
        storeDir: join(dir, 'js'),
        prefix,
        services: [{ service: 'emergency', user: 'emergency', password: credentials.emergency }],
        extraUsers: [{ user: 'responder-HEALTH', password: credentials.health, permissions: responderPermissionsFor('HEALTH', { prefix }) }],
      }),
    );
    emergency = await startInProcess({
      label: 'respperm',
      env: { NATS_URL: server.url, BUS_PREFIX: prefix, NATS_USER: 'emergency', NATS_PASSWORD: credentials.emergency },
      start: (env, logs) => startEmergency(loadConfig(EmergencyConfig, env), logs),
    });
    desk = await connect({ servers: server.url, user: 'responder-HEALTH', pass: credentials.health, inboxPrefix: responderInboxPrefix('HEALTH') });
  });

  afterAll(async () => {
    await desk?.drain().catch(() => undefined);
    await emergency?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lets the health desk follow its own feed and report progress, and the service serve its SSE feed', async () => {
    const officer = await emergency.as({ roles: ['emergency_duty_officer'] });
    const sse = await openSse(`${emergency.service.url}/units/HEALTH/feed`, await emergency.auth.headers({ roles: ['responder_unit'], responderUnit: 'HEALTH' }));
    expect(sse.status).toBe(200);

    const stream = `${prefix.toUpperCase()}_EMERGENCY`;
    const name = responderConsumerName('HEALTH');
    const jsm = await jetstreamManager(desk);
    const { state } = await jsm.streams.info(stream);
    await jsm.consumers.add(stream, {
      name,
      filter_subject: `${prefix}.${dispatchFeedFilter('HEALTH')}`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: state.last_seq + 1,
    });
    const messages = await (await jetstream(desk).consumers.get(stream, name)).consume();
    const received: Array<{ kind: string; incidentId: string }> = [];
    void (async () => {
      for await (const m of messages) {
        const { payload } = m.json<{ payload: { kind: string; incidentId: string } }>();
        received.push({ kind: payload.kind, incidentId: payload.incidentId });
        m.ack();
      }
    })();

    const incident = await officer.post<{ id: string }>('/incidents', {
      type: 'medical_emergency',
      severity: 'low',
      place: '接待大厅',
      peopleCount: 1,
      description: '来访人晕倒',
    });
    expect(incident.status).toBe(201);
    await waitFor(() => received.some((r) => r.incidentId === incident.body.id), { description: 'the dispatch at the desk' });
    await waitFor(() => sse.events.some((e) => e.data.includes(incident.body.id)), { description: 'the dispatch on SSE' });

    const reply = await desk.request(`${prefix}.${responderReportSubject('HEALTH')}`, JSON.stringify({ incidentId: incident.body.id, status: 'acknowledged' }), {
      timeout: 5000,
    });
    expect(reply.json()).toMatchObject({ ok: true, data: { status: 'acknowledged' } });
    await waitFor(() => received.some((r) => r.kind === 'acknowledged'), { description: 'the acknowledgement on the feed' });
    await messages.close();
    sse.close();
    expect(server.violations).toEqual([]);
  });

  it('refuses the health desk another unit’s feed and another unit’s reports', async () => {
    const stream = `${prefix.toUpperCase()}_EMERGENCY`;
    const jsm = await jetstreamManager(desk);
    await expect(
      jsm.consumers.add(stream, {
        name: responderConsumerName('HEALTH'),
        filter_subject: `${prefix}.${dispatchFeedFilter('POLICE')}`,
        ack_policy: AckPolicy.Explicit,
      }),
    ).rejects.toThrow();
    await expect(
      desk.request(`${prefix}.${responderReportSubject('POLICE')}`, JSON.stringify({}), { timeout: 1000 }),
    ).rejects.toThrow();
    await waitFor(() => server.violations.length >= 2, { description: 'two violations logged' });
    expect(server.violations.join('\n')).toContain('POLICE');
  });
});
