import { readFileSync } from 'node:fs';
import { systemClock, type Clock } from './clock';

/**
 * The clock a service process runs on: the system clock, except in an end-to-end test.
 *
 * Services in end-to-end tests are separate processes and cannot share a ManualClock. With
 * `NODE_ENV=test` and `PDMC_TEST_CLOCK_FILE` naming a file, "now" is the real time moved by the
 * offset the file holds (`{"offsetMs": n}`; no file yet means no offset), read at every call so
 * the test moves every process at once by rewriting one file. Time keeps running between
 * rewrites, so retries and timers behave as they do in production. In any other environment the
 * variable is ignored, like `PDMC_FAULTS` (decision 0017): production always runs on real time.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  const file = env.PDMC_TEST_CLOCK_FILE?.trim();
  if (env.NODE_ENV !== 'test' || !file) return systemClock;
  return { now: () => new Date(Date.now() + readOffset(file)) };
}

function readOffset(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const offset = (JSON.parse(text) as { offsetMs?: unknown }).offsetMs;
  if (typeof offset !== 'number' || !Number.isFinite(offset)) throw new Error(`PDMC_TEST_CLOCK_FILE ${file}: offsetMs must be a number`);
  return offset;
}
