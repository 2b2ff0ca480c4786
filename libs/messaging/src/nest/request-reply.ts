import { RpcException } from '@nestjs/microservices';

/** Error part of a request/reply answer: a stable code and a human message. */
export interface ReplyError {
  code: string;
  message: string;
  correlationId?: string;
}

/** What a `@MessagePattern` handler's answer looks like on the wire. */
export type RequestReply<T = unknown> = { ok: true; data: T } | { ok: false; error: ReplyError };

/** The generic code for failures that carry no code of their own; their text is not sent. */
export const INTERNAL_ERROR_CODE = 'INTERNAL';

/** Thrown (or passed to the observer) on the requesting side when the reply says `ok: false`. */
export class RequestReplyError extends Error {
  readonly code: string;
  readonly correlationId?: string;

  constructor(error: ReplyError) {
    super(error.message);
    this.name = 'RequestReplyError';
    this.code = error.code;
    this.correlationId = error.correlationId;
  }
}

function codeAndMessage(value: unknown): { code: string; message: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { code, message } = value as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !code) return undefined;
  return { code, message: typeof message === 'string' ? message : code };
}

/**
 * Maps a handler failure to a reply error. Errors that carry a string `code` (business failures,
 * `RpcException({ code, message })`) keep their code and message; anything else becomes
 * `INTERNAL` with a generic message, so internals never leak to callers.
 */
export function toReplyError(err: unknown, correlationId?: string): ReplyError {
  const withId = (e: { code: string; message: string }): ReplyError =>
    correlationId ? { ...e, correlationId } : e;
  const inner = err instanceof RpcException ? err.getError() : err;
  const coded = codeAndMessage(inner);
  if (coded) return withId(coded);
  if (err instanceof RpcException && typeof inner === 'string') {
    return withId({ code: 'RPC_ERROR', message: inner });
  }
  return withId({ code: INTERNAL_ERROR_CODE, message: 'Internal error' });
}

/** True for a well-formed reply. */
export function isRequestReply(value: unknown): value is RequestReply {
  if (!value || typeof value !== 'object') return false;
  const reply = value as { ok?: unknown; error?: unknown };
  if (reply.ok === true) return 'data' in reply;
  return reply.ok === false && codeAndMessage(reply.error) !== undefined;
}
