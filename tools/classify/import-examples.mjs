#!/usr/bin/env node
// Imports a centre's archive (CSV: subject, description, level1 [, level2, level3, at]) into a
// running intake service as historical training examples (POST /classification/examples), in
// batches. Rows are checked against the taxonomy here first, so a bad file sends nothing.
//
//   npm run classify:import -- --file examples.csv [--url http://127.0.0.1:3001] [--auth-dir .local-stack/secrets/auth] [--train]

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fail, localIssuer, loopbackUrl, requestJson } from '../demo-data/lib/local.mjs';
import { parseCsv, readExamples } from './lib/csv.mjs';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    url: { type: 'string', default: 'http://127.0.0.1:3001' },
    'auth-dir': { type: 'string', default: '.local-stack/secrets/auth' },
    train: { type: 'boolean', default: false },
  },
});
if (!values.file) fail('usage: npm run classify:import -- --file examples.csv [--url URL] [--auth-dir DIR] [--train]');
const BATCH = 2000;
const BATCH_BYTES = 200_000;

const domain = createRequire(import.meta.url)('./lib/domain.cjs');
const text = readFileSync(values.file, 'utf8');
try {
  readExamples(text, domain.loadTaxonomy());
} catch (error) {
  fail(`${values.file}: ${error.message}`);
}
// The API takes the class names as written; the leaf is resolved there again.
const [header, ...rows] = parseCsv(text);
const col = Object.fromEntries(header.map((h, i) => [h.trim().toLowerCase(), i]));
const get = (r, name) => (col[name] === undefined ? '' : (r[col[name]] ?? '').trim());
const examples = rows.map((r) => {
  const row = { subject: get(r, 'subject') || get(r, 'description').slice(0, 30), level1: get(r, 'level1') };
  for (const name of ['description', 'level2', 'level3', 'at']) if (get(r, name)) row[name] = get(r, name);
  return row;
});

const url = loopbackUrl(values.url);
const issuer = await localIssuer(values['auth-dir']);
const token = await issuer.mint({ sub: 'classify-import', roles: ['centre_director'] });
// Batches of at most BATCH rows and BATCH_BYTES of JSON, below intake's BODY_LIMIT_BYTES (256 KiB by default).
const batches = [];
for (const [index, row] of examples.entries()) {
  const last = batches[batches.length - 1];
  const size = Buffer.byteLength(JSON.stringify(row)) + 1;
  if (!last || last.rows.length >= BATCH || last.bytes + size > BATCH_BYTES) batches.push({ rows: [row], bytes: size, first: index });
  else (last.rows.push(row), (last.bytes += size));
}
let stored = 0;
let already = 0;
for (const { rows: batch, first } of batches) {
  const res = await requestJson('POST', `${url}/classification/examples`, { token, body: { examples: batch }, timeoutMs: 60_000 });
  if (res.status !== 200) fail(`rows ${first + 2}-${first + batch.length + 1}: ${res.status} ${JSON.stringify(res.body ?? res.error)}`, 1);
  stored += res.body.stored;
  already += res.body.alreadyStored;
}
console.log(`${examples.length} rows: ${stored} stored, ${already} already stored`);
if (values.train) {
  const res = await requestJson('POST', `${url}/classification/models`, { token, timeoutMs: 120_000 });
  if (res.status !== 200) fail(`training: ${res.status} ${JSON.stringify(res.body ?? res.error)}`, 1);
  const m = res.body;
  console.log(`model ${m.version}: ${m.trainingSize} examples, ${m.heldOutSize} held out; serves as ${m.policy}`);
  for (const name of ['rules', 'model', 'combination']) {
    const r = m.heldOut[name].level1;
    console.log(`  ${name.padEnd(12)} level-1 top-1 ${r.top1Rate}, top-3 ${r.top3Rate}`);
  }
}
