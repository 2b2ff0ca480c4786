import { loadTaxonomy, type TaxonomyClass } from '@pdmc/platform';
import { CATEGORY_KEYWORDS } from './category-keywords';
import { compileKeywordRules, ruleCoverage, type CategoryKeywordRule } from './keyword-rules';

const taxonomy: ReadonlyMap<number, TaxonomyClass> = new Map(loadTaxonomy().map((c) => [c.id, c]));

describe('category keyword rules', () => {
  it('the committed table resolves against the real taxonomy and reaches every first-level class', () => {
    const rules = compileKeywordRules(CATEGORY_KEYWORDS, taxonomy);
    const coverage = ruleCoverage(rules, taxonomy);
    const allLevel1 = [...new Set([...taxonomy.values()].map((c) => c.level1))].sort();
    expect(allLevel1).toHaveLength(15);
    expect(coverage.level1).toEqual(allLevel1);
    expect(coverage.leafIds.length).toBeGreaterThanOrEqual(450);
    expect(rules.version).toMatch(/^s\d+-[0-9a-f]{12}$/);
  });

  it('points a second-level rule at that class’s 其他 leaf', () => {
    const rules = compileKeywordRules([{ class: ['劳动和社会保障', '工资福利'], keywords: ['工资'] }], taxonomy);
    expect(taxonomy.get(rules.rules[0].categoryId)).toMatchObject({ level2: '工资福利', level3: '其他' });
    expect(rules.rules[0].level2Of).toEqual({ level1: '劳动和社会保障', level2: '工资福利' });
  });

  const broken: Array<[string, CategoryKeywordRule, RegExp]> = [
    ['an unknown leaf', { class: ['劳动和社会保障', '工资福利', '工资拖欠'], keywords: ['欠薪'] }, /#0 \(劳动和社会保障\/工资福利\/工资拖欠\): no such class/],
    ['an unknown second-level class', { class: ['劳动和社会保障', '工资'], keywords: ['欠薪'] }, /no such second-level class/],
    ['a second-level class without 其他', { class: ['城乡建设', '安全生产'], keywords: ['隐患'] }, /name a leaf/],
    ['a one-character keyword', { class: ['民政', '社会救助', '城镇低保'], keywords: ['保'] }, /shorter than two characters/],
    ['a keyword listed twice', { class: ['民政', '社会救助', '城镇低保'], keywords: ['低保', '低保'] }, /listed twice/],
    ['no keywords', { class: ['民政', '社会救助', '城镇低保'], keywords: [] }, /no keywords/],
    ['a gapped keyword with an empty part', { class: ['民政', '社会救助', '城镇低保'], keywords: ['取消…'] }, /bad keyword/],
    ['a one-character context word', { class: ['民政', '社会救助', '城镇低保'], keywords: ['低保'], requires: ['城'] }, /shorter than two/],
  ];
  it.each(broken)('refuses %s at start-up, naming the rule', (_name, rule, message) => {
    expect(() => compileKeywordRules([rule], taxonomy)).toThrow(message);
  });

  it('versions the table by content', () => {
    const table: CategoryKeywordRule[] = [{ class: ['民政', '社会救助', '城镇低保'], keywords: ['低保'] }];
    const same = compileKeywordRules(table, taxonomy).version;
    expect(compileKeywordRules([...table], taxonomy).version).toBe(same);
    expect(compileKeywordRules([{ ...table[0], keywords: ['低保', '低保金'] }], taxonomy).version).not.toBe(same);
  });
});
