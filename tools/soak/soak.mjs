#!/usr/bin/env node
// Soak: the five services as separate processes on a NATS server and a store of their own, a
// steady load of petitions registered and accepted at intake, and every --kill-every seconds a
// random service killed with SIGKILL and started again. At the end it waits for the pipeline to
// settle and prints, per stage, how many were sent, processed, lost and doubled:
//
//   npm run soak -- [--minutes 10] [--kill-every 30] [--interval-ms 2500] [--settle 180]
//
// Stages (counted in each service's own database and in the streams, per accepted petition):
//   registered → emergency watch item; accepted → routing decision → routed event → handling
//   case → case.opened event → funds settlement case; intake's progress view (routed, case).
// Needs the services built (npx nx run-many -t build). Exit code 0 when nothing was lost or
// doubled anywhere.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { ROOT, requestJson, sleep } from '../demo-data/lib/local.mjs';
import { createPetitionGenerator, loadReference } from '../demo-data/lib/petitions.mjs';

const require = createRequire(`${ROOT}/package.json`);
// Not the package index: it loads the Jest security suite, which refuses to run outside Jest.
const testing = {
  ...require('@pdmc/testing/dist/infrastructure/index.js'),
  ...require('@pdmc/testing/dist/test-env.js'),
  ...require('@pdmc/testing/dist/namespace.js'),
  ...require('@pdmc/testing/dist/auth.js'),
  ...require('@pdmc/testing/dist/service-process.js'),
};
const { generateKey } = require('@pdmc/privacy');
const mongoose = require('mongoose');
const { connect } = require('@nats-io/transport-node');
const { jetstreamManager } = require('@nats-io/jetstream');

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    'kill-every': { type: 'string', default: '30' },
    'interval-ms': { type: 'string', default: '2500' },
    settle: { type: 'string', default: '180' },
  },
});
const minutes = Number(values.minutes);
const killEveryMs = Number(values['kill-every']) * 1000;
const intervalMs = Number(values['interval-ms']);
const settleMs = Number(values.settle) * 1000;
const SERVICES = ['intake', 'routing', 'handling', 'emergency', 'funds'];
const say = (m) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const infra = await testing.startInfrastructure({ env: { ...process.env, PDMC_TEST_INFRA: 'local' } });
process.env[testing.TEST_MONGO_URL_ENV] = infra.mongoUrl;
process.env[testing.TEST_NATS_URL_ENV] = infra.natsUrl;
const ns = testing.createTestNamespace('soak');
const auth = await testing.createTestAuth();
const pii = { PII_KEYS: `soak1:${generateKey()}`, PII_INDEX_KEY: generateKey(), PII_ACTIVE_KEY_ID: 'soak1' };
const running = {};
say(`store ${infra.mongoUrl}, nats ${infra.natsUrl}, namespace ${ns.busPrefix}`);
await Promise.all(
  SERVICES.map(async (service) => {
    running[service] = await testing.startServiceProcess({
      service,
      readyTimeoutMs: 60_000,
      env: {
        MONGO_URL: ns.mongoUrl,
        MONGO_DB: ns.dbName(service),
        NATS_URL: ns.natsUrl,
        BUS_PREFIX: ns.busPrefix,
        OUTBOX_POLL_MS: '1000',
        ACK_WAIT_MS: '10000',
        MAX_DELIVER: '5',
        LOG_LEVEL: 'warn',
        ...auth.env,
        ...(service === 'intake' ? pii : {}),
      },
    });
  }),
);
say('five services ready');

const clerk = await auth.token({ sub: 'soak-clerk', roles: ['intake_clerk'] });
const { taxonomy, gazetteer } = loadReference(ROOT);
const generator = createPetitionGenerator({ seed: `soak-${randomUUID().slice(0, 8)}`, taxonomy, gazetteer });
const intakeUrl = () => running.intake.baseUrl;

/** Registers and accepts one petition, retrying (same Idempotency-Key) through kills. */
async function submit(n) {
  const { body } = generator.next();
  const key = `soak-${ns.busPrefix}-${n}`;
  let id;
  for (let attempt = 0; attempt < 60 && !stopping; attempt++) {
    if (!id) {
      const reg = await requestJson('POST', `${intakeUrl()}/petitions`, {
        token: clerk,
        body: { ...body, subject: `【压测】${body.subject}`.slice(0, 200) },
        headers: { 'idempotency-key': key },
        timeoutMs: 15_000,
      });
      if (reg.status === 201 || reg.status === 200) id = reg.body.id;
      else {
        await sleep(1000);
        continue;
      }
    }
    const acc = await requestJson('POST', `${intakeUrl()}/petitions/${id}/acceptance-decision`, {
      token: clerk,
      body: { decision: 'accept' },
      timeoutMs: 15_000,
    });
    if (acc.status === 200) return id;
    if (acc.status === 409) {
      // Accepted by an earlier attempt whose answer the kill swallowed, or refused for good (a
      // repeat of an earlier petition of the same person must be merged, not accepted).
      const now = await requestJson('GET', `${intakeUrl()}/petitions/${id}`, { token: clerk, timeoutMs: 15_000 });
      if (now.status === 200 && now.body.status === 'accepted') return id;
      if (now.status === 200) return { refused: id, code: acc.body?.code };
    }
    await sleep(1000);
  }
  return id ? { unaccepted: id } : undefined;
}

let stopping = false;
const accepted = [];
const unaccepted = [];
/** Petitions intake refused to accept (409 with a code), e.g. INTAKE.REPEAT_PETITION: not sent downstream. */
const refused = [];
const loadStarted = Date.now();
const deadline = loadStarted + minutes * 60_000;
const load = (async () => {
  for (let n = 1; Date.now() < deadline; n++) {
    const started = Date.now();
    const result = await submit(n);
    if (typeof result === 'string') accepted.push(result);
    else if (result?.refused) refused.push(result.code);
    else if (result?.unaccepted) unaccepted.push(result.unaccepted);
    await sleep(Math.max(0, intervalMs - (Date.now() - started)));
  }
})();

const kills = [];
const restarting = new Map();
// Kills on a fixed beat (every --kill-every s from the start, the last one at the deadline),
// whatever a restart takes; a service still restarting is not picked again.
const chaos = (async () => {
  for (let k = 1; loadStarted + k * killEveryMs <= deadline; k++) {
    await sleep(Math.max(0, loadStarted + k * killEveryMs - Date.now()));
    const candidates = SERVICES.filter((s) => !restarting.has(s));
    const service = candidates[Math.floor(Math.random() * candidates.length)];
    kills.push(service);
    say(`kill #${kills.length}: ${service} (${accepted.length} petitions accepted so far)`);
    const cycle = (async () => {
      await running[service].kill();
      await running[service].restart();
    })().finally(() => restarting.delete(service));
    restarting.set(service, cycle);
  }
  await Promise.all(restarting.values());
})();

await Promise.all([load, chaos]);
say(`load done: ${accepted.length} accepted, ${kills.length} kills; settling (up to ${settleMs / 1000} s)`);

const db = async (service) => mongoose.createConnection(ns.mongoUrl, { dbName: ns.dbName(service) }).asPromise();
const dbs = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await db(s)])));
const nc = await connect({ servers: ns.natsUrl });
const jsm = await jetstreamManager(nc);

/** Event payloads in a stream by subject: petitionId → distinct event ids. */
async function eventsBy(streamName, subject) {
  const stream = `${ns.streamPrefix}${streamName}`;
  const physical = `${ns.busPrefix}.${subject}`;
  const byPetition = new Map();
  let seq = 1;
  for (;;) {
    const msg = await jsm.streams.getMessage(stream, { seq, next_by_subj: physical }).catch(() => null);
    if (!msg) break;
    const env = JSON.parse(Buffer.from(msg.data).toString('utf8'));
    const key = env.payload?.petitionId;
    if (!byPetition.has(key)) byPetition.set(key, new Set());
    byPetition.get(key).add(env.id);
    seq = msg.seq + 1;
  }
  return byPetition;
}

const countBy = async (service, collection, field) => {
  const docs = await dbs[service].collection(collection).find({}, { projection: { [field]: 1 } }).toArray();
  const m = new Map();
  for (const d of docs) m.set(String(d[field]), (m.get(String(d[field])) ?? 0) + 1);
  return m;
};

async function measure() {
  const stages = {
    'emergency watch item': await countBy('emergency', 'watch_items', '_id'),
    'routing decision': await countBy('routing', 'routing_decisions', '_id'),
    'routed event': new Map([...(await eventsBy('ROUTING', 'routing.petition.routed.v1'))].map(([k, v]) => [k, v.size])),
    'handling case': await countBy('handling', 'cases', 'petitionId'),
    'case.opened event': new Map([...(await eventsBy('HANDLING', 'handling.case.opened.v1'))].map(([k, v]) => [k, v.size])),
    'funds settlement case': await countBy('funds', 'settlement_cases', 'petitionId'),
  };
  const progress = await dbs.intake.collection('petition_progress').find({}).toArray();
  stages['intake progress: routed'] = new Map(progress.filter((p) => p.routedAt).map((p) => [String(p._id), 1]));
  stages['intake progress: case'] = new Map(progress.filter((p) => p.caseId).map((p) => [String(p._id), 1]));
  const rows = Object.entries(stages).map(([stage, counts]) => {
    let processed = 0;
    let lost = 0;
    let doubled = 0;
    for (const id of accepted) {
      const n = counts.get(id) ?? 0;
      if (n === 0) lost += 1;
      else processed += 1;
      if (n > 1) doubled += n - 1;
    }
    return { stage, sent: accepted.length, processed, lost, doubled };
  });
  return rows;
}

let rows = await measure();
const settleDeadline = Date.now() + settleMs;
while (rows.some((r) => r.lost > 0) && Date.now() < settleDeadline) {
  await sleep(5000);
  rows = await measure();
}
const deadLetters = await jsm.streams.info(`${ns.streamPrefix}DEAD_LETTERS`).then((i) => i.state.messages).catch(() => 'n/a');
console.table(rows);
say(`${minutes} min, ${kills.length} kills (${SERVICES.map((s) => `${s} ${kills.filter((k) => k === s).length}`).join(', ')}), ` +
  `${accepted.length} petitions accepted${refused.length ? `, ${refused.length} refused by intake (${[...new Set(refused)].join(', ')})` : ''}` +
  `${unaccepted.length ? `, ${unaccepted.length} registered but not accepted` : ''}, dead letters ${deadLetters}`);

await nc.close();
await Promise.all(Object.values(dbs).map((c) => c.close()));
stopping = true;
await Promise.all(Object.values(running).map((p) => p.stop()));
await ns.cleanup().catch(() => undefined);
auth.cleanup();
await infra.stop();
process.exit(rows.some((r) => r.lost > 0 || r.doubled > 0) ? 1 : 0);
