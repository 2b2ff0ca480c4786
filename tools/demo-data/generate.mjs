#!/usr/bin/env node
// Demo petitions for a running intake service: realistic, fictional, reproducible.
//   node tools/demo-data/generate.mjs [--count 200] [--seed demo] [--url http://127.0.0.1:3001]
//                                     [--auth-dir .local-stack/secrets/auth] [--concurrency 4]
//                                     [--now <ISO time>] [--dry-run]
// See tools/demo-data/README.md.

import { parseArgs } from 'node:util';
import { createPetitionGenerator, loadReference } from './lib/petitions.mjs';
import { fail, intOption, localIssuer, loopbackUrl, pool, requestJson, ROOT, sleep } from './lib/local.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3001' },
    count: { type: 'string' },
    seed: { type: 'string', default: 'demo' },
    'auth-dir': { type: 'string', default: '.local-stack/secrets/auth' },
    concurrency: { type: 'string' },
    now: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(`Usage: npm run demo:data -- [options]
  --count N         petitions to generate (default 200, at most 5000)
  --seed TEXT       same seed, same petitions and Idempotency-Keys (default "demo")
  --url URL         intake service, 127.x.x.x only (default http://127.0.0.1:3001)
  --auth-dir DIR    local token issuer keys (default .local-stack/secrets/auth)
  --concurrency N   requests in flight (default 4)
  --now ISO         reference time for receivedAt (default: now); pins --dry-run output
  --dry-run         print the bodies as JSON lines instead of posting them
`);
  process.exit(0);
}

process.exitCode = await main();

async function main() {
  const count = intOption(values, 'count', 200, 1, 5000);
  const concurrency = intOption(values, 'concurrency', 4, 1, 32);
  const now = values.now === undefined ? Date.now() : Date.parse(values.now);
  if (Number.isNaN(now)) fail('--now must be an ISO date-time');
  if (now > Date.now() + 60_000) fail('--now must not be in the future: intake refuses receivedAt in the future');

  const { taxonomy, gazetteer } = loadReference(ROOT);
  const generator = createPetitionGenerator({ seed: values.seed, now, taxonomy, gazetteer });
  const items = Array.from({ length: count }, () => generator.next());

  function describe(list) {
    const tally = (f) => list.reduce((m, x) => ((m[f(x)] = (m[f(x)] ?? 0) + 1), m), {});
    const fmt = (o) => Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
    const b = (f) => list.filter(f).length;
    return [
      `channels: ${fmt(tally((x) => x.body.channel))}`,
      `classes: ${fmt(tally((x) => x.meta.level1))}`,
      `item classes: ${fmt(tally((x) => x.body.itemClass))}`,
      `collective (5+ people): ${b((x) => x.meta.collective)}, repeat petitions: ${b((x) => x.meta.repeatOf !== undefined)}, anonymous: ${b((x) => x.meta.anonymous)}`,
      `flags: escalated ${b((x) => x.body.escalated)}, abnormal ${b((x) => x.body.abnormal)}, threat of extreme action ${b((x) => x.body.threatOfExtremeAction)}`,
    ].join('\n');
}

  if (values['dry-run']) {
    for (const item of items) process.stdout.write(`${JSON.stringify(item.body)}\n`);
    process.stderr.write(`${count} petitions (seed "${values.seed}", dry run)\n${describe(items)}\n`);
    return 0; // no process.exit(): it would cut off output still queued for a pipe
}

  const url = loopbackUrl(values.url);
  const issuer = await localIssuer(values['auth-dir']);
  const token = await issuer.mint({ sub: 'demo-data', name: '演示数据', roles: ['intake_clerk'] });

  const outcome = { created: 0, existed: 0, rejected: 0, failed: 0 };
  const reasons = new Map(); // "field rule" -> { count, first }
  const failures = new Map();

  async function post(item) {
    for (let attempt = 1; ; attempt++) {
      const res = await requestJson('POST', `${url}/petitions`, {
        token,
        body: item.body,
        headers: { 'idempotency-key': item.key, 'x-correlation-id': `${item.key}` },
        timeoutMs: 15_000,
      });
      // Retrying is safe: the Idempotency-Key makes a second registration return the first.
      const transient = res.status === 0 || res.status === 429 || res.status >= 500;
      if (transient && attempt < 4) {
        await sleep(500 * attempt);
        continue;
      }
      return res;
    }
}

  const started = performance.now();
  await pool(count, concurrency, async (i) => {
    const item = items[i];
    const res = await post(item);
    if (res.status === 201) outcome.created++;
    else if (res.status === 200) outcome.existed++;
    else if (res.status >= 400 && res.status < 500 && res.status !== 429) {
      outcome.rejected++;
      const details = res.body?.details?.length ? res.body.details : [{ field: '', rule: res.body?.code ?? String(res.status), message: res.body?.message }];
      for (const d of details) {
        const k = `${res.status} ${d.field || '(body)'} ${d.rule}: ${d.message ?? ''}`;
        const entry = reasons.get(k) ?? { count: 0, first: i };
        entry.count++;
        reasons.set(k, entry);
      }
      if (res.status === 401 || res.status === 403) {
        process.stderr.write(`refused with ${res.status}: ${JSON.stringify(res.body)}\n`);
      }
    } else {
      outcome.failed++;
      const k = res.status === 0 ? `network: ${res.error}` : `HTTP ${res.status} ${res.body?.code ?? ''}`;
      failures.set(k, (failures.get(k) ?? 0) + 1);
    }
  });
  const seconds = (performance.now() - started) / 1000;

  process.stdout.write(`${count} petitions (seed "${values.seed}") to ${url} in ${seconds.toFixed(1)} s\n${describe(items)}\n`);
  process.stdout.write(`created ${outcome.created}, already existed ${outcome.existed}, rejected ${outcome.rejected}, failed ${outcome.failed}\n`);
  for (const [k, { count: n, first }] of reasons) process.stdout.write(`  rejected ${n}x ${k} (first: item ${first}, key ${items[first].key})\n`);
  for (const [k, n] of failures) process.stdout.write(`  failed ${n}x ${k}\n`);
  return outcome.rejected || outcome.failed ? 1 : 0;
}
