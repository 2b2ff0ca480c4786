import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { startInProcess, type HttpClient, type InProcessService } from '@pdmc/testing';
import { loadConfig } from '@pdmc/platform';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { aPerson, aPetitionBody, piiEnv } from './support';


/** Given a registered pension complaint, as a clerk would enter it at the front desk. */
const aPetition = aPetitionBody;

describe('intake: registering petitions (real MongoDB-wire server and NATS)', () => {
  const keys = piiEnv();
  let it_: InProcessService;
  let api: HttpClient;
  let nc: NatsConnection;
  let ns: InProcessService['ns'];
  let service: InProcessService['service'];
  let logLines: string[];

  beforeAll(async () => {
    it_ = await startInProcess({
      label: 'intake',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: { ...keys, BODY_LIMIT_BYTES: '65536' },
    });
    ({ ns, service, logs: logLines } = it_);
    api = await it_.as({ roles: ['intake_clerk'] });
    nc = await connect({ servers: ns.natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await it_?.close();
  });

  async function storedCount(): Promise<number> {
    const res = await api.get<{ total: number }>('/petitions?pageSize=1');
    return res.status === 200 ? (res.body as { total: number }).total : -1;
  }

  async function eventsInStream(): Promise<Array<{ subject: string; data: Record<string, unknown>; msgId?: string }>> {
    const js = jetstream(nc);
    const consumer = await js.consumers.get(`${ns.streamPrefix}INTAKE`);
    const out: Array<{ subject: string; data: Record<string, unknown>; msgId?: string }> = [];
    const info = await (await js.jetstreamManager()).streams.info(`${ns.streamPrefix}INTAKE`);
    if (info.state.messages === 0) return out;
    const batch = await consumer.fetch({ max_messages: info.state.messages, expires: 2000 });
    for await (const m of batch) {
      out.push({ subject: m.subject, data: m.json(), msgId: m.headers?.get('Nats-Msg-Id') });
      if (out.length === info.state.messages) break;
    }
    return out;
  }

  it('registers a petition with a case number and query code, and emits it once for routing', async () => {
    const res = await api.post<Record<string, unknown>>('/petitions', aPetition(), { 'x-correlation-id': 'corr-intake-0001' });
    expect(res.status).toBe(201);
    expect(res.headers['x-correlation-id']).toBe('corr-intake-0001');
    const body = res.body as Record<string, unknown>;
    expect(body['caseNumber']).toMatch(new RegExp(`^220106-${new Date().getFullYear()}-\\d{6}$`));
    expect(body['queryCode']).toMatch(/^[A-Z2-9]{10}$/);
    expect(body['category']).toMatchObject({ id: 515, level1: '劳动和社会保障', level3: '退休金发放' });

    const fetched = await api.get(`/petitions/${body['id']}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ id: body['id'], caseNumber: body['caseNumber'] });

    let events: Awaited<ReturnType<typeof eventsInStream>> = [];
    for (let i = 0; i < 50 && events.length === 0; i++) {
      events = (await eventsInStream()).filter((e) => (e.data['payload'] as Record<string, unknown>)['petitionId'] === body['id']);
      if (!events.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.subject).toBe(`${ns.busPrefix}.intake.petition.registered.v1`);
    expect(event.data).toMatchObject({
      type: 'intake.petition.registered.v1',
      version: 1,
      producer: 'intake',
      correlationId: 'corr-intake-0001',
      payload: { petitionId: body['id'], caseNumber: body['caseNumber'], category: { id: 515 } },
    });
    expect(event.msgId).toBe(event.data['id']);
    // The event carries facts for routing, not the petition's free text.
    expect(JSON.stringify(event.data)).not.toContain('退休金未按时发放');
  });

  it('flags a visit of five or more people as collective', async () => {
    const res = await api.post<Record<string, unknown>>('/petitions', aPetition({ headcount: 5 }));
    expect(res.status).toBe(201);
    expect((res.body as { flags: { collective: boolean } }).flags.collective).toBe(true);
    const small = await api.post<Record<string, unknown>>('/petitions', aPetition({ headcount: 4 }));
    expect((small.body as { flags: { collective: boolean } }).flags.collective).toBe(false);
  });

  it('returns the same petition to a client retrying with the same Idempotency-Key', async () => {
    const key = `retry-${Date.now()}`;
    // A retry sends the same body (the same key with another body is refused: bad-input.int-spec.ts).
    const body = aPetition();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => api.post<{ id: string }>('/petitions', body, { 'idempotency-key': key })),
    );
    const ids = new Set(results.map((r) => (r.body as { id: string }).id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
  });

  it('numbers petitions without gaps or duplicates under concurrency, idempotent retries included', async () => {
    const key = `gapless-${Date.now()}`;
    const retried = aPetition({ categoryId: 450 });
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => api.post('/petitions', aPetition({ petitioners: [aPerson()], categoryId: 400 + i }))),
      ...Array.from({ length: 6 }, () => api.post('/petitions', retried, { 'idempotency-key': key })),
    ]);
    const numbers: string[] = [];
    for (let page = 1; ; page++) {
      const res = await api.get<{ items: Array<{ caseNumber: string }>; total: number }>(`/petitions?pageSize=100&page=${page}`);
      numbers.push(...res.body.items.map((p) => p.caseNumber));
      if (numbers.length >= res.body.total) break;
    }
    const year = new Date().getFullYear();
    const sequences = numbers.map((n) => {
      expect(n.startsWith(`220106-${year}-`)).toBe(true);
      return Number(n.slice(-6));
    });
    sequences.sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
  });

  it('numbers without gaps or duplicates when two instances register into one database at once', async () => {
    const second = await startInProcess({
      label: 'intake-second',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: { ...keys, MONGO_DB: ns.dbName('intake'), BUS_PREFIX: ns.busPrefix },
    });
    try {
      const desk2 = await second.as({ roles: ['intake_clerk'] });
      const created = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          (i % 2 ? desk2 : api).post<{ caseNumber: string }>('/petitions', aPetition({ petitioners: [aPerson()], categoryId: 300 + i })),
        ),
      );
      expect(created.map((r) => r.status)).toEqual(Array(16).fill(201));
      const all: string[] = [];
      for (let page = 1; ; page++) {
        const res = await api.get<{ items: Array<{ caseNumber: string }>; total: number }>(`/petitions?pageSize=100&page=${page}`);
        all.push(...res.body.items.map((p) => p.caseNumber));
        if (all.length >= res.body.total) break;
      }
      const sequences = all.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    } finally {
      await second.close();
    }
  });

  describe('bad input: 400 naming the field and rule, nothing stored', () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['unknown field', aPetition({ isAdmin: true }), 'isAdmin', 'whitelistValidation'],
      ['unknown category', aPetition({ categoryId: 9999 }), 'categoryId', 'knownCategory'],
      ['unknown town', aPetition({ townCode: 'NOPE' }), 'townCode', 'knownTown'],
      ['future date', aPetition({ receivedAt: new Date(Date.now() + 86_400_000).toISOString() }), 'receivedAt', 'notInFuture'],
      ['empty subject', aPetition({ subject: '' }), 'subject', 'isNotEmpty'],
      ['oversized description', aPetition({ description: '字'.repeat(10_001) }), 'description', 'maxLength'],
      ['bad channel', aPetition({ channel: 'pigeon' }), 'channel', 'isIn'],
      ['operator injection', aPetition({ townCode: { $ne: 'x' } }), 'townCode', 'isString'],
      ['a time without offset', aPetition({ receivedAt: '2026-11-27T09:30:00' }), 'receivedAt', 'matches'],
      ['a subject of spaces only', aPetition({ subject: '   ' }), 'subject', 'isNotEmpty'],
    ];
    it.each(cases)('%s', async (_name, body, field, rule) => {
      const before = await storedCount();
      const res = await api.post<Record<string, unknown>>('/petitions', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect((res.body as { details: Array<{ field: string; rule: string }> }).details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, rule })]),
      );
      expect(await storedCount()).toBe(before);
    });

    it('malformed JSON is a 400, not a 500', async () => {
      const res = await fetch(`${service.url}/petitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await it_.auth.token({ roles: ['intake_clerk'] })}` },
        body: '{"channel": "visit",',
      });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body).toMatchObject({ code: 'MALFORMED_JSON' });
    });

    it('a body over the size limit is refused with 413', async () => {
      const res = await api.post('/petitions', aPetition({ description: 'x'.repeat(70_000) }));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });

    it('an unknown route answers 404 JSON', async () => {
      const res = await api.get('/nowhere');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });

    it('an unknown petition answers 404 with a stable code', async () => {
      const res = await api.get('/petitions/5b0e0d3a-1c1e-4b8e-9d44-2f1a8f7f0b11');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'INTAKE.PETITION_NOT_FOUND' });
    });
  });

  it('answers health, readiness and the OpenAPI document', async () => {
    expect((await api.get('/health')).body).toMatchObject({ status: 'ok', service: 'intake' });
    expect((await api.get('/ready')).body).toMatchObject({ status: 'ready', checks: { mongodb: 'up', nats: 'up' } });
    const docs = await api.get<{ paths: Record<string, unknown> }>('/docs/json');
    expect(Object.keys((docs.body as { paths: Record<string, unknown> }).paths)).toEqual(
      expect.arrayContaining(['/petitions', '/petitions/{id}', '/health', '/ready']),
    );
  });

  it('writes JSON logs that carry the correlation id', async () => {
    await api.get('/petitions?townCode=HX', undefined, { 'x-correlation-id': 'corr-log-check-1' });
    const parsed = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.every((l) => typeof l['level'] === 'string' && l['service'] === 'intake')).toBe(true);
    expect(parsed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'request', correlationId: 'corr-log-check-1', path: '/petitions', status: 200 }),
      ]),
    );
  });
});
