import type { OpenAPIObject } from '@nestjs/swagger';
import { isOffsetDateTime } from './date-time';
import { documentErrorAnswers } from './documented-errors';
import { isWellFormedText } from './input-integrity';
import { jsonDepthExceeds } from './json-body';

describe('the platform’s input rules', () => {
  it('counts JSON nesting over the text, ignoring brackets inside strings and escaped quotes', () => {
    expect(jsonDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":{"c":1}}}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":"[[[[[[","b":"\\"[[[[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(100_000), 32)).toBe(true);
  });

  it('takes only date-times with an offset that name a real instant', () => {
    for (const ok of ['2026-11-01T00:00:00+08:00', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00.123+0800', '2026-11-01T00:00Z']) {
      expect({ ok, valid: isOffsetDateTime(ok) }).toEqual({ ok, valid: true });
    }
    for (const bad of ['0', '-1', '1e308', '2026-11-01', '2026-11-01T00:00:00', '2026-02-30T00:00:00Z', '2026-11-01 00:00:00Z', 0, null]) {
      expect({ bad, valid: isOffsetDateTime(bad) }).toEqual({ bad, valid: false });
    }
  });

  it('finds lone surrogates and accepts pairs', () => {
    expect(isWellFormedText('噪音😀')).toBe(true);
    expect(isWellFormedText('a\ud800b')).toBe(false);
    expect(isWellFormedText('\udc00')).toBe(false);
    expect(isWellFormedText('\ud83d')).toBe(false);
  });

  it('documents the error answers each operation can give, keeping the ones it documents itself', () => {
    const doc = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/things/{id}': {
          get: { parameters: [{ in: 'path', name: 'id' }], security: [{ bearer: [] }], responses: { '200': { description: 'ok' } } },
          post: {
            requestBody: { content: {} },
            security: [{ bearer: [] }],
            responses: { '200': { description: 'ok' }, '409': { description: 'Already decided' } },
          },
        },
        '/public/look-up': { post: { requestBody: { content: {} }, responses: { '200': { description: 'ok' } } } },
      },
    } as unknown as OpenAPIObject;
    const paths = documentErrorAnswers(doc).paths as Record<string, Record<string, { responses: Record<string, { description: string; content?: unknown }> }>>;
    expect(Object.keys(paths['/things/{id}'].get.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
    expect(Object.keys(paths['/things/{id}'].post.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '422']);
    expect(paths['/things/{id}'].post.responses['409']).toEqual({
      description: 'Already decided',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    });
    expect(Object.keys(paths['/public/look-up'].post.responses)).not.toContain('401');
    expect(doc.components?.schemas?.['ApiError']).toBeDefined();
  });
});
