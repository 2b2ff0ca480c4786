import type { TaxonomyClass } from '@pdmc/platform';
import { LearnedModel } from '../domain/learned-model';
import { decodeModel, encodeModel, PART_SIZE } from './model-codec';

const taxonomy = new Map<number, TaxonomyClass>(
  [
    { id: 1, level1: '劳动和社会保障', level2: '工资福利', level3: '工资发放' },
    { id: 2, level1: '交通运输', level2: '出租车管理', level3: '行业监管' },
  ].map((c) => [c.id, c]),
);
const examples = Array.from({ length: 40 }, (_, i) => {
  const wage = i % 2 === 0;
  const c = taxonomy.get(wage ? 1 : 2) as TaxonomyClass;
  return { subject: wage ? `公司拖欠工资${'一二三四'[i % 4]}个月` : `出租车拒载绕路${'甲乙丙丁'[i % 4]}`, description: '', level1: c.level1, level2: c.level2, categoryId: c.id };
});

describe('storing a model version', () => {
  it('gives back a model that suggests exactly as the one stored', () => {
    const model = LearnedModel.train(examples, taxonomy, { level1: 2, level2: 1, leaf: 0.5 });
    const parts = encodeModel(model.toData());
    expect(parts.every((p) => p.length <= PART_SIZE)).toBe(true);
    const again = LearnedModel.fromData(decodeModel(parts), taxonomy);
    expect(again.temperatures).toEqual({ level1: 2, level2: 1, leaf: 0.5 });
    for (const words of ['单位拖欠工资', '出租车不打表']) {
      expect(again.predict(words, '')).toEqual(model.predict(words, ''));
    }
  });
});
