#!/usr/bin/env node
// Reproduces the stall that keeps SecantusDB 0.7.0b3 out of the harness (decision 0010): the
// first writes of a fresh mongoose model (createCollection, createIndexes, then inserts), which
// is what every service and the harness's own test do on a new database. Prints each command
// as the driver sends and finishes it, so a stall shows which one never answered.
//   node tools/bench/stores/mongoose-first-write.mjs --url mongodb://127.0.0.1:PORT/ [--rounds 5]
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const mongoose = require('mongoose');
const { values } = parseArgs({ options: { url: { type: 'string' }, rounds: { type: 'string', default: '5' }, timeout: { type: 'string', default: '20' }, 'prepare-first': { type: 'boolean', default: false } } });
if (!values.url || !/^mongodb:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?\//.test(values.url)) {
  console.error('--url must be a loopback mongodb:// URL');
  process.exit(2);
}

const start = Date.now();
const since = () => `${String(Date.now() - start).padStart(6)} ms`;
const conn = await mongoose.createConnection(values.url, { monitorCommands: true, serverSelectionTimeoutMS: 5000 }).asPromise();
const pending = new Map();
conn.getClient().on('commandStarted', (e) => pending.set(e.requestId, e.commandName));
conn.getClient().on('commandSucceeded', (e) => pending.delete(e.requestId));
conn.getClient().on('commandFailed', (e) => pending.delete(e.requestId));

let stalled = 0;
for (let round = 1; round <= Number(values.rounds); round++) {
  const db = conn.useDb(`probe_first_write_${Date.now()}_${round}`);
  const schema = new mongoose.Schema({ number: { type: String, index: true }, status: String }, values['prepare-first'] ? { autoCreate: false, autoIndex: false } : {});
  const Petition = db.model('Petition', schema);
  const work = (async () => {
    if (values['prepare-first']) {
      // What the services do at start-up (docs/architecture.md): the collection and its indexes
      // exist before the first write, so no write creates a collection implicitly.
      await Petition.createCollection();
      await Petition.createIndexes();
    }
    await Petition.create({ number: 'P-0', status: 'registered' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => Petition.create({ number: `P-${i + 1}`, status: 'registered' })));
    return (await Petition.countDocuments()) === 21;
  })();
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), Number(values.timeout) * 1000).unref());
  const result = await Promise.race([work, timer]);
  if (result === 'timeout') {
    stalled++;
    console.log(`${since()}  round ${round}: no answer within ${values.timeout} s; waiting on: ${[...new Set(pending.values())].join(', ') || '(nothing sent)'}`);
    break;
  }
  console.log(`${since()}  round ${round}: ${result ? 'ok, 21 documents' : 'WRONG COUNT'}`);
}
console.log(stalled ? 'STALLED' : 'all rounds finished');
process.exit(stalled ? 1 : 0);
