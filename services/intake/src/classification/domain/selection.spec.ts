import type { TaxonomyClass } from '@pdmc/platform';
import type { AccuracyReport } from './evaluation';
import { accuracyReport } from './evaluation';
import { choosePolicy, fitTemperature, trainAndSelect, type TimedExample } from './selection';

const taxonomy = new Map<number, TaxonomyClass>(
  [
    { id: 1, level1: '劳动和社会保障', level2: '工资福利', level3: '工资发放' },
    { id: 2, level1: '交通运输', level2: '出租车管理', level3: '行业监管' },
    { id: 3, level1: '城乡建设', level2: '城市建设和市政管理', level3: '其他' },
  ].map((c) => [c.id, c]),
);
const WAGE = ['公司拖欠工资', '老板欠薪两个月', '工地不发工资', '单位克扣工资'];
const TAXI = ['出租车拒载', '的士绕路多收钱', '出租车不打表', '司机拒载乘客'];

/** Wages and taxis alternate in time; the rules always say urban construction. */
function examples(n: number): TimedExample[] {
  return Array.from({ length: n }, (_, i) => {
    const wage = i % 2 === 0;
    const words = (wage ? WAGE : TAXI)[Math.floor(i / 2) % 4];
    const c = taxonomy.get(wage ? 1 : 2) as TaxonomyClass;
    return { subject: words, description: `${words}，请求处理。`, level1: c.level1, level2: c.level2, categoryId: c.id, at: new Date(Date.UTC(2026, 0, 1, 0, i)) };
  });
}
const wrongRules = () => [{ categoryId: 3, level1: '城乡建设', level2: '城市建设和市政管理' }];

const report = (top1: number, top3: number): AccuracyReport => ({
  ...accuracyReport([]),
  level1: { n: 100, top1: top1 * 100, top3: top3 * 100, top1Rate: top1, top3Rate: top3 },
});

describe('choosing what serves', () => {
  it('serves the best challenger when it beats the rules', () => {
    expect(
      choosePolicy([
        { policy: { kind: 'rules' }, report: report(0.8, 0.9) },
        { policy: { kind: 'model' }, report: report(0.85, 0.9) },
        { policy: { kind: 'combined', confidence: 0.9 }, report: report(0.9, 0.95) },
      ]),
    ).toEqual({ kind: 'combined', confidence: 0.9 });
  });

  it('keeps the rules when the best challenger is worse on top-3, or only equal', () => {
    expect(choosePolicy([{ policy: { kind: 'rules' }, report: report(0.8, 0.95) }, { policy: { kind: 'model' }, report: report(0.9, 0.9) }])).toEqual({ kind: 'rules' });
    expect(choosePolicy([{ policy: { kind: 'rules' }, report: report(0.8, 0.9) }, { policy: { kind: 'model' }, report: report(0.8, 0.9) }])).toEqual({ kind: 'rules' });
  });

  it('fits a temperature that makes confident right answers likely', () => {
    const right = Array.from({ length: 10 }, () => ({ scores: Float64Array.from([4, 0]), truth: 0 }));
    expect(fitTemperature(right)).toBeLessThanOrEqual(1);
    const mixed = [...right, ...Array.from({ length: 8 }, () => ({ scores: Float64Array.from([4, 0]), truth: 1 }))];
    expect(fitTemperature(mixed)).toBeGreaterThan(1);
  });
});

describe('training and selecting on the centre’s examples', () => {
  it('trains nothing from too few examples', async () => {
    expect(await trainAndSelect(examples(40), wrongRules, taxonomy)).toBeUndefined();
  });

  it('holds out the most recent examples, and serves the model where the rules are wrong', async () => {
    const trained = await trainAndSelect(examples(120), wrongRules, taxonomy);
    expect(trained).toBeDefined();
    const { model, report: r } = trained as NonNullable<typeof trained>;
    expect(r).toMatchObject({ trainingSize: 120, heldOutSize: 24, heldOutFrom: new Date(Date.UTC(2026, 0, 1, 0, 96)) });
    expect(r.accuracy.rules.level1.top1Rate).toBe(0);
    expect(r.accuracy.model.level1.top1Rate).toBe(1);
    expect(r.policy.kind).not.toBe('rules');
    expect(r.accuracy.model.perClass['交通运输']).toMatchObject({ n: 12, top1: 12 });
    const [top] = model.predict('出租车拒载', '').suggestions;
    expect(top).toMatchObject({ categoryId: 2, level1: '交通运输' });
    expect(top.weighed.length).toBeGreaterThan(0);
  });

  it('keeps serving the rules when they are right and the model cannot do better', async () => {
    const rightRules = (subject: string) => [
      WAGE.includes(subject) ? { categoryId: 1, level1: '劳动和社会保障', level2: '工资福利' } : { categoryId: 2, level1: '交通运输', level2: '出租车管理' },
    ];
    const trained = await trainAndSelect(examples(120), rightRules, taxonomy);
    expect(trained?.report.policy).toEqual({ kind: 'rules' });
  });
});
