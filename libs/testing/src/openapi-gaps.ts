/** The parts of an OpenAPI 3 document the documentation checks read. */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  example?: unknown;
  enum?: unknown[];
  items?: OpenApiSchema;
  allOf?: OpenApiSchema[];
  properties?: Record<string, OpenApiSchema>;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: OpenApiSchema }> };
        responses: Record<string, { description?: string }>;
      }
    >
  >;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/**
 * What an integrator reading `/docs` would miss: operations without a described success
 * answer (`get /path`), and request-body fields without an example (`post /path.field.sub`).
 * Enums and booleans speak for themselves; nested objects and arrays of objects are walked.
 */
export function openApiGaps(doc: OpenApiDocument): { undescribed: string[]; withoutExample: string[] } {
  const schemas = doc.components?.schemas ?? {};
  const resolve = (s: OpenApiSchema): OpenApiSchema => (s.$ref ? (schemas[s.$ref.split('/').pop() ?? ''] ?? {}) : s);

  function missing(schema: OpenApiSchema, at: string, seen: Set<string>): string[] {
    if (schema.$ref) {
      if (seen.has(schema.$ref)) return [];
      seen.add(schema.$ref);
    }
    const out: string[] = [];
    for (const [name, prop] of Object.entries(resolve(schema).properties ?? {})) {
      const nested = prop.$ref ? prop : prop.items?.$ref ? prop.items : prop.allOf?.find((a) => a.$ref);
      if (nested) out.push(...missing(nested, `${at}.${name}`, seen));
      else if (prop.example === undefined && !prop.enum && !prop.items?.enum && prop.type !== 'boolean') out.push(`${at}.${name}`);
    }
    return out;
  }

  const undescribed: string[] = [];
  const withoutExample: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const ok = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
      if (!ok.length || ok.some(([, r]) => !r.description)) undescribed.push(`${method} ${path}`);
      const body = op.requestBody?.content['application/json']?.schema;
      if (body) withoutExample.push(...missing(body, `${method} ${path}`, new Set()));
    }
  }
  return { undescribed, withoutExample };
}
