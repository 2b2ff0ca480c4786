import { loadConfig } from '@pdmc/platform';
import { http, startInProcess, type InProcessService } from '@pdmc/testing';
import { startIntake } from '../src/app';
import { IntakeConfig } from '../src/config/intake.config';
import { piiEnv } from './support';

interface Schema {
  $ref?: string;
  type?: string;
  example?: unknown;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
}
interface Operation {
  summary?: string;
  description?: string;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * The OpenAPI document is what integrators and the centre's IT read first: every endpoint says
 * what it answers, and every field a client sends comes with an example.
 */
describe('intake: the OpenAPI document describes every endpoint with examples', () => {
  let svc: InProcessService;
  let doc: OpenApi;

  beforeAll(async () => {
    svc = await startInProcess({
      label: 'intake-openapi',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: piiEnv(),
    });
    doc = (await http(svc.service.url).get<OpenApi>('/docs/json')).body;
  });

  afterAll(async () => {
    await svc?.close();
  });

  const resolve = (s: Schema): Schema => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!]! : s);

  /** Fields of a request body without an example, as `Schema.field` paths. */
  function missingExamples(schema: Schema, at: string, seen = new Set<string>()): string[] {
    if (schema.$ref) {
      if (seen.has(schema.$ref)) return [];
      seen.add(schema.$ref);
    }
    const s = resolve(schema);
    const out: string[] = [];
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const nested = prop.$ref ? prop : prop.items?.$ref ? prop.items : prop.allOf?.find((a) => a.$ref);
      if (nested) out.push(...missingExamples(nested, `${at}.${name}`, seen));
      else if (prop.example === undefined && !prop.enum && prop.type !== 'boolean') out.push(`${at}.${name}`);
    }
    return out;
  }

  it('gives every operation a success response with a description', () => {
    const bare: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
        if (!ok.length || ok.some(([, r]) => !r.description)) bare.push(`${method} ${path}`);
      }
    }
    expect(bare).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(20);
  });

  it('gives every field of every request body an example (enums and booleans speak for themselves)', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (schema) missing.push(...missingExamples(schema, `${method} ${path}`));
      }
    }
    expect(missing).toEqual([]);
  });
});
