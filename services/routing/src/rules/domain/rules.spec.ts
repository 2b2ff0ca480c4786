import { loadGazetteer, loadTaxonomy, responsibleBodyName } from '@pdmc/platform';
import { coverageOf } from './coverage';
import { DEFAULT_RULES } from './default-rules';
import { decide } from './rule-engine';
import { ruleReference } from './rule-reference';
import { validateRuleSet } from './rule-set-validation';
import type { RoutingInput, RoutingRule } from './routing-rule';

const gazetteer = loadGazetteer();
const ref = ruleReference(loadTaxonomy(), gazetteer);

const input = (over: Partial<RoutingInput> & { level1?: string; level2?: string; level3?: string } = {}): RoutingInput => {
  const { level1 = '劳动和社会保障', level2 = '其他', level3 = '其他', ...rest } = over;
  return { itemClass: 'appeal', channel: 'visit', townCode: 'HX', category: { level1, level2, level3 }, ...rest };
};
const route = (i: RoutingInput, rules: readonly RoutingRule[] = DEFAULT_RULES) => decide(rules, i, 1, (c) => responsibleBodyName(gazetteer, c)).decision;
const rule = (over: Partial<RoutingRule>): RoutingRule => ({
  id: 'X.rule',
  priority: 500,
  match: {},
  workUnit: 'LABOUR',
  responsibleBody: 'dept:labour-inspection',
  reason: '测试',
  ...over,
});

describe('the default rule set (version 1)', () => {
  it('passes its own validation: known units and bodies, unique priorities, nothing shadowed', () => {
    expect(validateRuleSet(DEFAULT_RULES, ref)).toEqual([]);
  });

  it('sends every leaf of the taxonomy somewhere, whatever the item class, channel or town', () => {
    const report = coverageOf(DEFAULT_RULES, 1, ref);
    expect(report.leaves).toBe(517);
    expect(report.items.filter((i) => i.unroutedShare > 0).map((i) => i.category)).toEqual([]);
    expect(report.alwaysRouted).toBe(517);
  });

  it('prefers the second-level rule over the first-level one', () => {
    expect(route(input({ level2: '工资福利' }))).toMatchObject({ ruleId: 'LABOUR.wages', workUnit: 'LABOUR' });
    expect(route(input({ level2: '劳动关系' }))).toMatchObject({ ruleId: 'LABOUR.social-security' });
  });

  it('makes the town responsible on the ground for territorial rules', () => {
    expect(route(input({ level1: '农村农业', level2: '土地承包经营', townCode: 'XX' }))).toMatchObject({ workUnit: 'AGRI_LAND', responsibleBody: 'area:XX' });
  });

  it('routes a phoned-in suggestion to the hotline unit, unless a second-level rule knows better', () => {
    expect(route(input({ channel: 'phone', itemClass: 'suggestion', level1: '城乡建设' }))).toMatchObject({ workUnit: 'HOTLINE' });
    expect(route(input({ channel: 'phone', itemClass: 'suggestion', level2: '工资福利' }))).toMatchObject({ ruleId: 'LABOUR.wages' });
  });

  it('explains the decision in words: version, rule, priority, the conditions that held, the body by name, the rules it beat', () => {
    const answer = decide(DEFAULT_RULES, input({ level2: '工资福利' }), 1, (c) => responsibleBodyName(gazetteer, c));
    expect(answer.explanation).toBe(
      '规则集第 1 版规则 LABOUR.wages（优先级 360）：分类 劳动和社会保障/工资福利 → LABOUR，责任单位 区劳动保障监察大队。欠薪等工资福利事项，归口劳动监察；另有 LABOUR.social-security 适用但优先级较低',
    );
    expect(answer.matched.map((m) => m.ruleId)).toEqual(['LABOUR.wages', 'LABOUR.social-security']);
  });

  it('names only departments the gazetteer knows, so no notice prints a bare code', () => {
    const departments = DEFAULT_RULES.map((r) => r.responsibleBody).filter((b) => b.startsWith('dept:'));
    expect(departments.length).toBeGreaterThan(10);
    expect(departments.filter((code) => responsibleBodyName(gazetteer, code) === undefined)).toEqual([]);
  });
});

describe('matching', () => {
  it('matches a third-level category, towns and keywords in the category names or the subject', () => {
    const rules = [
      ...DEFAULT_RULES,
      rule({ id: 'X.pension-hx', priority: 900, match: { category: { level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' }, townCodes: ['HX'] } }),
      rule({ id: 'X.arrears', priority: 800, match: { keywords: ['欠薪', '拖欠工资'] }, workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:justice' }),
    ];
    const pension = { level2: '退休政策及待遇', level3: '退休金发放' };
    expect(route(input({ ...pension, townCode: 'HX' }), rules)).toMatchObject({ ruleId: 'X.pension-hx' });
    expect(route(input({ ...pension, townCode: 'CX' }), rules)).toMatchObject({ ruleId: 'LABOUR.social-security' });
    expect(route(input({ level1: '城乡建设', level2: '其他', text: '工地欠薪三个月' }), rules)).toMatchObject({ ruleId: 'X.arrears' });
    expect(route(input({ level1: '城乡建设', level2: '其他' }), rules)).toMatchObject({ ruleId: 'URBAN.construction' });
  });

  it('answers nothing, and says so, when no rule holds', () => {
    const answer = decide([rule({ match: { channels: ['fax'] } })], input(), 4);
    expect(answer.decision).toBeUndefined();
    expect(answer.explanation).toMatch(/第 4 版没有规则适用于 劳动和社会保障\/其他\/其他/);
  });
});

describe('validating a rule set', () => {
  const problems = (rules: RoutingRule[]) => validateRuleSet(rules, ref).map((p) => `${p.field} ${p.rule}`);

  it('refuses unknown units, bodies, categories, towns, channels and item classes, naming the rule', () => {
    const bad = rule({
      id: 'X.bad',
      workUnit: 'POLICE' as never,
      responsibleBody: 'dept:nowhere',
      match: { category: { level1: '不存在' }, townCodes: ['ZZ'], channels: ['pigeon' as never], itemClasses: ['wish' as never] },
    });
    expect(problems([bad])).toEqual([
      'rules[0].workUnit knownUnit',
      'rules[0].responsibleBody knownBody',
      'rules[0].match.itemClasses[0] known',
      'rules[0].match.channels[0] known',
      'rules[0].match.townCodes[0] known',
      'rules[0].match.category knownCategory',
    ]);
    expect(validateRuleSet([bad], ref)[0].message).toContain('rule X.bad');
  });

  it('refuses duplicate ids and priorities, a level3 without its level2, empty lists, an empty set', () => {
    expect(problems([rule({}), rule({ priority: 10 })])).toEqual(['rules[1].id unique']);
    expect(problems([rule({ id: 'A' }), rule({ id: 'B', match: { channels: ['fax'] } })])).toEqual(['rules[1].priority unique']);
    expect(problems([rule({ match: { category: { level1: '政法', level3: '其他' } } })])).toEqual(['rules[0].match.category.level2 required']);
    expect(problems([rule({ match: { keywords: [] } })])).toEqual(['rules[0].match.keywords notEmpty']);
    expect(problems([])).toEqual(['rules notEmpty']);
  });

  it('refuses a rule that a single broader rule of higher priority always beats', () => {
    const rules = [rule({ id: 'A.broad', priority: 600, match: { category: { level1: '政法' } } }), rule({ id: 'B.narrow', priority: 500, match: { category: { level1: '政法', level2: '社会治安' } } })];
    const found = validateRuleSet(rules, ref);
    expect(found).toEqual([{ field: 'rules[1]', rule: 'shadowed', message: expect.stringContaining('rule B.narrow can never decide') }]);
    expect(found[0].message).toContain('by A.broad');
    // The other way round both can fire.
    expect(problems([{ ...rules[0], priority: 400 }, rules[1]])).toEqual([]);
  });

  it('refuses a rule that several higher rules beat together, and keyword rules beaten on every subject', () => {
    const byClass = [
      rule({ id: 'A.sugg', priority: 700, match: { itemClasses: ['suggestion'] } }),
      rule({ id: 'A.rest', priority: 600, match: { itemClasses: ['accusation', 'appeal'] } }),
      rule({ id: 'B.all', priority: 100 }),
    ];
    expect(problems(byClass)).toEqual(['rules[2] shadowed']);
    const keywords = [rule({ id: 'A.kw', priority: 700, match: { keywords: ['工资'] } }), rule({ id: 'B.kw', priority: 600, match: { keywords: ['拖欠工资'] } })];
    expect(problems(keywords)).toEqual(['rules[1] shadowed']);
    expect(problems([keywords[0], rule({ id: 'B.kw', priority: 600, match: { keywords: ['欠薪'] } })])).toEqual([]);
  });
});
