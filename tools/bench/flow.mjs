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
import { intOption, localIssuer, loopbackUrl, ROOT } from '../demo-data/lib/local.mjs';
import { registerToCase } from './lib/flow.mjs';
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

const started = performance.now();
const { results, problems } = await registerToCase({
  count, concurrency, intake, handling, clerk, dispatcher, generator, pollMs, timeoutS, runDeadline, key: (i) => `flow-${runId}-${i}`,
});
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
