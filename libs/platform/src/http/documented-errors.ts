import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
};

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const ERROR_SCHEMA_NAME = 'ApiError';
const ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'code', 'message', 'correlationId', 'path'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    code: { type: 'string', example: 'VALIDATION_FAILED', description: 'Stable, machine-readable code' },
    message: { type: 'string', example: 'Invalid input: escalated (notNull)' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'rule', 'message'],
        properties: {
          field: { type: 'string', example: 'escalated' },
          rule: { type: 'string', example: 'notNull' },
          message: { type: 'string', example: 'escalated must not be null; leave it out instead' },
        },
      },
    },
    correlationId: { type: 'string', example: '5b0f7c2e-0d7e-4d8a-9a59-3c1a2b4d5e6f' },
    path: { type: 'string', example: '/petitions' },
  },
};

const DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid input; `details` names each field and rule.',
  '401': 'No valid bearer token.',
  '403': 'The token lacks the permission this operation needs.',
  '404': 'No such object, or outside the caller’s scope.',
  '409': 'Not allowed in the object’s current state; the message names the state.',
  '413': 'The body is larger than the service’s limit.',
  '415': 'The body is not `application/json`.',
  '422': 'A business rule refused the request; `code` says which.',
  '429': 'Too many requests; try again later.',
};

/**
 * Which error answers an operation can give, read from the operation itself: 400 when it takes
 * input, 401/403 when it needs a token, 404 when its path names an object, 409/413/415/422 when
 * it changes state with a body, 429 when it is rate-limited (documented by `@RateLimit`).
 */
function errorStatusesOf(method: string, path: string, op: Operation, securedByDefault: boolean): string[] {
  const statuses = new Set<string>();
  const hasBody = op.requestBody !== undefined;
  if (hasBody || (op.parameters?.length ?? 0) > 0) statuses.add('400');
  if (op.security ? op.security.length > 0 : securedByDefault) ['401', '403'].forEach((s) => statuses.add(s));
  if (path.includes('{')) statuses.add('404');
  if (STATE_CHANGING.has(method)) ['409', '422'].forEach((s) => statuses.add(s));
  if (hasBody) ['413', '415'].forEach((s) => statuses.add(s));
  return [...statuses];
}

/**
 * Documents every operation's error answers in the shared `ApiError` shape, so clients (and
 * the fuzzing suite, which checks each answer against the document) know them. Answers an
 * operation documents itself keep their description; the shape is added where it is missing.
 * Applied in `startService`, so every service gets it without decorating each route.
 */
export function documentErrorAnswers(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[ERROR_SCHEMA_NAME] = ERROR_SCHEMA as never;
  const errorContent = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } } };
  const securedByDefault = (document.security?.length ?? 0) > 0;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      op.responses ??= {};
      for (const status of errorStatusesOf(method, path, op, securedByDefault)) {
        op.responses[status] ??= { description: DESCRIPTIONS[status] };
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (/^[45]\d\d$/.test(status) && !response.content) response.content = errorContent;
      }
    }
  }
  return document;
}
