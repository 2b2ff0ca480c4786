#!/usr/bin/env node
// Supervision's read model at district scale (issue 14): loads a generated district-year of
// petitions' events through routing's own event handlers (in process, each event through the
// inbox, the deadline handler and the counters, exactly as a delivery would run them), then times
// the main statistics queries over HTTP and the deadline scan's indexed due-time query.
//   npm run bench:stats -- [--petitions 100000] [--concurrency 16] [--repeat 50] [--no-build]
// It starts its own servers (the test harness) and routing in this process on a free port; it
// never touches `npm start`'s stack. See tools/bench/README.md.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { intOption, pool, requestJson, ROOT } from '../demo-data/lib/local.mjs';
import { machine, ms, summary } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    petitions: { type: 'string' },
    concurrency: { type: 'string' },
    repeat: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
  strict: true,
});
const petitions = intOption(values, 'petitions', 100_000, 100, 1_000_000);
const concurrency = intOption(values, 'concurrency', 16, 1, 256);
const repeat = intOption(values, 'repeat', 50, 5, 1000);

if (!values['no-build']) {
  const built = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'routing', 'testing', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (built.status !== 0) throw new Error('build failed: npx nx run-many -t build -p routing testing');
}
const require = createRequire(import.meta.url);
const { startInfrastructure } = require('@pdmc/testing/dist/infrastructure');
const { createTestNamespace } = require('@pdmc/testing/dist/namespace');
const { createTestAuth } = require('@pdmc/testing/dist/auth');
const { captureLogs } = require('@pdmc/testing/dist/bus');
const { ManualClock } = require('@pdmc/calendar');
const contracts = require('@pdmc/contracts');
const { loadConfig } = require('@pdmc/platform');
const dist = (p) => require(join(ROOT, 'services/routing/dist', p));
const { startRouting } = dist('app.js');
const { RoutingConfig } = dist('config/routing.config.js');
const { SupervisionEventHandlers } = dist('supervision/interface/supervision.event-handlers.js');
const { DeadlineScanJob } = dist('supervision/application/deadline-scan.job.js');
const { ObligationDocument } = dist('supervision/infrastructure/obligation.schema.js');
const { getModelToken } = require('@nestjs/mongoose');
const { trusted } = require('mongoose');

// A district of 8 towns and sub-districts, its categories and channels; a seeded generator so
// runs load the same year.
const TOWNS = ['HX', 'XX', 'DJ', 'LY', 'NH', 'XC', 'KF', 'GY'];
const CATEGORIES = ['劳动和社会保障', '城乡建设', '农村农业', '国土资源', '环境保护', '政法', '企业改制', '民政'];
const UNIT_OF = { 劳动和社会保障: 'LABOUR', 城乡建设: 'URBAN_ENV', 农村农业: 'AGRI_LAND', 国土资源: 'AGRI_LAND', 环境保护: 'URBAN_ENV', 政法: 'MEDIATION_LEGAL', 企业改制: 'ENTERPRISE', 民政: 'HOTLINE' };
const CHANNELS = ['visit', 'letter', 'phone', 'online', 'transferred'];
let seed = 20260101;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const DAY = 86_400_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');

const where = await machine();
const infrastructure = await startInfrastructure();
process.env.PDMC_TEST_MONGO_URL = infrastructure.mongoUrl;
process.env.PDMC_TEST_NATS_URL = infrastructure.natsUrl;
const ns = createTestNamespace('benchstats');
const auth = await createTestAuth();
const clock = new ManualClock('2027-01-05T09:00:00+08:00');
let running;
try {
  const env = {
    HTTP_PORT: '0',
    MONGO_URL: infrastructure.mongoUrl,
    MONGO_DB: ns.dbName('routing'),
    NATS_URL: infrastructure.natsUrl,
    BUS_PREFIX: ns.busPrefix,
    LOG_LEVEL: 'warn',
    SUPERVISION_SCAN_MS: '0',
    ...auth.env,
  };
  running = await startRouting(loadConfig(RoutingConfig, env), captureLogs().destination, { clock });
  const handlers = running.app.get(SupervisionEventHandlers);
  const envelope = (def, payload) => contracts.createEnvelope(def, payload, { correlationId: `bench-${randomUUID()}` });

  const loadStarted = performance.now();
  let events = 0;
  await pool(petitions, concurrency, async (i) => {
    const petitionId = randomUUID();
    const caseId = randomUUID();
    const caseNumber = `220106-2026-${String(i + 1).padStart(6, '0')}`;
    const level1 = pick(CATEGORIES);
    const workUnit = UNIT_OF[level1];
    const receivedAt = new Date(YEAR_START + Math.floor(rnd() * 350 * DAY));
    const at = (days) => new Date(receivedAt.getTime() + days * DAY).toISOString();
    const facts = {
      petitionId,
      caseNumber,
      channel: pick(CHANNELS),
      itemClass: 'appeal',
      category: { id: 1, level1, level2: '-', level3: '-' },
      townCode: pick(TOWNS),
      headcount: 1,
      flags: { collective: rnd() < 0.05, repeat: rnd() < 0.15, escalated: rnd() < 0.05, abnormal: rnd() < 0.01, threatOfExtremeAction: false },
      receivedAt: receivedAt.toISOString(),
    };
    const run = async (method, def, payload) => {
      events++;
      await handlers[method](envelope(def, payload));
    };
    await run('registered', contracts.PETITION_REGISTERED_V1, facts);
    if (rnd() < 0.05) return run('declined', contracts.PETITION_DECLINED_V1, { petitionId, caseNumber, decision: 'forward', decidedAt: at(5) });
    const acceptedDays = rnd() < 0.9 ? 3 : 20;
    await run('accepted', contracts.PETITION_ACCEPTED_V1, { ...facts, acceptedAt: at(acceptedDays) });
    const base = { caseId, petitionId, caseNumber, workUnit };
    await run('caseOpened', contracts.CASE_OPENED_V1, { ...base, responsibleBody: 'dept:x', openedAt: at(acceptedDays + 1), dueAt: at(acceptedDays + 60) });
    await run('caseAccepted', contracts.CASE_ACCEPTED_V1, { ...base, acceptedAt: at(acceptedDays + 2), dueAt: at(acceptedDays + 60) });
    if (rnd() < 0.15) return; // still in hand: its handling limit is watched
    const decidedDays = acceptedDays + (rnd() < 0.85 ? 40 : 75);
    await run('decided', contracts.CASE_DECIDED_V1, { ...base, decisionId: randomUUID(), responsibleBody: 'dept:x', outcome: pick(['support', 'explain', 'not_support']), decidedAt: at(decidedDays), reviewRequestDueAt: at(decidedDays + 30) });
    await run('closed', contracts.CASE_CLOSED_V1, { ...base, closedAt: at(decidedDays + 2) });
    if (rnd() < 0.7) await run('evaluated', contracts.EVALUATION_SUBMITTED_V1, { evaluationId: randomUUID(), petitionId, caseNumber, decisionKind: 'handling', decisionId: randomUUID(), workUnit, bureau: 'satisfied', unit: pick(['satisfied', 'basically_satisfied', 'dissatisfied']), submittedAt: at(decidedDays + 3) });
    if (rnd() < 0.6) await run('ceased', contracts.CASE_CEASED_V1, { ...base, ceasedAt: at(decidedDays + 33) });
    if ((i + 1) % Math.max(50, Math.floor(petitions / 10)) === 0) process.stderr.write(`  ${i + 1} petitions started, ${events} events handled, ${((performance.now() - loadStarted) / 1000).toFixed(0)} s\n`);
  });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  process.stderr.write(`  loaded: ${petitions} petitions, ${events} events in ${loadSeconds.toFixed(0)} s\n`);

  const director = await auth.token({ sub: 'bench-director', roles: ['centre_director'] });
  const timed = async (path) => {
    const samples = [];
    for (let r = 0; r < repeat; r++) {
      const res = await requestJson('GET', `${running.url}${path}`, { token: director });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      samples.push(res.ms);
    }
    return summary(samples);
  };
  const rows = [];
  for (const dimension of ['centre', 'unit', 'town', 'category', 'channel']) {
    rows.push([`GET /supervision/statistics (year, by ${dimension})`, await timed(`/supervision/statistics?from=2026-01&to=2026-12&dimension=${dimension}`)]);
  }
  rows.push(['GET /supervision/statistics (one month, by unit)', await timed('/supervision/statistics?from=2026-06&dimension=unit')]);
  rows.push(['GET /supervision/queue (first page)', await timed('/supervision/queue')]);
  rows.push(['GET /supervision/queue?workUnit=LABOUR', await timed('/supervision/queue?workUnit=LABOUR')]);

  // The deadline scan: the indexed due-time query it runs each tick (a batch of 200), then one full pass.
  const obligations = running.app.get(getModelToken(ObligationDocument.name));
  const scanSamples = [];
  for (let r = 0; r < repeat; r++) {
    const t = performance.now();
    await obligations.find({ nextAlertAt: trusted({ $lte: clock.now() }) }, { outbox: 0 }).sort({ nextAlertAt: 1 }).limit(200).lean().exec();
    scanSamples.push(performance.now() - t);
  }
  rows.push(['deadline scan: due-time query (batch of 200)', summary(scanSamples)]);
  const total = await obligations.countDocuments({}).exec();
  const due = await obligations.countDocuments({ nextAlertAt: trusted({ $lte: clock.now() }) }).exec();
  const passStarted = performance.now();
  const announced = await running.app.get(DeadlineScanJob).runOnce();
  const passMs = performance.now() - passStarted;
  const idle = [];
  for (let r = 0; r < repeat; r++) {
    const t = performance.now();
    await running.app.get(DeadlineScanJob).runOnce();
    idle.push(performance.now() - t);
  }
  rows.push(['deadline scan: runOnce() with nothing due', summary(idle)]);

  console.log(`\nbench:stats: ${petitions} petitions (${events} events) loaded in ${loadSeconds.toFixed(0)} s through routing's handlers; ${total} obligations, ${due} due at the scan`);
  console.log(`machine: ${where}`);
  console.log('\n| query | n | p50 | p95 |\n|---|--:|--:|--:|');
  for (const [name, s] of rows) console.log(`| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} |`);
  console.log(`\nfirst deadline pass: ${announced} announcements in ${ms(passMs)}`);
} finally {
  await running?.close().catch(() => undefined);
  await ns.cleanup().catch(() => undefined);
  auth.cleanup?.();
  await infrastructure.stop().catch(() => undefined);
}
