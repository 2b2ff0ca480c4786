import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface CorrelationScope {
  correlationId: string;
  /** Id of the event being handled, when the work was caused by one. */
  causationId?: string;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

/** Runs `fn` with the given correlation scope visible to logs and new events. */
export function runWithCorrelation<T>(scope: CorrelationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentCorrelation(): CorrelationScope | undefined {
  return storage.getStore();
}

/** The scope's correlation id, or a fresh one for work that started outside any request. */
export function correlationIdOrNew(): string {
  return storage.getStore()?.correlationId ?? randomUUID();
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Accepts a caller's correlation id only if it is a plain token, so it is safe to log. */
export function acceptCorrelationId(value: unknown): string {
  return typeof value === 'string' && CORRELATION_ID.test(value) ? value : randomUUID();
}
