import type { Channel, ItemClass, WorkUnit } from '@pdmc/contracts';

/**
 * Routing follows 分级负责、归口办理 (each matter to the competent unit) and 属地管理 (the town
 * or sub-district where it arises is responsible on the ground). A rule matches on the
 * taxonomy's first and optionally second level, and optionally on channel or item class; the
 * most specific matching rule wins. `responsibleBody: 'territorial'` means the petition's
 * town/sub-district; otherwise it names a district department.
 */
export interface RoutingRule {
  id: string;
  level1?: string;
  level2?: string;
  channel?: Channel;
  itemClass?: ItemClass;
  workUnit: WorkUnit;
  responsibleBody: 'territorial' | string;
  reason: string;
}

export const ROUTING_RULES: readonly RoutingRule[] = [
  // Agriculture & land
  { id: 'AGRI.rural', level1: '农村农业', workUnit: 'AGRI_LAND', responsibleBody: 'territorial', reason: '农村农业事项，属地镇街办理' },
  { id: 'AGRI.land-resources', level1: '国土资源', workUnit: 'AGRI_LAND', responsibleBody: 'dept:natural-resources', reason: '国土资源事项，归口自然资源部门' },
  { id: 'AGRI.land-requisition', level1: '国土资源', level2: '土地征收', workUnit: 'AGRI_LAND', responsibleBody: 'territorial', reason: '土地征收补偿，属地镇街牵头' },
  // Urban construction & environment
  { id: 'URBAN.construction', level1: '城乡建设', workUnit: 'URBAN_ENV', responsibleBody: 'dept:housing-construction', reason: '城乡建设事项，归口住建部门' },
  { id: 'URBAN.demolition-state', level1: '城乡建设', level2: '国有土地上房屋征收与补偿', workUnit: 'URBAN_ENV', responsibleBody: 'dept:housing-expropriation', reason: '房屋征收补偿，归口征收部门' },
  { id: 'URBAN.demolition-collective', level1: '城乡建设', level2: '集体土地上房屋拆迁与补偿', workUnit: 'URBAN_ENV', responsibleBody: 'territorial', reason: '集体土地拆迁，属地镇街办理' },
  { id: 'URBAN.municipal', level1: '城乡建设', level2: '城市建设和市政管理', workUnit: 'URBAN_ENV', responsibleBody: 'territorial', reason: '市政管理，属地街道办理' },
  { id: 'URBAN.environment', level1: '环境保护', workUnit: 'URBAN_ENV', responsibleBody: 'dept:ecology-environment', reason: '环境保护事项，归口生态环境部门' },
  { id: 'URBAN.transport', level1: '交通运输', workUnit: 'URBAN_ENV', responsibleBody: 'dept:transport', reason: '交通运输事项，归口交通部门' },
  // Enterprise employees
  { id: 'ENTERPRISE.economy', level1: '经济管理', workUnit: 'ENTERPRISE', responsibleBody: 'dept:development-reform', reason: '经济管理事项，归口发改部门' },
  { id: 'ENTERPRISE.bankruptcy', level1: '经济管理', level2: '企业破产', workUnit: 'ENTERPRISE', responsibleBody: 'dept:state-assets', reason: '企业破产改制遗留问题，归口国资部门' },
  { id: 'ENTERPRISE.state-assets', level1: '经济管理', level2: '国资监管', workUnit: 'ENTERPRISE', responsibleBody: 'dept:state-assets', reason: '国有企业事项，归口国资部门' },
  // Labour & social security
  { id: 'LABOUR.social-security', level1: '劳动和社会保障', workUnit: 'LABOUR', responsibleBody: 'dept:human-resources-social-security', reason: '劳动保障事项，归口人社部门' },
  { id: 'LABOUR.wages', level1: '劳动和社会保障', level2: '工资福利', workUnit: 'LABOUR', responsibleBody: 'dept:labour-inspection', reason: '欠薪等工资福利事项，归口劳动监察' },
  // Civil mediation & legal aid
  { id: 'LEGAL.politics-law', level1: '政法', workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:political-legal-committee', reason: '涉法涉诉事项，归口政法委' },
  { id: 'LEGAL.public-security', level1: '政法', level2: '社会治安', workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:public-security', reason: '社会治安事项，归口公安分局' },
  { id: 'LEGAL.mediation', level1: '政法', level2: '仲裁与调解', workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:justice', reason: '调解仲裁事项，归口司法部门' },
  { id: 'LEGAL.medical-dispute', level1: '卫生计生', level2: '医患纠纷', workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:health', reason: '医患纠纷，人民调解' },
  { id: 'LEGAL.civil-affairs', level1: '民政', workUnit: 'MEDIATION_LEGAL', responsibleBody: 'territorial', reason: '民政事项，属地镇街办理' },
  { id: 'LEGAL.discipline', level1: '纪检监察', workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:discipline-inspection', reason: '检举控告，转纪检监察机关' },
  // Public hotline: general matters answered quickly or handed off
  { id: 'HOTLINE.party-government', level1: '党务政务', workUnit: 'HOTLINE', responsibleBody: 'dept:general-office', reason: '党务政务事项，公开电话单元转办' },
  { id: 'HOTLINE.health', level1: '卫生计生', workUnit: 'HOTLINE', responsibleBody: 'dept:health', reason: '卫生计生事项，公开电话单元转办' },
  { id: 'HOTLINE.commerce', level1: '商贸旅游', workUnit: 'HOTLINE', responsibleBody: 'dept:market-regulation', reason: '商贸市场事项，公开电话单元转办' },
  { id: 'HOTLINE.education', level1: '教育文体', workUnit: 'HOTLINE', responsibleBody: 'dept:education', reason: '教育文体事项，公开电话单元转办' },
  { id: 'HOTLINE.technology', level1: '科技与信息产业', workUnit: 'HOTLINE', responsibleBody: 'dept:industry-information', reason: '科技信息事项，公开电话单元转办' },
  { id: 'HOTLINE.phone-suggestion', channel: 'phone', itemClass: 'suggestion', workUnit: 'HOTLINE', responsibleBody: 'dept:general-office', reason: '来电建议意见，公开电话单元直接答复' },
];

export interface RoutingInput {
  level1: string;
  level2: string;
  channel: Channel;
  itemClass: ItemClass;
  townCode: string;
}

export interface RoutingOutcome {
  ruleId: string;
  workUnit: WorkUnit;
  responsibleBody: string;
  reason: string;
}

function specificity(rule: RoutingRule): number {
  return (rule.level2 ? 4 : 0) + (rule.channel ? 2 : 0) + (rule.itemClass ? 2 : 0) + (rule.level1 ? 1 : 0);
}

function matches(rule: RoutingRule, input: RoutingInput): boolean {
  return (
    (!rule.level1 || rule.level1 === input.level1) &&
    (!rule.level2 || rule.level2 === input.level2) &&
    (!rule.channel || rule.channel === input.channel) &&
    (!rule.itemClass || rule.itemClass === input.itemClass)
  );
}

/** Chooses the most specific matching rule; ties go to the earlier rule in the table. */
export function route(input: RoutingInput, rules: readonly RoutingRule[] = ROUTING_RULES): RoutingOutcome | undefined {
  let best: RoutingRule | undefined;
  for (const rule of rules) {
    if (matches(rule, input) && (!best || specificity(rule) > specificity(best))) best = rule;
  }
  if (!best) return undefined;
  return {
    ruleId: best.id,
    workUnit: best.workUnit,
    responsibleBody: best.responsibleBody === 'territorial' ? `area:${input.townCode}` : best.responsibleBody,
    reason: best.reason,
  };
}
