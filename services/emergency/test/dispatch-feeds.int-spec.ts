import { randomUUID } from 'node:crypto';
import { DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { dispatchFeedFilter, responderReportSubject, type ResponderUnit } from '@pdmc/contracts';
import { loadConfig, type RunningService } from '@pdmc/platform';
import { startInProcess, waitFor, type HttpClient, type InProcessService } from '@pdmc/testing';
import { startEmergency } from '../src/app';
import { EmergencyConfig } from '../src/config/emergency.config';
import { openSse, type SseConnection } from './support/sse-client';

interface FeedEntry {
  id: number;
  kind: string;
  incidentId: string;
}

/** A medical emergency calls the health bureau alone; a high disorder the police and others. */
const medical = { type: 'medical_emergency', severity: 'low', place: '二楼调解室', peopleCount: 1, description: '来访老人晕倒。' };

describe('emergency: dispatch feeds that consumers resume without loss or duplicates, also across a restart (real servers)', () => {
  let emergency: InProcessService;
  let running: RunningService;
  let env: Record<string, string>;
  let logs: import('pino').DestinationStream;
  let officer: HttpClient;
  let nc: NatsConnection;

  beforeAll(async () => {
    emergency = await startInProcess({
      label: 'feeds',
      start: async (e, l) => {
        env = e;
        logs = l;
        running = await startEmergency(loadConfig(EmergencyConfig, e), l);
        // Delegates to whichever instance runs now, so the harness's clients follow a restart.
        return {
          get url() {
            return running.url;
          },
          close: () => running.close(),
        };
      },
    });
    officer = await emergency.as({ roles: ['emergency_duty_officer'] });
    nc = await connect({ servers: emergency.ns.natsUrl });
  });

  afterAll(async () => {
    await nc?.drain();
    await emergency?.close();
  });

  /** Closes the service and starts it again on the same database and stream. */
  const restart = async () => {
    const port = new URL(running.url).port;
    await running.close();
    running = await startEmergency(loadConfig(EmergencyConfig, { ...env, HTTP_PORT: port }), logs);
  };

  const reportMedical = async () => {
    const res = await officer.post<{ id: string }>('/incidents', medical);
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const acknowledge = async (incidentId: string, unit: ResponderUnit = 'HEALTH') =>
    expect((await officer.post(`/incidents/${incidentId}/dispatches/${unit}/status`, { status: 'acknowledged' })).status).toBe(200);

  /** The unit's whole feed as kept in the stream, read as a JSON page. */
  const feedOf = async (unit: ResponderUnit, lastEventId?: number): Promise<FeedEntry[]> => {
    const res = await officer.get<{ items: Array<{ id: string; event: string; data: { payload: { incidentId: string } } }> }>(
      `/units/${unit}/feed${lastEventId ? `?lastEventId=${lastEventId}` : ''}`,
    );
    expect(res.status).toBe(200);
    return res.body.items.map((i) => ({ id: Number(i.id), kind: i.event, incidentId: i.data.payload.incidentId }));
  };

  const sseEntries = (conn: SseConnection): FeedEntry[] =>
    conn.events
      .filter((e) => e.event !== 'reset')
      .map((e) => ({ id: Number(e.id), kind: e.event, incidentId: (JSON.parse(e.data) as { payload: { incidentId: string } }).payload.incidentId }));

  const openFeed = async (unit: ResponderUnit, lastEventId?: number) => {
    const conn = await openSse(`${running.url}/units/${unit}/feed`, await emergency.auth.headers({ roles: ['responder_unit'], responderUnit: unit }), lastEventId?.toString());
    expect(conn.status).toBe(200);
    return conn;
  };

  /** A NATS consumer of the unit's feed from after `lastEventId`, as a responder console runs it. */
  const natsFeed = async (unit: ResponderUnit, lastEventId: number) => {
    const js = jetstream(nc);
    const consumer = await js.consumers.get(`${emergency.ns.streamPrefix}EMERGENCY`, {
      filter_subjects: `${emergency.ns.busPrefix}.${dispatchFeedFilter(unit)}`,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: lastEventId + 1,
    });
    const received: FeedEntry[] = [];
    const messages: ConsumerMessages = await consumer.consume();
    void (async () => {
      for await (const m of messages) {
        const kind = m.subject.split('.').slice(-2)[0];
        received.push({ id: m.seq, kind, incidentId: (m.json() as { payload: { incidentId: string } }).payload.incidentId });
      }
    })();
    return { received, close: () => messages.close() };
  };

  it('resumes an SSE consumer from its last id with what it missed, in order and once, also after the service restarted', async () => {
    const first = await openFeed('HEALTH');
    const a = await reportMedical();
    await waitFor(() => sseEntries(first).some((e) => e.incidentId === a), { description: 'the first dispatch on the feed' });
    const lastSeen = sseEntries(first).at(-1)!.id;
    first.close();

    // Missed while disconnected: two dispatches and an acknowledgement.
    const b = await reportMedical();
    const c = await reportMedical();
    await acknowledge(a);
    const missed = await waitFor(
      async () => {
        const entries = await feedOf('HEALTH', lastSeen);
        return entries.length >= 3 ? entries : undefined;
      },
      { description: 'three messages kept after the last one seen' },
    );
    expect(missed.map((e) => [e.incidentId, e.kind])).toEqual([
      [b, 'dispatched'],
      [c, 'dispatched'],
      [a, 'acknowledged'],
    ]);

    const second = await openFeed('HEALTH', lastSeen);
    await waitFor(() => sseEntries(second).length >= 3, { description: 'the missed messages' });
    const d = await reportMedical();
    await waitFor(() => sseEntries(second).some((e) => e.incidentId === d), { description: 'a live message after the catch-up' });
    expect(sseEntries(second)).toEqual([...missed, ...(await feedOf('HEALTH', missed.at(-1)!.id))]);
    const beforeRestart = sseEntries(second).at(-1)!.id;
    second.close();

    // One missed before the restart, one after it.
    const e = await reportMedical();
    await waitFor(async () => (await feedOf('HEALTH', beforeRestart)).length === 1, { description: 'the message before the restart kept' });
    await restart();
    const f = await reportMedical();

    const third = await openFeed('HEALTH', beforeRestart);
    await waitFor(() => sseEntries(third).length >= 2, { description: 'the messages across the restart' });
    expect(sseEntries(third).map((x) => [x.incidentId, x.kind])).toEqual([
      [e, 'dispatched'],
      [f, 'dispatched'],
    ]);
    const ids = sseEntries(third).map((x) => x.id);
    expect(ids[0]).toBeGreaterThan(beforeRestart);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    third.close();
  });

  it('resumes a NATS consumer from its last id without loss or duplicates, also after the service restarted', async () => {
    const start = (await feedOf('POLICE')).at(-1)?.id ?? 0;
    const high = { ...medical, type: 'disorder', severity: 'high' };
    const report = async () => (await officer.post<{ id: string }>('/incidents', high)).body.id;

    const first = await natsFeed('POLICE', start);
    const a = await report();
    await waitFor(() => first.received.some((x) => x.incidentId === a), { description: 'the dispatch over NATS' });
    const lastSeen = first.received.at(-1)!.id;
    await first.close();

    const b = await report();
    await acknowledge(a, 'POLICE');
    await restart();
    const c = await report();

    const second = await natsFeed('POLICE', lastSeen);
    await waitFor(() => second.received.length >= 3, { description: 'the missed messages over NATS' });
    expect(second.received.map((x) => [x.incidentId, x.kind])).toEqual([
      [b, 'dispatched'],
      [a, 'acknowledged'],
      [c, 'dispatched'],
    ]);
    expect(second.received).toEqual(await feedOf('POLICE', lastSeen));
    await second.close();
  });

  it('answers a last id the feed never gave with a documented reset and the feed from its start; a malformed one with 400', async () => {
    const reset = await openFeed('HEALTH', 99_999_999);
    await waitFor(() => reset.events.length >= 2, { description: 'the reset and the replay' });
    expect(reset.events[0]).toMatchObject({ event: 'reset' });
    expect(JSON.parse(reset.events[0].data)).toEqual({ reason: 'unknown-last-event-id', lastEventId: 99_999_999, restartFrom: 'start' });
    const all = await feedOf('HEALTH');
    await waitFor(() => sseEntries(reset).length >= all.length, { description: 'the whole feed replayed' });
    expect(sseEntries(reset)).toEqual(all);
    reset.close();

    const page = await officer.get<{ reset: unknown; items: unknown[] }>('/units/HEALTH/feed?lastEventId=99999999');
    expect(page.body.reset).toMatchObject({ reason: 'unknown-last-event-id' });
    expect(page.body.items).toHaveLength(all.length);

    const bad = await openSse(`${running.url}/units/HEALTH/feed`, await emergency.auth.headers({ roles: ['emergency_duty_officer'] }), 'abc');
    expect(bad.status).toBe(400);
  });

  it('lets a unit report its progress over NATS request/reply, refused like over HTTP', async () => {
    const id = await reportMedical();
    const request = async (unit: ResponderUnit, body: unknown) =>
      (await nc.request(`${emergency.ns.busPrefix}.${responderReportSubject(unit)}`, JSON.stringify(body), { timeout: 5000 })).json<{
        ok: boolean;
        data?: unknown;
        error?: { code: string };
      }>();

    expect(await request('HEALTH', { incidentId: id, status: 'acknowledged', note: '医护人员已出发' })).toEqual({
      ok: true,
      data: { incidentId: id, unit: 'HEALTH', status: 'acknowledged' },
    });
    expect(await request('HEALTH', { incidentId: id, status: 'cleared' })).toMatchObject({ ok: false, error: { code: 'EMERGENCY.DISPATCH_OUT_OF_ORDER' } });
    expect(await request('POLICE', { incidentId: id, status: 'acknowledged' })).toMatchObject({ ok: false, error: { code: 'EMERGENCY.DISPATCH_NOT_FOUND' } });
    expect(await request('HEALTH', { incidentId: randomUUID(), status: 'acknowledged' })).toMatchObject({
      ok: false,
      error: { code: 'EMERGENCY.INCIDENT_NOT_FOUND' },
    });
    expect(await request('HEALTH', { incidentId: id, status: 'arrived' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const timeline = await officer.get<{ entries: Array<{ action: string; by: string; note?: string }> }>(`/incidents/${id}/timeline`);
    expect(timeline.body.entries.map((e) => [e.action, e.by])).toEqual([
      ['reported', 'test-emergency_duty_officer'],
      ['dispatched', 'test-emergency_duty_officer'],
      ['acknowledged', 'unit:HEALTH'],
    ]);
  });
});
