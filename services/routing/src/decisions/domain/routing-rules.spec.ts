import { loadGazetteer, loadTaxonomy, responsibleBodyName } from '@pdmc/platform';
import { route, ROUTING_RULES, type RoutingInput } from './routing-rules';

const input = (over: Partial<RoutingInput>): RoutingInput => ({
  level1: '劳动和社会保障',
  level2: '其他',
  channel: 'visit',
  itemClass: 'appeal',
  townCode: 'HX',
  ...over,
});

describe('routing rules', () => {
  it('sends every class of the real taxonomy to one of the seven work units', () => {
    for (const c of loadTaxonomy()) {
      expect(route(input({ level1: c.level1, level2: c.level2 }))).toBeDefined();
    }
  });

  it('prefers the second-level rule over the first-level one', () => {
    expect(route(input({ level2: '工资福利' }))).toMatchObject({ ruleId: 'LABOUR.wages', workUnit: 'LABOUR' });
    expect(route(input({ level2: '劳动关系' }))).toMatchObject({ ruleId: 'LABOUR.social-security' });
  });

  it('makes the town responsible on the ground for territorial rules', () => {
    const outcome = route(input({ level1: '农村农业', level2: '土地承包经营', townCode: 'XX' }));
    expect(outcome).toMatchObject({ workUnit: 'AGRI_LAND', responsibleBody: 'area:XX' });
  });

  it('routes a phoned-in suggestion to the hotline unit whatever its class', () => {
    expect(route(input({ channel: 'phone', itemClass: 'suggestion', level1: '城乡建设' }))).toMatchObject({
      workUnit: 'HOTLINE',
    });
  });

  it('routes demolition of collective land to urban construction, territorial', () => {
    expect(route(input({ level1: '城乡建设', level2: '集体土地上房屋拆迁与补偿', townCode: 'CX' }))).toMatchObject({
      workUnit: 'URBAN_ENV',
      responsibleBody: 'area:CX',
    });
  });
});

describe('responsible bodies named by the rules', () => {
  it('are all departments the gazetteer names, so no notice or decision prints a bare code', () => {
    const gazetteer = loadGazetteer();
    const departments = ROUTING_RULES.map((r) => r.responsibleBody).filter((b) => b.startsWith('dept:'));
    expect(departments.length).toBeGreaterThan(10);
    expect(departments.filter((code) => responsibleBodyName(gazetteer, code) === undefined)).toEqual([]);
  });
});
