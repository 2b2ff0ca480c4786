#!/usr/bin/env node
// Dispatch latency: from sending POST /incidents to the dispatch arriving at a subscribed
// consumer, over NATS (a JetStream ordered consumer on the unit's feed, as a console follows it)
// and over SSE (GET /units/:unit/feed), at a steady rate; with the raw NATS request/reply round
// trip on the same server in the same run for comparison.
//   npm run bench:emergency -- [--rate 20] [--duration 10] [--warmup 2] [--no-build]
// It starts its own servers (the test harness: Docker, or nats-server + FerretDB) and the built
// emergency service as a process on a free port; it never touches `npm start`'s stack.
// See tools/bench/README.md.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { intOption, ROOT, sleep } from '../demo-data/lib/local.mjs';
import { machine, ms, summary } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    rate: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
  strict: true,
});
const rate = intOption(values, 'rate', 20, 1, 200);
const duration = intOption(values, 'duration', 10, 1, 300);
const warmup = intOption(values, 'warmup', 2, 0, 60);
const UNIT = 'HEALTH';

if (!values['no-build']) {
  const built = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'emergency', 'testing', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (built.status !== 0) throw new Error('build failed: npx nx run-many -t build -p emergency testing');
}
// The harness's parts one by one: its index also loads the Jest-only security suite.
const require = createRequire(import.meta.url);
const { startInfrastructure } = require('@pdmc/testing/dist/infrastructure');
const { createTestNamespace } = require('@pdmc/testing/dist/namespace');
const { createTestAuth } = require('@pdmc/testing/dist/auth');
const { startServiceProcess } = require('@pdmc/testing/dist/service-process');

const where = await machine();
const infrastructure = await startInfrastructure();
// The namespace helpers read the servers' addresses where the Jest global setup puts them.
process.env.PDMC_TEST_MONGO_URL = infrastructure.mongoUrl;
process.env.PDMC_TEST_NATS_URL = infrastructure.natsUrl;
const ns = createTestNamespace('bench');
const auth = await createTestAuth();
const cleanups = [];
const cleanup = async () => {
  for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  const service = await startServiceProcess({
    service: 'emergency',
    env: {
      MONGO_URL: infrastructure.mongoUrl,
      MONGO_DB: ns.dbName('emergency'),
      NATS_URL: infrastructure.natsUrl,
      BUS_PREFIX: ns.busPrefix,
      LOG_LEVEL: 'warn',
      ...auth.env,
      ...(process.env.BENCH_SERVICE_ENV ? JSON.parse(process.env.BENCH_SERVICE_ENV) : {}),
    },
  });
  cleanups.push(() => service.stop());
  cleanups.push(() => ns.cleanup());
  cleanups.push(() => infrastructure.stop());
  const officer = await auth.token({ sub: 'bench-duty', roles: ['emergency_duty_officer'] });
  const desk = await auth.token({ sub: 'bench-desk', roles: ['responder_unit'], responderUnit: UNIT });

  // t0 per incident, by the marker in its description (the feed's `summary` carries it).
  const sent = new Map();
  const arrived = { nats: new Map(), sse: new Map() };
  const markerOf = (summary) => /bench#(\d+)/.exec(summary ?? '')?.[1];
  const record = (channel, payload) => {
    const marker = markerOf(payload?.summary);
    if (marker !== undefined && payload.kind === 'dispatched' && !arrived[channel].has(marker)) arrived[channel].set(marker, performance.now());
  };

  // NATS consumer: an ordered consumer on the unit's feed, from the stream's end.
  const nc = await connect({ servers: infrastructure.natsUrl, name: 'bench-emergency' });
  cleanups.push(() => nc.drain());
  const stream = `${ns.busPrefix.toUpperCase()}_EMERGENCY`;
  const { state } = await (await jetstreamManager(nc)).streams.info(stream);
  const consumer = await jetstream(nc).consumers.get(stream, {
    filter_subjects: `${ns.busPrefix}.emergency.dispatch.${UNIT}.>`,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: state.last_seq + 1,
  });
  const messages = await consumer.consume();
  cleanups.push(() => messages.close());
  void (async () => {
    for await (const m of messages) record('nats', m.json().payload);
  })();

  // SSE consumer.
  const abort = new AbortController();
  cleanups.push(async () => abort.abort());
  const sse = await fetch(`${service.baseUrl}/units/${UNIT}/feed`, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${desk}` },
    signal: abort.signal,
  });
  if (sse.status !== 200) throw new Error(`SSE feed answered ${sse.status}`);
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of sse.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) record('sse', JSON.parse(data.slice(6)).payload);
        }
      }
    } catch {
      // aborted at the end
    }
  })();

  // Raw NATS round trip on the same server: an echo on a second connection.
  const echo = await connect({ servers: infrastructure.natsUrl, name: 'bench-echo' });
  cleanups.push(() => echo.drain());
  const echoSubject = `${ns.busPrefix}.bench.echo`;
  echo.subscribe(echoSubject, { callback: (_err, msg) => msg.respond(msg.data) });
  await echo.flush();
  const roundTrips = [];
  const answered = [];

  const errors = new Map();
  const problem = (k) => errors.set(k, (errors.get(k) ?? 0) + 1);
  const report = async (i, measured) => {
    const marker = String(i);
    const t0 = performance.now();
    if (measured) sent.set(marker, t0);
    try {
      const res = await fetch(`${service.baseUrl}/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
        body: JSON.stringify({
          type: 'medical_emergency',
          severity: 'low',
          place: '接待大厅',
          peopleCount: 1,
          description: `【压测】bench#${marker} 来访人身体不适`,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status !== 201) problem(`report ${res.status}`);
      await res.arrayBuffer();
      if (measured) answered.push(performance.now() - t0);
    } catch (error) {
      problem(`report ${error.name}`);
    }
  };
  const rtt = async () => {
    const t0 = performance.now();
    try {
      await nc.request(echoSubject, 'x', { timeout: 5000 });
      roundTrips.push(performance.now() - t0);
    } catch {
      problem('nats round trip');
    }
  };

  // Steady rate: one report every 1000/rate ms, whatever the answers take (open loop).
  const total = (warmup + duration) * rate;
  const interval = 1000 / rate;
  const started = performance.now();
  const inflight = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const measured = i >= warmup * rate;
    inflight.push(report(i, measured));
    if (measured) inflight.push(rtt());
  }
  await Promise.all(inflight);
  const deadline = performance.now() + 15_000;
  while (performance.now() < deadline && (arrived.nats.size < total || arrived.sse.size < total)) await sleep(50);

  const latencies = (channel) => [...sent].filter(([k]) => arrived[channel].has(k)).map(([k, t0]) => arrived[channel].get(k) - t0);
  const rows = [
    ['report → dispatch at a NATS consumer', summary(latencies('nats'))],
    ['report → dispatch at an SSE consumer', summary(latencies('sse'))],
    ['report request answered (201)', summary(answered)],
    ['raw NATS request/reply round trip', summary(roundTrips)],
  ];
  const lost = (channel) => [...sent.keys()].filter((k) => !arrived[channel].has(k)).length;
  process.stdout.write(
    [
      `bench:emergency — ${rate} incidents/s for ${duration} s (after ${warmup} s warm-up), unit ${UNIT}, infrastructure ${infrastructure.source}`,
      where,
      '',
      '| path | n | p50 | p95 | p99 | max |',
      '|---|--:|--:|--:|--:|--:|',
      ...rows.map(([name, s]) => `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`),
      '',
      `not arrived within 15 s: NATS ${lost('nats')}, SSE ${lost('sse')}; errors: ${errors.size ? [...errors].map(([k, v]) => `${k} ×${v}`).join(', ') : 'none'}`,
      '',
    ].join('\n'),
  );
} finally {
  await cleanup();
  auth.cleanup();
}
