import { randomUUID } from 'node:crypto';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { loadConfig, type RunningService } from '@pdmc/platform';
import { startInProcess, type HttpClient, type InProcessService } from '@pdmc/testing';
import { startIntake } from '../src/app';
import { CategorySuggestionService } from '../src/classification/application/category-suggestion.service';
import { IntakeConfig } from '../src/config/intake.config';
import { piiEnv } from './support';

/** The shared error shape, as far as these tests read it. */
interface ApiErrorBody {
  code: string;
  details?: Array<{ field: string; rule: string }>;
}

interface SuggestionsBody {
  suggestions: Array<{
    categoryId: number;
    level1: string;
    level2: string;
    level3: string;
    score: number;
    matched: Array<{ keyword: string; in: 'title' | 'text'; count: number; context?: true }>;
  }>;
  rulesVersion: string;
}

interface AccuracyBody {
  bySource?: unknown;
  total: number;
  acceptedTop1: number;
  acceptedTop3: number;
  withoutSuggestion: number;
  rate: number | null;
  top3Rate: number | null;
}

const WAGE_ARREARS = {
  subject: '公司拖欠三个月工资',
  description: '本人在某商贸公司做销售，公司自今年三月起拖欠工资至今，多次讨要无果，老板电话也打不通。',
};
/** Several matters at once, so that there are three suggestions. */
const LABOUR_MIX = { subject: '多项劳动权益受侵害', description: '公司拖欠工资，不签劳动合同，不交社保，还强制加班。' };
/** A leaf id of the taxonomy. */
const RETIREMENT_PAY = 515;
const PARTY_GOVERNMENT_OTHER = 81;

describe('intake: category suggestions and their accuracy (real MongoDB-wire server and NATS)', () => {
  let intake: InProcessService;
  let clerk: HttpClient;
  let classification: CategorySuggestionService;
  let db: Connection;

  beforeAll(async () => {
    intake = await startInProcess({
      label: 'intakecls',
      start: (env, logs) => startIntake(loadConfig(IntakeConfig, env), logs),
      env: piiEnv(),
    });
    clerk = await intake.as({ sub: 'clerk-classification', roles: ['intake_clerk'] });
    const { app } = intake.service as RunningService;
    classification = app.get(CategorySuggestionService);
    db = app.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    await intake?.close();
  });

  describe('POST /classification/suggestions', () => {
    it('suggests wage payment for a wage-arrears petition, with the words that led to it', async () => {
      const res = await clerk.post<SuggestionsBody>('/classification/suggestions', WAGE_ARREARS);
      expect(res.status).toBe(200);
      const [top] = res.body.suggestions;
      expect(top).toMatchObject({ categoryId: 490, level1: '劳动和社会保障', level2: '工资福利', level3: '工资发放' });
      expect(top.score).toBeGreaterThan(0);
      expect(top.matched).toEqual(
        expect.arrayContaining([
          { keyword: '拖欠…工资', in: 'title', count: 1 },
          { keyword: '拖欠工资', in: 'text', count: 1 },
        ]),
      );
      expect(res.body.suggestions.length).toBeLessThanOrEqual(3);
      expect(res.body.rulesVersion).toMatch(/^s\d+-[0-9a-f]{12}$/);
    });

    it('suggests nothing, without failing, when no keyword occurs', async () => {
      const res = await clerk.post<SuggestionsBody>('/classification/suggestions', { subject: '来访', description: '谢谢接待。' });
      expect(res.status).toBe(200);
      expect(res.body.suggestions).toEqual([]);
    });

    it('takes a subject alone', async () => {
      const res = await clerk.post<SuggestionsBody>('/classification/suggestions', { subject: '小区噪音扰民' });
      expect(res.status).toBe(200);
      expect(res.body.suggestions[0]).toMatchObject({ level2: '环境污染', level3: '噪音污染' });
    });

    it('refuses a dispatcher (403) and a caller without a token (401)', async () => {
      const dispatcher = await intake.as({ roles: ['dispatcher'] });
      const refused = await dispatcher.post<ApiErrorBody>('/classification/suggestions', WAGE_ARREARS);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
      expect((await intake.anonymous.post('/classification/suggestions', WAGE_ARREARS)).status).toBe(401);
    });

    it('leaves an entry in the audit trail', async () => {
      const sub = `clerk-${randomUUID()}`;
      await (await intake.as({ sub, roles: ['intake_clerk'] })).post('/classification/suggestions', WAGE_ARREARS);
      const auditor = await intake.as({ roles: ['auditor'] });
      const entries = await auditor.get<{ items: Array<Record<string, unknown>> }>(`/audit-events?actor=${sub}`);
      expect(entries.body.items).toEqual([
        expect.objectContaining({ action: 'classification.suggest', objectType: 'category_suggestion', outcome: 'success', status: 200 }),
      ]);
    });

    const invalid: Array<[string, Record<string, unknown>, string, string]> = [
      ['an empty subject', { ...WAGE_ARREARS, subject: '' }, 'subject', 'isNotEmpty'],
      ['a subject over 200 characters', { ...WAGE_ARREARS, subject: '欠'.repeat(201) }, 'subject', 'maxLength'],
      ['no subject', { description: WAGE_ARREARS.description }, 'subject', 'isString'],
      ['a description over 10,000 characters', { ...WAGE_ARREARS, description: '字'.repeat(10_001) }, 'description', 'maxLength'],
      ['a subject that is not text', { ...WAGE_ARREARS, subject: { $ne: '' } }, 'subject', 'isString'],
      ['an unknown field', { ...WAGE_ARREARS, categoryId: 490 }, 'categoryId', 'whitelistValidation'],
    ];
    it.each(invalid)('answers %s with 400 naming the field and rule', async (_name, body, field, rule) => {
      const res = await clerk.post<ApiErrorBody>('/classification/suggestions', body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });

    it('accepts a subject of exactly 200 characters and a description of exactly 10,000', async () => {
      const res = await clerk.post('/classification/suggestions', { subject: '欠'.repeat(200), description: '字'.repeat(10_000) });
      expect(res.status).toBe(200);
    });
  });

  describe('recording the clerk’s choice, and GET /classification/accuracy', () => {
    const started = new Date(Date.now() - 1_000);
    let rulesVersion: string;

    beforeAll(async () => {
      const wage = classification.suggest(WAGE_ARREARS.subject, WAGE_ARREARS.description);
      const mix = classification.suggest(LABOUR_MIX.subject, LABOUR_MIX.description);
      rulesVersion = wage.rulesVersion;
      expect(mix.suggestions.length).toBe(3);
      const record = (petitionId: string, words: { subject: string; description: string }, chosenId: number) =>
        classification.recordChoice(petitionId, words.subject, words.description, chosenId, 'clerk-classification');
      // Took the top suggestion; took the second; chose something not suggested; nothing was suggested.
      expect(await record('p-accepted', WAGE_ARREARS, wage.suggestions[0].categoryId)).toMatchObject({ accepted: true, chosenRank: 1 });
      expect(await record('p-second', LABOUR_MIX, mix.suggestions[1].categoryId)).toMatchObject({ accepted: false, chosenRank: 2 });
      expect(await record('p-overridden', WAGE_ARREARS, RETIREMENT_PAY)).toMatchObject({ accepted: false });
      expect(await record('p-unsuggested', { subject: '来访', description: '谢谢接待。' }, PARTY_GOVERNMENT_OTHER)).toMatchObject({
        suggestionIds: [],
        accepted: false,
      });
    });

    it('stores ids, versions and the clerk, but none of the petition’s words', async () => {
      const stored = await db.collection('category_choices').findOne({ _id: 'p-accepted' as never });
      expect(Object.keys(stored ?? {}).sort()).toEqual([
        '_id',
        'accepted',
        'at',
        'chosenId',
        'chosenRank',
        'clerk',
        'petitionId',
        'rulesVersion',
        'suggestionIds',
        'topSuggestionId',
      ]);
      expect(stored).toMatchObject({ petitionId: 'p-accepted', chosenId: 490, topSuggestionId: 490, rulesVersion, clerk: 'clerk-classification' });
      expect(JSON.stringify(stored)).not.toContain('工资');
    });

    it('records one choice per petition: a retry stores nothing', async () => {
      expect(await classification.recordChoice('p-accepted', WAGE_ARREARS.subject, WAGE_ARREARS.description, RETIREMENT_PAY, 'x')).toBeUndefined();
      expect(await db.collection('category_choices').countDocuments({ _id: 'p-accepted' as never })).toBe(1);
    });

    it('counts choices that took the top suggestion and those among the first three', async () => {
      const res = await clerk.get<AccuracyBody>('/classification/accuracy');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 4, acceptedTop1: 1, acceptedTop3: 2, withoutSuggestion: 1, rate: 0.25, top3Rate: 0.5 });
      // No model yet: what clerks saw was the rules' suggestion.
      expect(res.body).toMatchObject({
        bySource: { rules: { total: 4, top1: 1, top3: 2 }, model: { total: 0, top1: 0, top3: 0, top1Rate: null } },
        inService: { modelVersion: null, policy: 'rules' },
        models: [],
      });
    });

    it('counts only the period and the rules version asked for', async () => {
      const iso = (d: Date) => encodeURIComponent(d.toISOString());
      const inWindow = await clerk.get<AccuracyBody>(`/classification/accuracy?from=${iso(started)}&to=${iso(new Date(Date.now() + 60_000))}`);
      expect(inWindow.body.total).toBe(4);
      const before = await clerk.get<AccuracyBody>(`/classification/accuracy?to=${iso(started)}`);
      expect(before.body).toMatchObject({ total: 0, acceptedTop1: 0, acceptedTop3: 0, withoutSuggestion: 0, rate: null, top3Rate: null });
      expect((await clerk.get<AccuracyBody>(`/classification/accuracy?rulesVersion=${rulesVersion}`)).body.total).toBe(4);
      expect((await clerk.get<AccuracyBody>('/classification/accuracy?rulesVersion=s1-000000000000')).body.total).toBe(0);
    });

    it('keeps the choices as training examples, but trains no model from so few (422)', async () => {
      expect(await db.collection('training_examples').countDocuments({ _id: { $in: ['p-accepted', 'p-second', 'p-overridden'] } as never })).toBe(3);
      const director = await intake.as({ roles: ['centre_director'] });
      const res = await director.post<ApiErrorBody>('/classification/models');
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'CLASSIFICATION.TOO_FEW_EXAMPLES' });
    });

    it('is open to who lists petitions (a dispatcher), not to a unit handler', async () => {
      expect((await (await intake.as({ roles: ['dispatcher'] })).get('/classification/accuracy')).status).toBe(200);
      expect((await (await intake.as({ roles: ['unit_handler'], units: ['LABOUR'] })).get('/classification/accuracy')).status).toBe(403);
    });

    const badQueries: Array<[string, string, string]> = [
      ['from=yesterday', 'from', 'isOffsetDateTime'],
      ['from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'to', 'afterFrom'],
      ['rulesVersion=latest', 'rulesVersion', 'matches'],
      ['accepted=true', 'accepted', 'whitelistValidation'],
      ['modelVersion=latest', 'modelVersion', 'matches'],
    ];
    it.each(badQueries)('answers ?%s with 400 naming %s', async (query, field, rule) => {
      const res = await clerk.get<ApiErrorBody>(`/classification/accuracy?${query}`);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details).toEqual([expect.objectContaining({ field, rule })]);
    });
  });
});
