/** Options for {@link waitFor}. */
export interface WaitForOptions {
  /** What is awaited, in words; it starts the timeout message. */
  description: string;
  /** Give up after this long. Default 15 000 ms. */
  timeoutMs?: number;
  /** Pause between two probes. Default 100 ms. */
  intervalMs?: number;
}

type Falsy = undefined | null | false;

/**
 * Calls `probe` until it returns a truthy value and resolves with that value.
 *
 * A probe that throws counts as "not yet"; when time runs out the promise rejects
 * with `description` and the last error (or the last value) so a failing test
 * says what it was waiting for.
 */
export async function waitFor<T>(
  probe: () => Promise<T | Falsy> | T | Falsy,
  { description, timeoutMs = 15_000, intervalMs = 100 }: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  let attempts = 0;

  for (;;) {
    attempts += 1;
    try {
      const value = await withDeadline(Promise.resolve(probe()), deadline);
      if (value) {
        return value;
      }
      lastValue = value;
      lastError = undefined;
    } catch (error) {
      if (error !== deadlinePassed) {
        lastError = error;
      }
    }

    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const last =
        lastError !== undefined ? `last error: ${describeError(lastError)}` : `last value: ${String(lastValue)}`;
      throw new Error(`Timed out after ${timeoutMs} ms (${attempts} attempts) waiting for ${description}; ${last}`, {
        cause: lastError,
      });
    }
    await sleep(Math.min(intervalMs, remaining));
  }
}

const deadlinePassed = Symbol('deadline passed');

/** A probe that hangs must not keep waitFor past its timeout. */
function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(deadlinePassed), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
