#!/usr/bin/env node
// Registration throughput and latency of a running intake service (POST /petitions).
//   npm run bench:intake -- [--url http://127.0.0.1:3001] [--concurrency 8] [--duration 20]
//                           [--max-requests 20000] [--warmup 16] [--auth-dir .local-stack/secrets/auth]
// Each request registers a new realistic petition (tools/demo-data) under its own
// Idempotency-Key; subjects start with 【压测】 so the petitions can be told apart afterwards.
// See tools/bench/README.md.

import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createPetitionGenerator, loadReference } from '../demo-data/lib/petitions.mjs';
import { intOption, localIssuer, loopbackUrl, requestJson, ROOT } from '../demo-data/lib/local.mjs';
import { machine, ms, summary } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3001' },
    concurrency: { type: 'string' },
    duration: { type: 'string' },
    'max-requests': { type: 'string' },
    warmup: { type: 'string' },
    'auth-dir': { type: 'string', default: '.local-stack/secrets/auth' },
  },
  strict: true,
});

const url = loopbackUrl(values.url);
const concurrency = intOption(values, 'concurrency', 8, 1, 64);
const durationS = intOption(values, 'duration', 20, 1, 300);
const maxRequests = intOption(values, 'max-requests', 20_000, 1, 100_000);
const warmup = intOption(values, 'warmup', 16, 0, 1000);
const TIMEOUT_MS = 10_000;

const runId = randomUUID().slice(0, 8);
const { taxonomy, gazetteer } = loadReference(ROOT);
const generator = createPetitionGenerator({ seed: `bench-${runId}`, taxonomy, gazetteer });
const bodies = Array.from({ length: 500 }, () => {
  const { body } = generator.next();
  return { ...body, subject: `【压测】${body.subject}`.slice(0, 200) };
});
const issuer = await localIssuer(values['auth-dir']);
const token = await issuer.mint({ sub: 'bench-intake', roles: ['intake_clerk'] });
const where = await machine();

let sent = 0;
function register(n) {
  return requestJson('POST', `${url}/petitions`, {
    token,
    body: bodies[n % bodies.length],
    headers: { 'idempotency-key': `bench-${runId}-${n}`, 'x-correlation-id': `bench-${runId}-${n}` },
    timeoutMs: TIMEOUT_MS,
  });
}

// Warm-up: connections, JIT, caches; not counted.
for (let i = 0; i < warmup; i += concurrency) {
  await Promise.all(Array.from({ length: Math.min(concurrency, warmup - i) }, () => register(sent++)));
}

const latencies = [];
const outcomes = new Map();
const started = performance.now();
const deadline = started + durationS * 1000;
let measured = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline && measured < maxRequests) {
      measured++;
      const res = await register(sent++);
      latencies.push(res.ms);
      const k = res.status === 0 ? `network ${res.error}` : String(res.status);
      outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;

const ok = outcomes.get('201') ?? 0;
const errors = latencies.length - ok;
const s = summary(latencies);
const out = [
  `bench:intake  POST ${url}/petitions  run ${runId}`,
  `machine       ${where}`,
  `settings      concurrency ${concurrency}, duration ${durationS} s, max ${maxRequests} requests, warm-up ${warmup} (not counted)`,
  `requests      ${latencies.length} in ${elapsed.toFixed(1)} s (201: ${ok}, errors: ${errors}${errors ? ` = ${[...outcomes].filter(([k]) => k !== '201').map(([k, v]) => `${k}×${v}`).join(', ')}` : ''})`,
  `throughput    ${(latencies.length / elapsed).toFixed(1)} req/s (${(ok / elapsed).toFixed(1)} registrations/s)`,
  `latency       p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)}, mean ${ms(s.mean)}`,
  `left behind   ${sent} petitions with subjects starting 【压测】, Idempotency-Keys bench-${runId}-*`,
];
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = errors ? 1 : 0;
