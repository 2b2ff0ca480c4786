#!/usr/bin/env node
// The local stack at a district's scale (issue #8): loads it with generated petitions through
// intake's own registration API until the store holds --petitions of them, then measures, in
// one run and on the same store:
//   - the raw store: insertOne/s (1 and 8 clients, default and journaled write concern) and the
//     hot look-ups as the services send them, each with the index `explain` reports;
//   - registration at a fixed rate (--rate, default 20/s): p50/p95/p99 and errors;
//   - registration at --burst-rate (default 100/s): what is sustained, and its latency;
//   - registration → accepted → routed → case in handling (--flow-count petitions).
//   npm run bench:scale -- --petitions 100000 [--rate 20] [--duration 30] [--burst-rate 100]
//        [--burst-duration 20] [--load-concurrency 16] [--flow-count 30]
//        [--mongo-url mongodb://127.0.0.1:27033/?retryWrites=false] [--intake-url …] [--handling-url …]
// Needs the local stack (`npm start`) running. See tools/bench/README.md.

import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { createPetitionGenerator, loadReference } from '../demo-data/lib/petitions.mjs';
import { fail, intOption, localIssuer, loopbackUrl, pool, requestJson, ROOT } from '../demo-data/lib/local.mjs';
import { machine, ms, summary } from './lib/stats.mjs';
import { registerToCase } from './lib/flow.mjs';

const require = createRequire(import.meta.url);
const { MongoClient } = require('mongodb');

const { values } = parseArgs({
  options: {
    petitions: { type: 'string', default: '100000' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    'burst-rate': { type: 'string' },
    'burst-duration': { type: 'string' },
    'load-concurrency': { type: 'string' },
    'flow-count': { type: 'string' },
    'mongo-url': { type: 'string', default: 'mongodb://127.0.0.1:27033/?retryWrites=false' },
    'intake-url': { type: 'string', default: 'http://127.0.0.1:3001' },
    'handling-url': { type: 'string', default: 'http://127.0.0.1:3003' },
    'auth-dir': { type: 'string', default: '.local-stack/secrets/auth' },
  },
  strict: true,
});

const target = intOption(values, 'petitions', 100_000, 0, 2_000_000);
const rate = intOption(values, 'rate', 20, 1, 1000);
const durationS = intOption(values, 'duration', 30, 1, 600);
const burstRate = intOption(values, 'burst-rate', 100, 1, 2000);
const burstS = intOption(values, 'burst-duration', 20, 1, 600);
const loadConcurrency = intOption(values, 'load-concurrency', 16, 1, 128);
const flowCount = intOption(values, 'flow-count', 30, 1, 500);
const intake = loopbackUrl(values['intake-url'], '--intake-url');
const handling = loopbackUrl(values['handling-url'], '--handling-url');
const mongoUrl = values['mongo-url'];
if (!/^mongodb:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?\//.test(mongoUrl)) fail('--mongo-url must be a loopback mongodb:// URL');

const runId = randomUUID().slice(0, 8);
const { taxonomy, gazetteer } = loadReference(ROOT);
const generator = createPetitionGenerator({ seed: `scale-${runId}`, taxonomy, gazetteer, keyPrefix: `scale-${runId}` });
const issuer = await localIssuer(values['auth-dir']);
const clerk = await issuer.mint({ sub: 'bench-scale-clerk', roles: ['intake_clerk'] });
const dispatcher = await issuer.mint({ sub: 'bench-scale-dispatcher', roles: ['dispatcher'] });
const where = await machine();
const out = (line) => process.stdout.write(`${line}\n`);
const line = (label, s) => `${label.padEnd(44)} n ${String(s.n).padStart(6)}  p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`;

const client = await new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 10_000 }).connect();
const intakeDb = client.db('pdmc_intake');
const petitions = intakeDb.collection('petitions');
const build = await client.db('admin').command({ buildInfo: 1 }).catch(() => ({}));
const hello = await client.db('admin').command({ hello: 1 }).catch(() => ({}));

out(`bench:scale  run ${runId}`);
out(`machine      ${where}`);
out(`store        ${mongoUrl} (${build.version ? `reports MongoDB ${build.version}` : 'version unknown'}${hello.maxWireVersion ? `, wire ${hello.maxWireVersion}` : ''})`);

let seq = 0;
function register(tag) {
  const { body } = generator.next();
  const key = `scale-${runId}-${tag}-${seq++}`;
  return requestJson('POST', `${intake}/petitions`, {
    token: clerk,
    body: { ...body, subject: `【压测】${body.subject}`.slice(0, 200) },
    headers: { 'idempotency-key': key, 'x-correlation-id': key },
    timeoutMs: 30_000,
  });
}

// 1. Load: top the store up to the target through the registration API.
const existing = await petitions.estimatedDocumentCount();
const missing = Math.max(0, target - existing);
out(`load         ${existing} petitions stored; registering ${missing} more (concurrency ${loadConcurrency})`);
if (missing > 0) {
  const started = performance.now();
  let done = 0;
  let failed = 0;
  let lastReport = started;
  await pool(missing, loadConcurrency, async () => {
    const res = await register('load');
    if (res.status === 201) done++;
    else failed++;
    const now = performance.now();
    if (now - lastReport > 30_000) {
      lastReport = now;
      out(`  … ${done}/${missing} in ${((now - started) / 1000).toFixed(0)} s (${(done / ((now - started) / 1000)).toFixed(1)}/s), ${failed} failed`);
    }
  });
  const s = (performance.now() - started) / 1000;
  out(`load         ${done} registered in ${s.toFixed(0)} s (${(done / s).toFixed(1)}/s), ${failed} failed`);
}
const stats = await intakeDb.command({ dbStats: 1 }).catch(() => ({}));
const count = await petitions.estimatedDocumentCount();
const persons = await intakeDb.collection('persons').estimatedDocumentCount();
out(`data         ${count} petitions, ${persons} persons; intake database ${mib(stats.dataSize)} data, ${mib(stats.indexSize)} indexes, ${mib(stats.storageSize)} on disk`);

// 2. The raw store, in the same run: inserts into a scratch database, and the hot look-ups.
const scratch = client.db(`bench_raw_${runId}`);
try {
  const raw = scratch.collection('docs');
  await scratch.createCollection('docs');
  await raw.createIndex({ key: 1 }, { unique: true });
  const sample = JSON.stringify(await petitions.findOne({}, { projection: { outbox: 0, history: 0 } })) ?? '';
  const filler = 'x'.repeat(Math.max(0, sample.length - 200));
  for (const [label, clients, writeConcern] of [
    ['insertOne, 1 client, w:1', 1, undefined],
    ['insertOne, 8 clients, w:1', 8, undefined],
    ['insertOne, 1 client, w:1 j:true', 1, { w: 1, j: true }],
    ['insertOne, 8 clients, w:1 j:true', 8, { w: 1, j: true }],
  ]) {
    let n = 0;
    const until = performance.now() + 5_000;
    const lat = [];
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          await raw.insertOne({ key: `${label}-${n++}`, filler }, writeConcern ? { writeConcern } : {});
          lat.push(performance.now() - t);
        }
      }),
    );
    out(line(`raw ${label}: ${(lat.length / 5).toFixed(0)}/s`, summary(lat)));
  }
} finally {
  await scratch.dropDatabase().catch(() => undefined);
}

const ids = (await petitions.aggregate([{ $sample: { size: 200 } }, { $project: { _id: 1, idempotencyKey: 1, queryCode: 1, petitioners: 1 } }]).toArray()).filter(Boolean);
const personIds = ids.flatMap((p) => (p.petitioners ?? []).map((x) => x.personId).filter(Boolean));
const samplePersons = await intakeDb.collection('persons').aggregate([{ $sample: { size: 200 } }, { $project: { matchKey: 1 } }]).toArray();
const hot = [
  ['petition by _id', petitions, (i) => ({ _id: ids[i % ids.length]._id })],
  ['petition by idempotencyKey (replay check)', petitions, (i) => ({ idempotencyKey: ids[i % ids.length].idempotencyKey ?? 'none' })],
  ['petition by queryCode (petitioner look-up)', petitions, (i) => ({ queryCode: ids[i % ids.length].queryCode })],
  ['person by matchKey (registry upsert)', intakeDb.collection('persons'), (i) => ({ matchKey: samplePersons[i % samplePersons.length]?.matchKey ?? 'none' })],
  [
    'earlier petitions of 3 persons (repeat check)',
    petitions,
    (i) => ({ 'petitioners.personId': { $in: [0, 1, 2].map((k) => personIds[(i * 3 + k) % Math.max(1, personIds.length)] ?? 'none') } }),
    { receivedAt: 1 },
    500,
  ],
  ['due outbox entries (relay sweep)', petitions, () => ({ outboxDueAt: { $lte: new Date() } }), { outboxDueAt: 1 }, 100],
];
for (const [label, collection, filter, sort, limit] of hot) {
  const lat = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    let cursor = collection.find(filter(i), { projection: { _id: 1 } });
    if (sort) cursor = cursor.sort(sort);
    await cursor.limit(limit ?? 1).toArray();
    lat.push(performance.now() - t);
  }
  let plan = '';
  try {
    let cursor = collection.find(filter(0));
    if (sort) cursor = cursor.sort(sort);
    plan = stages((await cursor.limit(limit ?? 1).explain('queryPlanner')).queryPlanner?.winningPlan);
  } catch (error) {
    plan = `explain failed: ${error.message}`;
  }
  out(`${line(`look-up: ${label}`, summary(lat))}  plan ${plan}`);
}

// 3. Registration at a fixed rate, open loop: requests leave on schedule whether or not earlier ones answered.
async function fixedRate(perSecond, seconds, tag) {
  const total = perSecond * seconds;
  const lat = [];
  const problems = new Map();
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = performance.now();
    inFlight.push(
      register(tag).then((res) => {
        if (res.status === 201) lat.push(performance.now() - t);
        else problems.set(`${res.status || res.error}`, (problems.get(`${res.status || res.error}`) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  return { lat, problems, elapsed, achieved: lat.length / elapsed };
}
for (const [perSecond, seconds, tag] of [
  [rate, durationS, 'rate'],
  [burstRate, burstS, 'burst'],
]) {
  const r = await fixedRate(perSecond, seconds, tag);
  const errors = r.problems.size ? `; errors ${[...r.problems].map(([k, v]) => `${k} ×${v}`).join(', ')}` : '';
  out(line(`registration at ${perSecond}/s for ${seconds} s: ${r.achieved.toFixed(1)}/s done`, summary(r.lat)) + errors);
}

// 4. Registration → case in handling.
const flow = await registerToCase({ count: flowCount, concurrency: 4, intake, handling, clerk, dispatcher, generator, key: (i) => `scale-${runId}-flow-${i}` });
out(`flow         ${flow.results.length}/${flowCount} cases opened${flow.problems.size ? `; problems: ${[...flow.problems].map(([k, v]) => `${k} ×${v}`).join(', ')}` : ''}`);
out(line('register → case seen (end to end)', summary(flow.results.map((r) => r.total))));
out(line('accepted → case opened (server clocks)', summary(flow.results.map((r) => r.server))));
out(`left behind  petitions with subjects starting 【压测】 and Idempotency-Keys scale-${runId}-*`);
await client.close();

function mib(bytes) {
  return typeof bytes === 'number' ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : '?';
}

/** The plan's stages, innermost last, with the index an IXSCAN uses: "FETCH > IXSCAN(idempotencyKey_1)". */
function stages(plan) {
  const names = [];
  for (let p = plan; p; p = p.inputStage ?? p.inputStages?.[0]) {
    names.push(p.stage === 'IXSCAN' ? `IXSCAN(${p.indexName})` : p.stage);
  }
  return names.join(' > ') || 'unknown';
}
