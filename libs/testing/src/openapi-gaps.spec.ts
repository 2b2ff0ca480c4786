import { openApiGaps, type OpenApiDocument } from './openapi-gaps';

describe('openApiGaps', () => {
  const doc = (over: Partial<OpenApiDocument> = {}): OpenApiDocument => ({
    paths: {
      '/petitions': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Body' } } } },
          responses: { '201': { description: 'Registered.' } },
        },
        get: { responses: { '200': { description: 'A page.' } } },
      },
    },
    components: {
      schemas: {
        Body: {
          properties: {
            subject: { type: 'string', example: '退休金未按时发放' },
            channel: { type: 'string', enum: ['visit', 'letter'] },
            urgent: { type: 'boolean' },
            referral: { allOf: [{ $ref: '#/components/schemas/Referral' }] },
            petitioners: { type: 'array', items: { $ref: '#/components/schemas/Person' } },
          },
        },
        Referral: { properties: { reference: { type: 'string', example: '吉信交〔2026〕15号' } } },
        Person: { properties: { name: { type: 'string', example: '王建国' } } },
      },
    },
    ...over,
  });

  it('finds nothing in a document that describes and exemplifies everything, nested fields included', () => {
    expect(openApiGaps(doc())).toEqual({ undescribed: [], withoutExample: [] });
  });

  it('names a nested field without an example and an operation without a described success answer', () => {
    const d = doc();
    d.components!.schemas!['Person']!.properties!['phone'] = { type: 'string' };
    d.paths['/petitions']!['get'] = { responses: { '200': {} } };
    d.paths['/health'] = { get: { responses: { '404': { description: 'never' } } } };
    expect(openApiGaps(d)).toEqual({
      undescribed: ['get /petitions', 'get /health'],
      withoutExample: ['post /petitions.petitioners.phone'],
    });
  });
});
