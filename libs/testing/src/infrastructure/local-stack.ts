import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { exited, isRunning, onOutputLines, onProcessExit, terminate, unrefChild } from '../child-process';
import { waitFor } from '../wait-for';
import type { StoreSource } from './choose-infrastructure';
import type { StartedInfrastructure } from './started-infrastructure';

const STACK_DIR_PREFIX = 'pdmc-test-infra-';
const OWNER_FILE = 'owner.json';
const STORE_READY_TIMEOUT_MS = 60_000;
const NATS_READY_TIMEOUT_MS = 15_000;
const STORE_INSTALL_TIMEOUT_MS = 10 * 60_000;
const STOP_GRACE_MS = 5_000;
const KEPT_OUTPUT_LINES = 200;

/** What the local stack needs, as decided by `chooseInfrastructure`. */
export interface LocalStackOptions {
  repoRoot: string;
  natsServerPath: string;
  store: StoreSource;
  /** Environment for the install script (its PATH must reach bash). */
  env: NodeJS.ProcessEnv;
}

/** The data kept in each stack folder so a later run can clean up after a killed one. */
interface OwnerRecord {
  ownerPid: number;
  childPids: number[];
}

/**
 * Starts `nats-server -js` and the embedded SecantusDB on ports the kernel picks,
 * with their data in a fresh folder under the OS temp dir. The children are
 * killed and the folder removed on `stop()`, and also if this process exits or
 * is interrupted first.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<StartedInfrastructure> {
  sweepAbandonedStacks();
  const dir = await mkdtemp(join(tmpdir(), STACK_DIR_PREFIX));
  const owner: OwnerRecord = { ownerPid: process.pid, childPids: [] };
  const children: ChildProcess[] = [];
  const track = (child: ChildProcess): void => {
    children.push(child);
    if (child.pid !== undefined) {
      owner.childPids.push(child.pid);
      writeFileSync(join(dir, OWNER_FILE), JSON.stringify(owner));
    }
  };
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify(owner));

  let stopping = false;
  const unregister = onProcessExit(() => {
    stopping = true;
    for (const child of children) {
      child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const stopAll = async (): Promise<void> => {
    stopping = true;
    await Promise.all(children.map((child) => terminate(child, STOP_GRACE_MS)));
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    unregister();
  };
  const reportUnexpectedExit = (name: string, daemon: Daemon): void => {
    daemon.child.once('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(
          `[test-infra] ${name} exited unexpectedly (code ${code}, signal ${signal}); last output:\n` +
            `${daemon.output.slice(-20).join('\n')}\n`,
        );
      }
    });
  };

  try {
    const [nats, storePython] = await Promise.all([startNats(options.natsServerPath, dir, track), resolveStorePython(options)]);
    const store = await startDaemon({
      name: 'SecantusDB',
      command: storePython,
      // Port 0: the server binds a free port and logs it, so there is no pick-then-bind race.
      args: ['-m', 'secantus', '--host', '127.0.0.1', '--port', '0', '--storage-path', join(dir, 'secantus'), '--log-level', 'INFO', '--oplog-max-entries', '1000', '--oplog-retention-seconds', '60'],
      ready: /secantus listening on (\S+):(\d+)/,
      timeoutMs: STORE_READY_TIMEOUT_MS,
      track,
    });
    reportUnexpectedExit('nats-server', nats.daemon);
    reportUnexpectedExit('SecantusDB', store);
    let stopped: Promise<void> | undefined;
    return {
      source: 'local',
      // No retryable writes: the store's registry of them costs more than the write (decision 0010).
      mongoUrl: `mongodb://127.0.0.1:${store.match[2]}/?retryWrites=false`,
      natsUrl: nats.url,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startNats(
  natsServerPath: string,
  dir: string,
  track: (child: ChildProcess) => void,
): Promise<{ url: string; daemon: Daemon }> {
  // Port -1 lets nats-server bind a random free port and log it: no pick-then-bind race.
  const daemon = await startDaemon({
    name: 'nats-server',
    command: natsServerPath,
    args: ['-a', '127.0.0.1', '-p', '-1', '-js', '-sd', join(dir, 'nats')],
    ready: /Listening for client connections on (\S+):(\d+)/,
    timeoutMs: NATS_READY_TIMEOUT_MS,
    track,
  });
  const url = `nats://127.0.0.1:${daemon.match[2]}`;
  await waitFor(
    async () => {
      const nc = await connect({ servers: url, timeout: 1_000, reconnect: false });
      try {
        await (await jetstreamManager(nc)).getAccountInfo();
        return true;
      } finally {
        await nc.close();
      }
    },
    { description: `nats-server at ${url} to accept clients with JetStream enabled`, timeoutMs: NATS_READY_TIMEOUT_MS },
  );
  return { url, daemon };
}

/** The python of the SecantusDB venv, installing it first when python3 is there (a no-op when up to date). */
async function resolveStorePython({ repoRoot, store, env }: LocalStackOptions): Promise<string> {
  if (store.kind === 'installed') {
    return store.pythonPath;
  }
  const script = join(repoRoot, 'tools/secantus/setup.sh');
  if (!existsSync(script)) {
    throw new Error(`${script} is missing; it installs the SecantusDB test server.`);
  }
  const child = spawn('bash', [script], {
    cwd: repoRoot,
    env: { ...env, PDMC_PYTHON: store.pythonPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  onOutputLines(child, (line, stream) => {
    if (stream === 'stdout') {
      stdout.push(line);
    } else {
      stderr.push(line);
      // A first install downloads from PyPI; say so instead of looking stuck.
      process.stderr.write(`[test-infra] ${line}\n`);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), STORE_INSTALL_TIMEOUT_MS);
  const { code, signal } = await exited(child).finally(() => clearTimeout(timer));
  const python = stdout.at(-1)?.trim();
  if (code !== 0 || !python) {
    throw new Error(`bash tools/secantus/setup.sh failed (code ${code}, signal ${signal}):\n` + stderr.slice(-30).join('\n'));
  }
  return python;
}

interface Daemon {
  child: ChildProcess;
  match: RegExpMatchArray;
  /** The last lines of stdout and stderr, for diagnostics. */
  output: string[];
}

interface DaemonOptions {
  name: string;
  command: string;
  args: string[];
  /** Matched against each output line; the first match means "ready". */
  ready: RegExp;
  timeoutMs: number;
  track: (child: ChildProcess) => void;
}

/** Spawns a server and resolves once a line of its output matches `ready`. */
function startDaemon({ name, command, args, ready, timeoutMs, track }: DaemonOptions): Promise<Daemon> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  unrefChild(child);
  track(child);
  const output: string[] = [];

  return new Promise<Daemon>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      const tail = output.slice(-50).join('\n') || '(no output)';
      reject(new Error(`${name} (${command} ${args.join(' ')}) ${reason}. Its output:\n${tail}`));
    };
    const timer = setTimeout(() => fail(`did not become ready within ${timeoutMs / 1000} s`), timeoutMs);

    child.once('error', (error) => fail(`could not be started: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited before it was ready (code ${code}, signal ${signal})`));
    onOutputLines(child, (line) => {
      output.push(line);
      if (output.length > KEPT_OUTPUT_LINES) output.shift();
      const match = settled ? null : ready.exec(line);
      if (match && isRunning(child)) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, match, output });
      }
    });
  });
}

/**
 * Removes stack folders whose owner process is gone (it was SIGKILLed, so its
 * exit hooks never ran) and kills their servers. A pid is killed only if its
 * command line still names that folder, so a reused pid is never hit.
 */
function sweepAbandonedStacks(): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir()).filter((entry) => entry.startsWith(STACK_DIR_PREFIX));
  } catch {
    return;
  }
  for (const entry of entries) {
    const dir = join(tmpdir(), entry);
    try {
      const owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as OwnerRecord;
      if (isAlive(owner.ownerPid)) continue;
      for (const pid of owner.childPids) {
        if (commandLine(pid)?.includes(dir)) process.kill(pid, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Not ours, not readable, or being created right now: leave it alone.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}
