#!/usr/bin/env node
// `npm start`: the whole system on one machine without Docker. Installs what is missing,
// builds, starts nats-server (JetStream, one user per service with fresh random passwords) and
// the embedded SecantusDB store with data under .local-stack/, then the five services; Ctrl-C stops
// everything in reverse order.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const state = join(root, '.local-stack');
const natsPort = Number(process.env.LOCAL_NATS_PORT ?? 4233);
const mongoPort = Number(process.env.LOCAL_MONGO_PORT ?? 27033);
// The store keeps an oplog for change streams, which the platform does not use: keep it short.
const STORE_OPLOG_FLAGS = ['--oplog-max-entries', '1000', '--oplog-retention-seconds', '60'];
const SERVICES = [
  ['intake', 3001],
  ['routing', 3002],
  ['handling', 3003],
  ['emergency', 3004],
  ['funds', 3005],
];

const children = [];
let stopping = false;

function say(message) {
  process.stdout.write(`[local-stack] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function which(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  for (const dir of ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin']) {
    if (existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function ensureNatsServer() {
  if (process.env.PDMC_NATS_SERVER) return process.env.PDMC_NATS_SERVER;
  let path = which('nats-server');
  if (path) return path;
  if (process.getuid?.() === 0 && which('apt-get')) {
    say('installing nats-server from Debian packages');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'nats-server']);
    path = which('nats-server');
  }
  if (!path) throw new Error('nats-server is not installed: install the Debian package nats-server (or use docker compose up)');
  return path;
}

function waitForPort(port, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePort, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolvePort();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on 127.0.0.1:${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

async function waitForReady(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url}/ready did not answer 200 within ${timeoutMs / 1000}s`);
}

function start(name, command, args, env = {}) {
  mkdirSync(join(state, 'logs'), { recursive: true });
  const log = createWriteStream(join(state, 'logs', `${name}.log`), { flags: 'a' });
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited unexpectedly (${signal ?? code}); see .local-stack/logs/${name}.log`);
      shutdown(1);
    }
  });
  children.push({ name, child });
  return child;
}

/**
 * `always` when this nats-server knows `sync_interval` (2.10 and later); Debian's 2.9 does not
 * and would refuse the configuration, so there the server's default (a flush every 2 minutes)
 * applies and the stack says so. PDMC_NATS_SERVER may point at a newer build (decision 0017).
 */
function syncIntervalFor(natsServer) {
  const version = spawnSync(natsServer, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  const match = /v(\d+)\.(\d+)\./.exec(version);
  if (match && (Number(match[1]) > 2 || (Number(match[1]) === 2 && Number(match[2]) >= 10))) return 'always';
  say(`${version.trim() || 'nats-server'} has no sync_interval: acknowledged events may be lost if this machine loses power within 2 minutes (see docs/decisions/0017)`);
  return undefined;
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping');
  // Services first (they drain in-flight messages), then the servers they use.
  for (const { name, child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await new Promise((r) => child.once('exit', r));
    clearTimeout(timer);
    say(`${name} stopped`);
  }
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
    say('installing npm packages');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
  const natsServer = ensureNatsServer();
  say('installing the SecantusDB store if needed (first time: about 20 s from PyPI)');
  const store = spawnSync('bash', [join(root, 'tools/secantus/setup.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (store.status !== 0) throw new Error('installing tools/secantus failed (is Python 3.10+ with venv installed?)');
  const storePython = store.stdout.trim().split('\n').pop();
  say('building the services');
  run('npx', ['nx', 'run-many', '-t', 'build', '--projects=tag:type:app,auth', '--outputStyle=static']);

  // Imported only now: it uses the @pdmc/messaging just built. New passwords at every start, so
  // nothing outlives the stack; the JetStream data stays where it always was.
  const { generateNatsConfig } = await import('../nats/generate-config.mjs');
  const nats = generateNatsConfig({
    out: join(state, 'nats'),
    host: '127.0.0.1',
    port: natsPort,
    storeDir: join(state, 'nats'),
    // One server, one replica: each acknowledged event must be on disk (decision 0017).
    syncInterval: syncIntervalFor(natsServer),
    rotate: true,
  });
  const natsUsers = new Map(nats.services.map((s) => [s.service, s]));
  // Token issuer and personal-data keys persist across starts: stored data stays readable.
  const { ensureLocalSecrets } = await import('../secrets/generate.mjs');
  const secrets = await ensureLocalSecrets({ out: join(state, 'secrets') });
  mkdirSync(join(state, 'secantus'), { recursive: true });
  start('nats-server', natsServer, ['-c', nats.configFile]);
  // The services write with journal=true (below), so an acknowledged write survives a crash of
  // the store; --sync-on-commit would also survive a power cut, at a large cost per write.
  start('secantus', storePython, ['-m', 'secantus', '--host', '127.0.0.1', '--port', String(mongoPort), '--storage-path', join(state, 'secantus'), '--log-level', 'WARNING', ...STORE_OPLOG_FLAGS]);
  await Promise.all([waitForPort(natsPort), waitForPort(mongoPort)]);
  say(`nats-server on nats://127.0.0.1:${natsPort}, SecantusDB on mongodb://127.0.0.1:${mongoPort}/`);

  await Promise.all(
    SERVICES.map(async ([name, port]) => {
      const child = start(name, process.execPath, [join(root, 'services', name, 'dist', 'main.js')], {
        HTTP_PORT: String(port),
        // journal=true: a write is acknowledged once it is in the store's journal, so killing the
        // store loses no acknowledged petition, case or ledger entry (decision 0010).
        // retryWrites=false: the store keeps a registry for retryable writes that cost more than
        // half of its time per write (py-spy); the services' writes are idempotent by design.
        MONGO_URL: `mongodb://127.0.0.1:${mongoPort}/?journal=true&retryWrites=false`,
        NATS_URL: `nats://127.0.0.1:${natsPort}`,
        NATS_USER: natsUsers.get(name).user,
        NATS_PASSWORD: natsUsers.get(name).password,
        ...secrets.auth,
        ...(name === 'intake' || name === 'funds' ? secrets.pii : {}),
      });
      await waitForReady(`http://127.0.0.1:${port}`, child).catch((error) => {
        throw new Error(`${name}: ${error.message}; see .local-stack/logs/${name}.log`);
      });
    }),
  );
  say('all services ready:');
  for (const [name, port] of SERVICES) {
    process.stdout.write(`  ${name.padEnd(10)} http://127.0.0.1:${port}   (API docs: http://127.0.0.1:${port}/docs)\n`);
  }
  say(`staff tokens: npm run -s token -- --dir ${join('.local-stack', 'secrets', 'auth')} --sub clerk-01 --roles intake_clerk`);
  say('logs in .local-stack/logs/; press Ctrl-C to stop');
}

main().catch((error) => {
  say(`failed: ${error.message}`);
  shutdown(1);
});
