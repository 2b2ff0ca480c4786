import type { FastifyInstance } from 'fastify';
import { DomainError } from './api-error';

/** Deepest nesting of arrays and objects a JSON body may have; no request of ours needs more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/** 400: a body nested deeper than `MAX_JSON_DEPTH`. */
export class BodyTooDeepError extends DomainError {
  constructor(limit: number) {
    super('BODY_TOO_DEEP', `The JSON body is nested deeper than ${limit} levels`, 400, [
      { field: '', rule: 'maxDepth', message: `nesting deeper than ${limit} levels` },
    ]);
  }
}

/**
 * How deep arrays and objects nest in a JSON text, counted without parsing (a loop, no
 * recursion), so a hostile body is refused before anything recursive sees it. Stops counting
 * once `limit` is passed.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * The only request body format the APIs take: `application/json` (any other type answers
 * 415), with Fastify's prototype-poisoning protection and a nesting limit. Form-encoded and
 * plain-text bodies are refused on purpose: a cross-site HTML form can send those without a
 * CORS preflight, JSON it cannot. Call before Nest registers its own parsers, and create the
 * app with `bodyParser: false`.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance, options: { bodyLimit: number; maxDepth?: number }): void {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: options.bodyLimit }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, maxDepth)) {
      done(new BodyTooDeepError(maxDepth), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
