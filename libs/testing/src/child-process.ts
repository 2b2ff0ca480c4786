import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How a child ended: its exit code, or the signal that ended it. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Calls `onLine` for every line the child writes to stdout or stderr. */
export function onOutputLines(child: ChildProcess, onLine: (line: string, stream: 'stdout' | 'stderr') => void): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const readable = child[stream];
    if (readable) {
      createInterface({ input: readable, crlfDelay: Infinity }).on('line', (line) => onLine(line, stream));
    }
  }
}

/**
 * Lets the parent exit without waiting for the child or its pipes. The harness
 * never relies on the event loop staying alive for a child: a forgotten child
 * is killed by the exit hooks (or its parent watchdog) instead of hanging Jest.
 */
export function unrefChild(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<ChildExit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** True while the child has neither exited nor been reaped. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Sends SIGTERM, waits for the exit, and sends SIGKILL if it takes longer than `graceMs`. */
export async function terminate(child: ChildProcess, graceMs: number): Promise<ChildExit> {
  if (!isRunning(child)) {
    return exited(child);
  }
  const exit = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await exit;
  } finally {
    clearTimeout(timer);
  }
}

const exitCleanups = new Set<() => void>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let hooksInstalled = false;

/**
 * Runs `cleanup` (synchronously) when this process exits or receives
 * SIGINT/SIGTERM/SIGHUP. Returns a function that unregisters it.
 *
 * After running the cleanups on a signal, the signal is raised again so the
 * process still ends as the sender intended.
 * Inside Jest test files `process` is a sandbox copy whose events never fire;
 * service processes are covered there by their parent watchdog.
 */
export function onProcessExit(cleanup: () => void): () => void {
  installHooks();
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

function runExitCleanups(): void {
  for (const cleanup of [...exitCleanups]) {
    exitCleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Best effort while exiting: one failed cleanup must not stop the others.
    }
  }
}

function installHooks(): void {
  if (hooksInstalled) {
    return;
  }
  hooksInstalled = true;
  process.once('exit', runExitCleanups);
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      runExitCleanups();
      process.removeListener(signal, onSignal);
      // Raise it again even if other listeners remain: polite handlers such as
      // signal-exit only re-raise when they are alone, so deferring to them would
      // leave the process running with its servers gone.
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
