#!/usr/bin/env node
// Cost of one outbox-relay pass as the collection grows, on a store of its own (the FerretDB
// test server in a temporary folder, or --mongo-url). For each size it fills a collection with
// documents shaped like petitions (a few KiB, outbox already sent), leaves --pending of them
// with an entry, and times:
//   - the old pass: `{ 'outbox.0': { $exists: true } }` sorted by _id, limit 100 (before issue 9);
//   - the safety-net pass: the indexed `outboxDueAt` marker, oldest first, limit 100;
//   - a kick: the relay publishing just the document that was written, read by _id.
//   node tools/bench/outbox-relay.mjs [--sizes 500,5000] [--pending 5] [--rounds 5] [--mongo-url URL]
// Build the libraries first (npx nx build persistence).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../demo-data/lib/local.mjs';

const require = createRequire(import.meta.url);
const mongoose = require('mongoose');
const { OutboxRelay, outboxPlugin, toOutbox } = require('@pdmc/persistence');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '500,5000' },
    pending: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    'mongo-url': { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const pending = Number(values.pending);
const rounds = Number(values.rounds);

async function startStore() {
  if (values['mongo-url']) return { url: values['mongo-url'], stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'pdmc-bench-outbox-'));
  const child = spawn(join(ROOT, 'tools/ferretdb/bin/ferretdb'), ['-dir', dir, '-listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      const match = /FERRETDB_URI=(\S+)/.exec(String(chunk));
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`ferretdb exited with ${code}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function envelope() {
  const id = randomUUID();
  return { id, type: 'intake.petition.accepted.v1', occurredAt: new Date().toISOString(), correlationId: id, payload: { petitionId: randomUUID() } };
}

async function time(fn) {
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const store = await startStore();
const connection = await mongoose.createConnection(store.url, { dbName: `bench_outbox_${Date.now()}` }).asPromise();
const schema = new mongoose.Schema({ _id: String, subject: String, body: String, status: String }, { collection: 'petitions' });
schema.plugin(outboxPlugin);
const Petitions = connection.model('BenchPetition', schema);
await Petitions.init();

const rows = [];
let filled = 0;
for (const size of sizes) {
  while (filled < size) {
    const batch = Array.from({ length: Math.min(250, size - filled) }, () => ({
      _id: randomUUID(),
      subject: '【压测】拖欠工资',
      body: '某公司拖欠工资三个月，多次协商未果。'.repeat(40),
      status: 'accepted',
      outbox: [],
    }));
    await Petitions.collection.insertMany(batch);
    filled += batch.length;
  }
  const old = () => Petitions.find({ 'outbox.0': mongoose.trusted({ $exists: true }) }, { outbox: 1 }).sort({ _id: 1 }).limit(100).lean().exec();
  let published = 0;
  const relay = new OutboxRelay({ models: [Petitions], pollMs: 3_600_000, publish: async () => void published++ });
  const sweepMs = await time(async () => {
    for (let i = 0; i < pending; i++) await Petitions.create({ _id: randomUUID(), subject: 'x', body: 'x', status: 'accepted', outbox: toOutbox(envelope()) });
    const started = performance.now();
    await relay.flush();
    return performance.now() - started;
  });
  // Time the passes alone (the inserts above are not part of the relay's cost).
  const sweepOnly = [];
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < pending; j++) await Petitions.create({ _id: randomUUID(), subject: 'x', body: 'x', status: 'accepted', outbox: toOutbox(envelope()) });
    const started = performance.now();
    await relay.flush();
    sweepOnly.push(performance.now() - started);
  }
  sweepOnly.sort((a, b) => a - b);
  const idleSweep = await time(() => relay.flush());
  const oldEmpty = await time(old);
  relay.start();
  await relay.idle();
  const kick = [];
  for (let i = 0; i < rounds; i++) {
    const id = randomUUID();
    await Petitions.create({ _id: id, subject: 'x', body: 'x', status: 'accepted' });
    await Petitions.updateOne({ _id: id }, { $push: { outbox: { $each: toOutbox(envelope()) } } });
    const started = performance.now();
    relay.kick();
    await relay.idle();
    kick.push(performance.now() - started);
  }
  await relay.stop();
  kick.sort((a, b) => a - b);
  void sweepMs;
  rows.push({
    documents: size,
    'old pass, nothing pending (ms)': oldEmpty.toFixed(1),
    'marker pass, nothing pending (ms)': idleSweep.toFixed(1),
    [`marker pass, ${pending} pending (ms)`]: sweepOnly[Math.floor(sweepOnly.length / 2)].toFixed(1),
    'kick, 1 written (ms)': kick[Math.floor(kick.length / 2)].toFixed(1),
  });
}
console.table(rows);
console.log(`median of ${rounds} rounds; store: ${values['mongo-url'] ? 'given' : 'FerretDB test server (SQLite)'}; published ${'events'}`);
await connection.close();
await store.stop();
