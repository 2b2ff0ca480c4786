import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exited, isRunning, onOutputLines, onProcessExit, terminate, unrefChild } from './child-process';
import { freePort } from './free-port';
import { findRepoRoot } from './repo-root';
import { sleep } from './wait-for';

/** The services of this repository, by folder name under `services/`. */
export type ServiceName = 'intake' | 'routing' | 'handling' | 'emergency' | 'funds';

/** Options for {@link startServiceProcess}. */
export interface ServiceProcessOptions {
  service: ServiceName;
  /** Added to (and overriding) the test process's environment. */
  env: Record<string, string>;
  /** HTTP port; a free one is picked when omitted. */
  port?: number;
  /** How long to wait for `GET /ready` to answer 200. Default 30 000 ms. */
  readyTimeoutMs?: number;
}

/** A running service, started from its build output `services/<service>/dist/main.js`. */
export interface ServiceProcess {
  service: ServiceName;
  port: number;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Every stdout and stderr line so far, across restarts, oldest first. */
  logs(): string[];
  /** SIGTERM, wait for the exit (SIGKILL after 10 s); resolves with the exit code (null if killed by a signal). */
  stop(): Promise<number | null>;
  /** SIGKILL, as in a crash; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts the service again with the same environment and port (stopping it first if it runs). */
  restart(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;
const LOG_LINES_IN_ERRORS = 50;

/**
 * Kills the service when the process that started it has gone: a Jest worker is
 * a sandbox whose exit events never reach this library, and a worker may be
 * force-killed. The service polls its parent pid and terminates itself once it
 * changes. Passed as a data: URL to `--import`, so no extra file is needed.
 */
const PARENT_WATCHDOG = [
  'const parent = process.ppid;',
  'setInterval(() => {',
  '  if (process.ppid !== parent) {',
  "    process.kill(process.pid, 'SIGTERM');",
  '    setTimeout(() => process.exit(1), 10000).unref();',
  '  }',
  '}, 500).unref();',
].join('\n');

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Outside Jest (scripts, e2e runners) the exit hooks work and kill what is still running. */
function killRunningOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  onProcessExit(() => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * Runs a built service as a real process, the way it runs in production, and
 * resolves once `GET /ready` answers 200. Build the service first
 * (`npx nx build <service>`). On timeout or early exit it rejects with the last
 * 50 log lines.
 */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const { service, ...rest } = options;
  const entry = join(findRepoRoot(), 'services', service, 'dist', 'main.js');
  if (!existsSync(entry)) {
    throw new Error(`${entry} does not exist; build the service first: npx nx build ${service}`);
  }
  const started = await startNodeProcess({ ...rest, name: service, entry });
  return { ...started, service };
}

/** Options for {@link startNodeProcess}. */
export interface NodeProcessOptions extends Omit<ServiceProcessOptions, 'service'> {
  /** Used in messages and log echo. */
  name: string;
  /** The script to run with this Node binary. */
  entry: string;
}

/** What {@link startNodeProcess} returns: a {@link ServiceProcess} without the service name. */
export type NodeProcess = Omit<ServiceProcess, 'service'>;

/**
 * Runs `node <entry>` with `HTTP_PORT` set and waits for `GET /ready` to answer
 * 200. The engine of {@link startServiceProcess}; exported for the harness's own tests.
 */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const { name, entry, readyTimeoutMs = 30_000 } = options;
  const repoRoot = findRepoRoot();
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, HTTP_PORT: String(port) };
  const lines: string[] = [];
  let child: ChildProcess | undefined;

  killRunningOnExit();
  const launch = async (): Promise<void> => {
    const started = spawn(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(PARENT_WATCHDOG)}`, entry],
      { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    unrefChild(started);
    running.add(started);
    started.once('exit', () => running.delete(started));
    onOutputLines(started, (line) => {
      lines.push(line);
      if (process.env.PDMC_TEST_SERVICE_LOGS === '1') {
        process.stderr.write(`[${name}] ${line}\n`);
      }
    });
    await waitUntilReady(started, `${baseUrl}/ready`, readyTimeoutMs, name, lines);
  };

  const stop = async (): Promise<number | null> => {
    if (!child) return null;
    return (await terminate(child, STOP_GRACE_MS)).code;
  };

  await launch();
  return {
    port,
    baseUrl,
    logs: () => [...lines],
    stop,
    async kill() {
      if (child && isRunning(child)) {
        const exit = exited(child);
        child.kill('SIGKILL');
        await exit;
      }
    },
    async restart() {
      await stop();
      await launch();
    },
  };
}

async function waitUntilReady(
  child: ChildProcess,
  readyUrl: string,
  timeoutMs: number,
  name: string,
  lines: string[],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  const failure = (what: string): Error =>
    new Error(
      `${name} ${what} (GET ${readyUrl}: ${lastProblem}). Last ${LOG_LINES_IN_ERRORS} log lines:\n` +
        (lines.slice(-LOG_LINES_IN_ERRORS).join('\n') || '(none)'),
    );

  for (;;) {
    if (!isRunning(child)) {
      // Let the pipes deliver the last lines before quoting them.
      await sleep(50);
      throw failure(`exited before it was ready (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        await response.body?.cancel();
        return;
      }
      lastProblem = `status ${response.status}`;
      await response.body?.cancel();
    } catch (error) {
      lastProblem = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    if (Date.now() >= deadline) {
      const exit = exited(child);
      child.kill('SIGKILL');
      await exit;
      throw failure(`was not ready within ${timeoutMs / 1000} s`);
    }
    await sleep(100);
  }
}
