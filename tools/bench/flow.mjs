#!/usr/bin/env node
// End-to-end latency from registration to a case in handling:
//   POST /petitions → POST /petitions/:id/acceptance-decision {accept} → intake.petition.accepted.v1
//   → routing → routing.petition.routed.v1 → handling opens the case (GET /cases?petitionId=).
//   npm run bench:flow -- [--count 30] [--concurrency 4] [--poll-ms 100] [--timeout 60]
//                         [--intake-url http://127.0.0.1:3001] [--handling-url http://127.0.0.1:3003]
// See tools/bench/README.md.

import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createPetitionGenerator, loadReference } from '../demo-data/lib/petitions.mjs';
import { intOption, localIssuer, loopbackUrl, pool, requestJson, ROOT, sleep } from '../demo-data/lib/local.mjs';
import { machine, ms, summary } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    'intake-url': { type: 'string', default: 'http://127.0.0.1:3001' },
    'handling-url': { type: 'string', default: 'http://127.0.0.1:3003' },
    count: { type: 'string' },
    concurrency: { type: 'string' },
    'poll-ms': { type: 'string' },
    timeout: { type: 'string' },
    'auth-dir': { type: 'string', default: '.local-stack/secrets/auth' },
  },
  strict: true,
});

const intake = loopbackUrl(values['intake-url'], '--intake-url');
const handling = loopbackUrl(values['handling-url'], '--handling-url');
const count = intOption(values, 'count', 30, 1, 500);
const concurrency = intOption(values, 'concurrency', 4, 1, 16);
const pollMs = intOption(values, 'poll-ms', 100, 20, 2000);
const timeoutS = intOption(values, 'timeout', 60, 1, 300);
// Whatever happens, the run ends: every petition gets at most its own time-out, and the whole
// run at most as long as the petitions would take one after the other, capped at 15 minutes.
const runDeadline = performance.now() + Math.min(15 * 60, Math.ceil(count / concurrency) * (timeoutS + 20)) * 1000;

const runId = randomUUID().slice(0, 8);
const { taxonomy, gazetteer } = loadReference(ROOT);
const generator = createPetitionGenerator({ seed: `flow-${runId}`, taxonomy, gazetteer });
const issuer = await localIssuer(values['auth-dir']);
const clerk = await issuer.mint({ sub: 'bench-flow-clerk', roles: ['intake_clerk'] });
const dispatcher = await issuer.mint({ sub: 'bench-flow-dispatcher', roles: ['dispatcher'] });
const where = await machine();

const results = [];
const problems = new Map();
const problem = (k) => problems.set(k, (problems.get(k) ?? 0) + 1);

async function one(i) {
  if (performance.now() > runDeadline) return problem('not started: run deadline');
  const { body } = generator.next();
  const key = `flow-${runId}-${i}`;
  const t0 = performance.now();
  const reg = await requestJson('POST', `${intake}/petitions`, {
    token: clerk,
    body: { ...body, subject: `【压测】${body.subject}`.slice(0, 200) },
    headers: { 'idempotency-key': key, 'x-correlation-id': key },
  });
  if (reg.status !== 201) return problem(`register ${reg.status || reg.error} ${reg.body?.code ?? ''}`.trim());
  const id = reg.body.id;
  const t1 = performance.now();
  const acc = await requestJson('POST', `${intake}/petitions/${id}/acceptance-decision`, {
    token: clerk,
    body: { decision: 'accept' },
    headers: { 'x-correlation-id': key },
  });
  if (acc.status !== 200) return problem(`accept ${acc.status || acc.error} ${acc.body?.code ?? ''}`.trim());
  const t2 = performance.now();
  const giveUp = Math.min(t1 + timeoutS * 1000, runDeadline);
  while (performance.now() < giveUp) {
    const res = await requestJson('GET', `${handling}/cases?petitionId=${id}`, { token: dispatcher, timeoutMs: 5000 });
    if (res.status === 200 && res.body?.items?.length) {
      const t3 = performance.now();
      const serverMs = Date.parse(res.body.items[0].openedAt) - Date.parse(acc.body.acceptance?.decidedAt);
      results.push({ total: t3 - t0, afterAccept: t3 - t1, acceptReply: t2 - t1, server: serverMs, register: t1 - t0 });
      return;
    }
    if (res.status !== 200) problem(`poll ${res.status || res.error}`);
    await sleep(pollMs);
  }
  problem(`no case within ${timeoutS} s`);
}

const started = performance.now();
await pool(count, concurrency, one);
const elapsed = (performance.now() - started) / 1000;

const line = (label, xs) => {
  const s = summary(xs);
  return `${label.padEnd(34)} p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)}`;
};
const out = [
  `bench:flow  intake ${intake} → handling ${handling}  run ${runId}`,
  `machine     ${where}`,
  `settings    ${count} petitions, concurrency ${concurrency}, poll every ${pollMs} ms, time-out ${timeoutS} s each`,
  `cases       ${results.length}/${count} opened in ${elapsed.toFixed(1)} s${problems.size ? `; problems: ${[...problems].map(([k, v]) => `${k} ×${v}`).join(', ')}` : ''}`,
  line('register → case seen (end to end)', results.map((r) => r.total)),
  line('accept sent → case seen', results.map((r) => r.afterAccept)),
  line('accepted → case opened (server)', results.map((r) => r.server)),
  line('POST /petitions', results.map((r) => r.register)),
  line('POST acceptance-decision', results.map((r) => r.acceptReply)),
  `left behind ${count} petitions with subjects starting 【压测】 (accepted, routed, with cases), Idempotency-Keys flow-${runId}-*`,
];
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = results.length === count ? 0 : 1;
