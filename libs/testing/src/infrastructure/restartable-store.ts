import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, isRunning, onOutputLines, onProcessExit, terminate, unrefChild } from '../child-process';
import { findRepoRoot } from '../repo-root';
import { STORE_PYTHON, isExecutableFile } from './probes';

/** A MongoDB-wire store of one test's own that can be stopped and started again. */
export interface RestartableStore {
  /** `mongodb://127.0.0.1:<port>/?retryWrites=false`; the same across restarts. */
  url: string;
  /** True while the store answers. */
  readonly running: boolean;
  /** Kills the store as in a crash (SIGKILL); its data stays. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  /** Kills it for `ms`, then starts it again: a database outage of that length. */
  outage(ms: number): Promise<void>;
  /** Stops it and removes its data. Idempotent. */
  close(): Promise<void>;
}

const READY = /secantus listening on (\S+):(\d+)/;
const READY_TIMEOUT_MS = 60_000;

/**
 * Starts the embedded SecantusDB store (`tools/secantus/.venv`, installed by the Jest global
 * setup) in a folder of its own, for tests that take the database away: the shared store of the
 * run must stay up for every other test file. Restarts reuse the port and the data, so the
 * services' connection strings stay valid and what was written before the outage is still there.
 */
export async function startRestartableStore(): Promise<RestartableStore> {
  const python = join(findRepoRoot(), STORE_PYTHON);
  if (!isExecutableFile(python)) {
    throw new Error(`${python} is missing: run a test through a jest.config.js with the global setup, or bash tools/secantus/setup.sh`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'pdmc-test-store-'));
  let child: ChildProcess | undefined;
  let port = 0;
  const unregister = onProcessExit(() => child?.kill('SIGKILL'));

  const launch = async (): Promise<string> => {
    const started = spawn(
      python,
      ['-m', 'secantus', '--host', '127.0.0.1', '--port', String(port), '--storage-path', join(dir, 'data'), '--log-level', 'INFO', '--oplog-max-entries', '1000', '--oplog-retention-seconds', '60'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    unrefChild(started);
    child = started;
    const output: string[] = [];
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`test store did not start within ${READY_TIMEOUT_MS} ms:\n${output.join('\n')}`)), READY_TIMEOUT_MS);
      started.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`test store exited while starting (code ${code}, signal ${signal}):\n${output.slice(-20).join('\n')}`));
      });
      onOutputLines(started, (line) => {
        output.push(line);
        const match = READY.exec(line);
        if (match && isRunning(started)) {
          clearTimeout(timer);
          resolve(`mongodb://127.0.0.1:${match[2]}/?retryWrites=false`);
        }
      });
    });
  };

  const url = await launch();
  port = Number(new URL(url).port);
  let closed: Promise<void> | undefined;
  const store: RestartableStore = {
    url,
    get running() {
      return Boolean(child && isRunning(child));
    },
    async kill() {
      if (child && isRunning(child)) {
        child.kill('SIGKILL');
        await exited(child);
      }
    },
    async start() {
      if (child && isRunning(child)) return;
      // The port was ours a moment ago; a few tries cover the kernel releasing it.
      for (let attempt = 1; ; attempt++) {
        try {
          await launch();
          return;
        } catch (error) {
          if (attempt >= 5) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
    },
    async outage(ms: number) {
      await store.kill();
      await new Promise((resolve) => setTimeout(resolve, ms));
      await store.start();
    },
    close() {
      closed ??= (async () => {
        if (child) await terminate(child, 5_000);
        await rm(dir, { recursive: true, force: true, maxRetries: 3 });
        unregister();
      })();
      return closed;
    },
  };
  return store;
}
