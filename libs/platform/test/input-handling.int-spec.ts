import { Body, Controller, Get, HttpCode, Module, Post, Query, type DynamicModule } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Public } from '@pdmc/auth';
import { captureLogs, createTestAuth, createTestNamespace, http, type ApiErrorBody, type HttpClient, type TestNamespace } from '@pdmc/testing';
import {
  IsOffsetDateTime,
  loadConfig,
  MAX_JSON_DEPTH,
  PageQuery,
  ServiceConfig,
  ServiceCoreModule,
  startService,
  type RunningService,
} from '../src';

class NoteDto {
  @ApiProperty({ example: '夜间施工' })
  @IsString()
  @MaxLength(200)
  text!: string;
}

class FlagsDto {
  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: null, description: 'null clears it' })
  @IsOptional()
  @IsString()
  remark?: string | null;

  @ApiPropertyOptional({ type: [NoteDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => NoteDto)
  notes?: NoteDto[];
}

class FilterQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @IsOffsetDateTime({ toDate: true })
  from?: Date;
}

@Controller('probe')
class ProbeController {
  @Post()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'What was received' })
  echo(@Body() dto: FlagsDto): FlagsDto {
    return dto;
  }

  @Get()
  @Public()
  @ApiOkResponse({ description: 'The filter as read' })
  list(@Query() query: FilterQuery): { page: number; from: string | null } {
    return { page: query.page ?? 1, from: query.from ? query.from.toISOString() : null };
  }
}

@Module({})
class ProbeModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: ProbeModule, imports: [ServiceCoreModule.forRoot({ service: 'funds', config })], controllers: [ProbeController] };
  }
}

describe('input handling shared by every service (real servers)', () => {
  let ns: TestNamespace;
  let auth: Awaited<ReturnType<typeof createTestAuth>>;
  let service: RunningService;
  let api: HttpClient;
  const logs = captureLogs();

  beforeAll(async () => {
    ns = createTestNamespace('platforminput');
    auth = await createTestAuth();
    const config = loadConfig(ServiceConfig, {
      ...auth.env,
      HTTP_PORT: '0',
      MONGO_URL: ns.mongoUrl,
      MONGO_DB: ns.dbName('platforminput'),
      NATS_URL: ns.natsUrl,
      BUS_PREFIX: ns.busPrefix,
    });
    service = await startService({ service: 'funds', title: 'probe', description: 'probe', module: ProbeModule.register(config), config, logDestination: logs.destination });
    api = http(service.url);
  });

  afterAll(async () => {
    await service?.close();
    await ns?.cleanup();
    auth?.cleanup();
  });

  const expectViolation = (res: { status: number; body: unknown }, field: string, rule: string) => {
    expect(res.status).toBe(400);
    expect((res.body as ApiErrorBody).details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  };

  it('refuses null on a property not documented nullable, naming it (defect 1), and takes it where documented', async () => {
    expectViolation(await api.post('/probe', { escalated: null }), 'escalated', 'notNull');
    expectViolation(await api.post('/probe', { notes: [{ text: '噪音' }, { text: null }] }), 'notes.1.text', 'notNull');
    const cleared = await api.post('/probe', { remark: null });
    expect(cleared).toMatchObject({ status: 200, body: { remark: null } });
  });

  it('refuses a body nested deeper than the limit with 400 before anything recursive sees it (defect 2)', async () => {
    for (const body of ['['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000)]) {
      const res = await api.post<ApiErrorBody>('/probe', body, { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BODY_TOO_DEEP');
    }
    // Brackets inside strings are text, not nesting.
    const text = '['.repeat(MAX_JSON_DEPTH + 5);
    expect(await api.post('/probe', { notes: [{ text }] })).toMatchObject({ status: 200 });
    expect(logs.lines.some((l) => l.includes('Maximum call stack'))).toBe(false);
  });

  it('answers 400 for page or pageSize beyond their bounds (defect 4)', async () => {
    for (const query of ['page=1e308', 'page=1e20', 'page=10001', 'pageSize=101', 'page=0']) {
      const res = await api.get<ApiErrorBody>(`/probe?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    expect(await api.get('/probe?page=10000&pageSize=100')).toMatchObject({ status: 200, body: { page: 10000 } });
  });

  it('takes JSON bodies only: form-encoded and plain text answer 415 (defect 5)', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await api.post<ApiErrorBody>('/probe', 'escalated=true', { 'content-type': type });
      expect({ type, status: res.status, code: res.body.code }).toEqual({ type, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    expect(await api.post('/probe', '{"escalated":true}', { 'content-type': 'application/json; charset=utf-8' })).toMatchObject({ status: 200 });
  });

  it('refuses text that is not well-formed Unicode, naming the field (defect 6)', async () => {
    const loneHigh = '{"notes":[{"text":"abc\\ud800def"}]}';
    expectViolation(await api.post('/probe', loneHigh, { 'content-type': 'application/json' }), 'notes.0.text', 'wellFormedUnicode');
    const loneLow = '{"notes":[{"text":"\\udc00"}]}';
    expectViolation(await api.post('/probe', loneLow, { 'content-type': 'application/json' }), 'notes.0.text', 'wellFormedUnicode');
    const pair = '{"notes":[{"text":"\\ud83d\\ude00"}]}';
    expect(await api.post('/probe', pair, { 'content-type': 'application/json' })).toMatchObject({ status: 200, body: { notes: [{ text: '😀' }] } });
  });

  it('takes date filters as ISO 8601 with an offset only (defect 7)', async () => {
    for (const from of ['0', '-1', '1732752000000', '2026-11-01', '2026-11-01T00:00:00', '2026-13-01T00:00:00Z']) {
      expectViolation(await api.get(`/probe?from=${encodeURIComponent(from)}`), 'from', 'isOffsetDateTime');
    }
    expect(await api.get(`/probe?from=${encodeURIComponent('2026-11-01T00:00:00+08:00')}`)).toMatchObject({
      status: 200,
      body: { from: '2026-10-31T16:00:00.000Z' },
    });
    expectViolation(await api.get('/audit-events?from=0', undefined, await auth.headers({ roles: ['auditor'] })), 'from', 'isOffsetDateTime');
  });

  it('documents every operation’s error answers in the shared shape (OpenAPI)', async () => {
    const doc = (await api.get<{ paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>> }>('/docs/json')).body;
    const post = doc.paths['/probe'].post.responses;
    expect(Object.keys(post)).toEqual(expect.arrayContaining(['200', '400', '409', '413', '415', '422']));
    expect(post['415'].content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } });
    const audit = doc.paths['/audit-events'].get.responses;
    expect(Object.keys(audit)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(Object.keys(audit)).not.toContain('415');
  });
});
