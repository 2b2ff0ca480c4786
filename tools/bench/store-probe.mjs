#!/usr/bin/env node
// Measures a MongoDB wire-protocol store as the platform uses it: single-document atomicity
// without a global lock, indexed lookups at N petition-sized documents, insert rates, whether
// `explain` reports an index, the store's memory, and what survives a kill -9.
//
//   node tools/bench/store-probe.mjs --url mongodb://127.0.0.1:27017/ --docs 10000
//   node tools/bench/store-probe.mjs --start-cmd 'tools/bench/stores/secantus.sh {port} {dir}' --docs 100000
//   node tools/bench/store-probe.mjs --start-cmd '...' --durability 2000
//
// --start-cmd: the script starts the store itself ({port} and {dir} are replaced by a free port
//   and a fresh data directory, or --data-dir), waits for a ping, reports the process tree's RSS
//   and stops it (SIGTERM) at the end. With --url, pass --pid to get the RSS of a store you run.
// --durability K: writes K documents one at a time with the driver's default write concern,
//   kill -9s the store right after the last acknowledgement, restarts it on the same data
//   directory and counts what is there; then the same with {w:1, j:true}. Needs --start-cmd.
// --time-limit S (default 600): the load stops when it would pass 80% of it ("did not finish" with
//   the rate seen); each lookup kind gets at most --lookup-budget S (default 20) or --ops ops.
// --extra-pid PID: add that process tree to the RSS (a store's own database server).
// --json FILE writes the results as JSON (not committed: results are machine-specific).
// Only loopback stores are accepted: this tool writes and drops a database of its own (probe_*).

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { machine, summary } from './lib/stats.mjs';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string' },
    pid: { type: 'string' },
    'extra-pid': { type: 'string' },
    'start-cmd': { type: 'string' },
    'data-dir': { type: 'string' },
    label: { type: 'string', default: '' },
    docs: { type: 'string', default: '10000' },
    ops: { type: 'string', default: '200' },
    'lookup-budget': { type: 'string', default: '20' },
    'time-limit': { type: 'string', default: '600' },
    rounds: { type: 'string', default: '5' },
    durability: { type: 'string' },
    'skip-atomicity': { type: 'boolean', default: false },
    'skip-lookups': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
  strict: true,
});

const N = Number(opt.docs);
const OPS = Number(opt.ops);
const LOOKUP_BUDGET_MS = Number(opt['lookup-budget']) * 1000;
const TIME_LIMIT_MS = Number(opt['time-limit']) * 1000;
const ROUNDS = Number(opt.rounds);
const started = Date.now();
const results = { label: opt.label, docs: N, machine: await machine(), started: new Date().toISOString() };
const log = (...a) => console.log(...a);

// ---------- the store process ----------

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Memory (proportional RSS) in MiB of pid, --extra-pid (e.g. a PostgreSQL postmaster) and their descendants (from /proc). */
function treeRssMiB(pid) {
  const children = new Map();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(e));
    } catch {
      /* process gone */
    }
  }
  let kib = 0;
  const todo = [Number(pid), ...(opt['extra-pid'] ? [Number(opt['extra-pid'])] : [])];
  while (todo.length) {
    const p = todo.pop();
    try {
      // Pss shares pages among the processes that map them (PostgreSQL's shared buffers);
      // for a single-process store it equals the RSS.
      const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      if (m) kib += Number(m[1]);
    } catch {
      /* gone */
    }
    todo.push(...(children.get(p) ?? []));
  }
  return Math.round(kib / 1024);
}

async function startStore(cmdTemplate, dir, port) {
  const cmd = cmdTemplate.replaceAll('{port}', String(port)).replaceAll('{dir}', dir);
  // exec: the pid we hold is the store's own, so kill -9 hits the store, not a shell.
  const child = spawn('/bin/sh', ['-c', `exec ${cmd}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-4000)));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const url = `mongodb://127.0.0.1:${port}/`;
  const t0 = Date.now();
  for (;;) {
    if (exited) throw new Error(`store exited (${JSON.stringify(exited)}) before answering: ${cmd}\n${output}`);
    if (Date.now() - t0 > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`store did not answer a ping within 120 s: ${cmd}\n${output}`);
    }
    const c = new MongoClient(url, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await c.connect();
      await c.db('admin').command({ ping: 1 });
      await c.close();
      break;
    } catch {
      await c.close().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    child,
    startMs: Date.now() - t0,
    output: () => output,
    exited: () => exited,
    stop: async (signal = 'SIGTERM') => {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
}

// ---------- petition-like documents (~1.5 KB) ----------

const HANZI = '信访事项反映问题拖欠工资征地补偿物业纠纷噪声扰民邻里矛盾劳动争议医疗纠纷教育收费环境污染道路施工房屋质量';
function text(i, len) {
  let s = '';
  let x = (i * 2654435761) >>> 0;
  while (s.length < len) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += HANZI[x % HANZI.length];
  }
  return s;
}
const UNITS = 50;
const pad = (i) => String(i).padStart(7, '0');
function petition(i) {
  return {
    _id: `pet-${pad(i)}`,
    idempotencyKey: `idem-${pad(i)}`,
    queryCode: `Q${pad(i)}`,
    caseNo: `2026-${pad(i)}`,
    status: ['registered', 'accepted', 'routed', 'closed'][i % 4],
    unitId: `unit-${i % UNITS}`,
    receivedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
    version: 0,
    channel: ['visit', 'letter', 'online', 'phone'][i % 4],
    // ~each person appears in two petitions (the repeat detector's lookup)
    petitioners: [
      { personId: `person-${pad(Math.floor(i / 2))}`, role: 'main', name: { c: 'x'.repeat(64), iv: 'y'.repeat(24) } },
      { personId: `person-${pad(1_000_000 + i)}`, role: 'co', name: { c: 'x'.repeat(64), iv: 'y'.repeat(24) } },
    ],
    registration: { unitId: `unit-${i % UNITS}`, clerkId: `clerk-${i % 17}` },
    subject: text(i, 30),
    content: text(i + 7, 300),
    categories: ['labour', 'wages'],
    outbox: [],
  };
}

// ---------- helpers ----------

function timeLeft() {
  return TIME_LIMIT_MS - (Date.now() - started);
}
const hr = () => Number(process.hrtime.bigint()) / 1e6;
const fmt = (v) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(0)) : '-');

async function lookup(name, f) {
  try {
    return await measureLookup(name, f);
  } catch (e) {
    log(`  ${name.padEnd(42)} failed: ${e.message}`);
    return { ops: 0, error: e.message };
  }
}

async function measureLookup(name, f) {
  const w0 = hr(); // warm-up: up to 3 ops, but never more than 2 s of them
  for (let i = 0; i < 3 && hr() - w0 < 2000 && timeLeft() > 0; i++) await f(1000 + i);
  const times = [];
  const t0 = hr();
  let docsSeen = 0;
  for (let i = 0; i < OPS; i++) {
    const t = hr();
    const r = await f(i);
    times.push(hr() - t);
    docsSeen += Array.isArray(r) ? r.length : r ? 1 : 0;
    if (hr() - t0 > LOOKUP_BUDGET_MS || timeLeft() < 0) break;
  }
  const s = summary(times);
  const out = { ops: s.n, p50: s.p50, p95: s.p95, mean: s.mean, docsPerOp: docsSeen / s.n };
  log(`  ${name.padEnd(42)} p50 ${fmt(s.p50).padStart(8)} ms  p95 ${fmt(s.p95).padStart(8)} ms  (${s.n} ops, ${out.docsPerOp.toFixed(1)} docs/op)`);
  return out;
}

/** Names the access stages an explain output mentions (MongoDB and look-alikes). */
function planStages(explain) {
  const s = JSON.stringify(explain);
  const stages = new Set();
  for (const m of s.matchAll(/"stage":"([A-Z_]+)"/g)) stages.add(m[1]);
  for (const k of ['IXSCAN', 'COLLSCAN', 'IDHACK', 'EXPRESS_IXSCAN', 'FETCH']) if (s.includes(k)) stages.add(k);
  if (/"pushdown"\s*:\s*true|"filterPushdown"\s*:\s*true/.test(s)) stages.add('pushdown');
  if (/"indexName"|"indexBounds"/.test(s)) stages.add('index named');
  const index = /IXSCAN|IDHACK|EXPRESS_IXSCAN|"indexName"|"indexBounds"|Index Scan|Index Only Scan|SEARCH .* USING .*INDEX/.test(s);
  return { stages: [...stages].join('+') || 'none reported', index, raw: s.slice(0, 600) };
}

// ---------- probes ----------

async function atomicity(db) {
  const col = db.collection('counters');
  const races = db.collection('races');
  await races.createIndex({ key: 1 }, { unique: true });
  const inc = [];
  const cas = [];
  const uniq = [];
  const errors = new Set();
  for (let r = 0; r < ROUNDS; r++) {
    await col.insertOne({ _id: `ctr-${r}`, n: 0, v: 0 });
    const a = await Promise.allSettled(Array.from({ length: 50 }, () => col.updateOne({ _id: `ctr-${r}` }, { $inc: { n: 1 } })));
    a.filter((x) => x.status === 'rejected').forEach((x) => errors.add(`$inc: ${x.reason?.message}`));
    inc.push((await col.findOne({ _id: `ctr-${r}` })).n);

    const b = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        col.findOneAndUpdate({ _id: `ctr-${r}`, v: 0 }, { $set: { v: 1, winner: i }, $inc: { writes: 1 } }),
      ),
    );
    b.filter((x) => x.status === 'rejected').forEach((x) => errors.add(`findOneAndUpdate: ${x.reason?.message}`));
    const winners = b.filter((x) => x.status === 'fulfilled' && x.value).length;
    const writes = (await col.findOne({ _id: `ctr-${r}` })).writes ?? 0;
    cas.push({ winners, writes });

    const c = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => races.insertOne({ _id: `u-${r}-${i}`, key: `race-${r}` })));
    c.filter((x) => x.status === 'rejected' && x.reason?.code !== 11000).forEach((x) => errors.add(`insert: ${x.reason?.message}`));
    const stored = await races.countDocuments({ key: `race-${r}` });
    uniq.push({ winners: c.filter((x) => x.status === 'fulfilled').length, stored });
  }
  const res = {
    inc: inc,
    incOk: inc.every((n) => n === 50),
    casWinners: cas.map((x) => x.winners),
    casWrites: cas.map((x) => x.writes),
    casOk: cas.every((x) => x.winners === 1 && x.writes === 1),
    uniqueWinners: uniq.map((x) => x.winners),
    uniqueStored: uniq.map((x) => x.stored),
    uniqueOk: uniq.every((x) => x.winners === 1 && x.stored === 1),
    errors: [...errors].slice(0, 5),
  };
  log(`atomicity (${ROUNDS} rounds):`);
  log(`  50 parallel $inc -> final values ${res.inc.join(',')}  ${res.incOk ? 'OK' : 'LOST UPDATES'}`);
  log(`  20 version-checked findOneAndUpdate -> winners ${res.casWinners.join(',')} (writes applied ${res.casWrites.join(',')})  ${res.casOk ? 'OK' : 'MORE THAN ONE WINNER'}`);
  log(`  20 inserts racing on a unique index -> winners ${res.uniqueWinners.join(',')} (stored ${res.uniqueStored.join(',')})  ${res.uniqueOk ? 'OK' : 'DUPLICATES'}`);
  if (res.errors.length) log(`  errors: ${res.errors.join(' | ')}`);
  return res;
}

async function load(col) {
  const B = 1000;
  const t0 = hr();
  let loaded = 0;
  const budget = TIME_LIMIT_MS * 0.8 - (Date.now() - started);
  while (loaded < N) {
    const docs = [];
    for (let j = loaded; j < Math.min(N, loaded + B); j++) docs.push(petition(j));
    await col.insertMany(docs, { ordered: false });
    loaded += docs.length;
    if (hr() - t0 > budget && loaded < N) break;
  }
  const secs = (hr() - t0) / 1000;
  const res = { loaded, finished: loaded === N, perSec: loaded / secs, secs };
  log(`bulk insert (insertMany of 1000): ${loaded}/${N} docs in ${secs.toFixed(1)} s = ${res.perSec.toFixed(0)} docs/s${res.finished ? '' : '  DID NOT FINISH (time limit)'}`);
  return res;
}

async function singleInserts(col) {
  const measure = async (concurrency, count) => {
    let next = 0;
    const t0 = hr();
    const worker = async () => {
      while (next < count && hr() - t0 < 15_000) {
        const i = next++;
        await col.insertOne({ ...petition(5_000_000 + concurrency * 100_000 + i) });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return next / ((hr() - t0) / 1000);
  };
  const one = await measure(1, 500);
  const eight = await measure(8, 2000);
  log(`single insertOne: ${one.toFixed(0)}/s (1 client), ${eight.toFixed(0)}/s (8 concurrent)`);
  return { oneClient: one, eightConcurrent: eight };
}

async function lookups(col, n) {
  const k = (i) => (i * 7919) % n;
  log(`indexed lookups at ${n} documents (ms per op):`);
  const res = {};
  res.byId = await lookup('_id', (i) => col.findOne({ _id: `pet-${pad(k(i))}` }));
  res.topLevel = await lookup('top-level idempotencyKey', (i) => col.findOne({ idempotencyKey: `idem-${pad(k(i))}` }));
  res.dotted = await lookup('dotted petitioners.personId', (i) =>
    col.find({ 'petitioners.personId': `person-${pad(Math.floor(k(i) / 2))}` }).toArray(),
  );
  res.in = await lookup('$in (5) on queryCode', (i) =>
    col.find({ queryCode: { $in: [0, 1, 2, 3, 4].map((d) => `Q${pad(k(i * 5 + d))}`) } }).toArray(),
  );
  res.compoundSort = await lookup('unitId = x sort receivedAt -1 limit 20', (i) =>
    col.find({ unitId: `unit-${i % UNITS}` }).sort({ receivedAt: -1 }).limit(20).toArray(),
  );
  res.dottedInSort = await lookup('personId $in (3) sort receivedAt limit 20', (i) =>
    col
      .find({ 'petitioners.personId': { $in: [0, 1, 2].map((d) => `person-${pad(Math.floor(k(i * 3 + d) / 2))}`) } })
      .sort({ receivedAt: -1 })
      .limit(20)
      .toArray(),
  );
  return res;
}

async function explains(col) {
  const shapes = {
    byId: col.find({ _id: 'pet-0000005' }),
    topLevel: col.find({ idempotencyKey: 'idem-0000005' }),
    dotted: col.find({ 'petitioners.personId': 'person-0000005' }),
    in: col.find({ queryCode: { $in: ['Q0000001', 'Q0000002'] } }),
    compoundSort: col.find({ unitId: 'unit-3' }).sort({ receivedAt: -1 }).limit(20),
  };
  const res = {};
  log('explain:');
  for (const [name, cursor] of Object.entries(shapes)) {
    try {
      res[name] = planStages(await cursor.explain());
    } catch (e) {
      res[name] = { stages: `explain failed: ${e.message.slice(0, 80)}`, index: false };
    }
    log(`  ${name.padEnd(14)} index: ${res[name].index ? 'yes' : 'no '}  ${res[name].stages}`);
  }
  return res;
}

async function runProbes(url, pidForRss) {
  // Generous timeouts: a store that runs one command at a time (tools/ferretdb's lock) answers
  // the driver's heartbeat only after the scan in front of it.
  const client = new MongoClient(url, { maxPoolSize: 64, serverSelectionTimeoutMS: 300_000, connectTimeoutMS: 300_000, heartbeatFrequencyMS: 60_000 });
  await client.connect();
  const db = client.db(`probe_${Date.now()}`);
  try {
    if (!opt['skip-atomicity']) results.atomicity = await atomicity(db);
    const col = db.collection('petitions');
    await col.createIndex({ idempotencyKey: 1 }, { unique: true });
    await col.createIndex({ queryCode: 1 }, { unique: true });
    await col.createIndex({ 'petitioners.personId': 1 });
    await col.createIndex({ unitId: 1, receivedAt: -1 });
    await col.createIndex({ receivedAt: -1 });
    const docSize = Buffer.byteLength(JSON.stringify(petition(12345)));
    log(`documents: ~${docSize} bytes as JSON each`);
    results.docBytes = docSize;
    results.load = await load(col);
    if (pidForRss) {
      results.rssAfterLoadMiB = treeRssMiB(pidForRss);
      log(`RSS after load: ${results.rssAfterLoadMiB} MiB`);
    }
    if (!opt['skip-lookups']) results.lookups = await lookups(col, results.load.loaded);
    results.explain = await explains(col);
    results.singleInserts = await singleInserts(col);
    if (pidForRss) {
      results.rssEndMiB = treeRssMiB(pidForRss);
      log(`RSS at the end: ${results.rssEndMiB} MiB`);
    }
    await db.dropDatabase().catch(() => undefined);
  } finally {
    await client.close();
  }
}

async function durability(template, K) {
  const dir = opt['data-dir'] ?? mkdtempSync(join(tmpdir(), 'store-probe-'));
  const port = await freePort();
  const res = { K, dir };
  // One kill per write concern, each right after that phase's own last acknowledgement, so a
  // later phase's writes cannot flush an earlier phase's data before the kill.
  for (const [name, wc] of [
    ['default', undefined],
    ['journaled', { w: 1, j: true }],
  ]) {
    const store = await startStore(template, dir, port);
    const client = new MongoClient(store.url, { maxPoolSize: 4 });
    await client.connect();
    const col = client.db('probe_durability').collection(name);
    await col.drop().catch(() => undefined); // a store whose data outlives --data-dir (PostgreSQL)
    let acked = 0;
    let error = null;
    for (let i = 0; i < K; i++) {
      try {
        await col.insertOne(petition(i), wc ? { writeConcern: wc } : {});
        acked++;
      } catch (e) {
        error = e.message;
        break;
      }
    }
    store.child.kill('SIGKILL');
    await new Promise((r) => store.child.once('exit', r));
    await client.close(true).catch(() => undefined);
    const again = await startStore(template, dir, port);
    const c2 = new MongoClient(again.url);
    await c2.connect();
    const survived = await c2.db('probe_durability').collection(name).countDocuments({});
    await c2.close();
    await again.stop();
    res[name] = { acked, survived, restartMs: again.startMs, error };
    log(`durability, ${name === 'default' ? 'default write concern' : '{w:1, j:true}'}: ${survived}/${acked} acknowledged inserts survived kill -9 (restart ${again.startMs} ms)${error ? `; write error: ${error}` : ''}`);
  }
  return res;
}

// ---------- main ----------

const hostOk = (u) => /^mongodb:\/\/([^@/]*@)?(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(u);
let store = null;
try {
  log(`store-probe ${opt.label}: ${results.machine}`);
  if (opt.durability) {
    if (!opt['start-cmd']) throw new Error('--durability needs --start-cmd');
    results.durability = await durability(opt['start-cmd'], Number(opt.durability));
  } else if (opt['start-cmd']) {
    const dir = opt['data-dir'] ?? mkdtempSync(join(tmpdir(), 'store-probe-'));
    store = await startStore(opt['start-cmd'], dir, await freePort());
    log(`started in ${store.startMs} ms at ${store.url} (data ${dir}), RSS ${treeRssMiB(store.child.pid)} MiB`);
    results.startMs = store.startMs;
    results.rssIdleMiB = treeRssMiB(store.child.pid);
    await runProbes(store.url, store.child.pid);
  } else if (opt.url) {
    if (!hostOk(opt.url)) throw new Error(`--url must be a loopback mongodb:// URL, got ${opt.url}`);
    await runProbes(opt.url, opt.pid);
  } else {
    throw new Error('give --url or --start-cmd');
  }
} catch (e) {
  results.error = e.message;
  console.error(`store-probe: ${e.stack ?? e}`);
  if (store) console.error(`store output (tail):\n${store.output().slice(-1500)}`);
  process.exitCode = 1;
} finally {
  if (store) await store.stop();
  results.totalSecs = (Date.now() - started) / 1000;
  if (opt.json) writeFileSync(opt.json, JSON.stringify(results, null, 2));
}
