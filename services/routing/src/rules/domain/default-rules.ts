import type { RoutingRule } from './routing-rule';

/**
 * Version 1 of the rule set, seeded into routing's database when it holds none: the table
 * routing applied when it was compiled into the code. Priorities keep its old order: a
 * second-level class (300+) before the phoned-in suggestion (200) before a first-level class
 * (100-170).
 */
export const DEFAULT_RULES: readonly RoutingRule[] = [
  { id: 'AGRI.rural', priority: 100, match: { category: { level1: '农村农业' } }, workUnit: 'AGRI_LAND', responsibleBody: 'territorial', reason: '农村农业事项，属地镇街办理' },
  { id: 'AGRI.land-resources', priority: 105, match: { category: { level1: '国土资源' } }, workUnit: 'AGRI_LAND', responsibleBody: 'dept:natural-resources', reason: '国土资源事项，归口自然资源部门' },
  { id: 'AGRI.land-requisition', priority: 300, match: { category: { level1: '国土资源', level2: '土地征收' } }, workUnit: 'AGRI_LAND', responsibleBody: 'territorial', reason: '土地征收补偿，属地镇街牵头' },
  { id: 'URBAN.construction', priority: 110, match: { category: { level1: '城乡建设' } }, workUnit: 'URBAN_ENV', responsibleBody: 'dept:housing-construction', reason: '城乡建设事项，归口住建部门' },
  { id: 'URBAN.demolition-state', priority: 310, match: { category: { level1: '城乡建设', level2: '国有土地上房屋征收与补偿' } }, workUnit: 'URBAN_ENV', responsibleBody: 'dept:housing-expropriation', reason: '房屋征收补偿，归口征收部门' },
  { id: 'URBAN.demolition-collective', priority: 320, match: { category: { level1: '城乡建设', level2: '集体土地上房屋拆迁与补偿' } }, workUnit: 'URBAN_ENV', responsibleBody: 'territorial', reason: '集体土地拆迁，属地镇街办理' },
  { id: 'URBAN.municipal', priority: 330, match: { category: { level1: '城乡建设', level2: '城市建设和市政管理' } }, workUnit: 'URBAN_ENV', responsibleBody: 'territorial', reason: '市政管理，属地街道办理' },
  { id: 'URBAN.environment', priority: 115, match: { category: { level1: '环境保护' } }, workUnit: 'URBAN_ENV', responsibleBody: 'dept:ecology-environment', reason: '环境保护事项，归口生态环境部门' },
  { id: 'URBAN.transport', priority: 120, match: { category: { level1: '交通运输' } }, workUnit: 'URBAN_ENV', responsibleBody: 'dept:transport', reason: '交通运输事项，归口交通部门' },
  { id: 'ENTERPRISE.economy', priority: 125, match: { category: { level1: '经济管理' } }, workUnit: 'ENTERPRISE', responsibleBody: 'dept:development-reform', reason: '经济管理事项，归口发改部门' },
  { id: 'ENTERPRISE.bankruptcy', priority: 340, match: { category: { level1: '经济管理', level2: '企业破产' } }, workUnit: 'ENTERPRISE', responsibleBody: 'dept:state-assets', reason: '企业破产改制遗留问题，归口国资部门' },
  { id: 'ENTERPRISE.state-assets', priority: 350, match: { category: { level1: '经济管理', level2: '国资监管' } }, workUnit: 'ENTERPRISE', responsibleBody: 'dept:state-assets', reason: '国有企业事项，归口国资部门' },
  { id: 'LABOUR.social-security', priority: 130, match: { category: { level1: '劳动和社会保障' } }, workUnit: 'LABOUR', responsibleBody: 'dept:human-resources-social-security', reason: '劳动保障事项，归口人社部门' },
  { id: 'LABOUR.wages', priority: 360, match: { category: { level1: '劳动和社会保障', level2: '工资福利' } }, workUnit: 'LABOUR', responsibleBody: 'dept:labour-inspection', reason: '欠薪等工资福利事项，归口劳动监察' },
  { id: 'LEGAL.politics-law', priority: 135, match: { category: { level1: '政法' } }, workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:political-legal-committee', reason: '涉法涉诉事项，归口政法委' },
  { id: 'LEGAL.public-security', priority: 370, match: { category: { level1: '政法', level2: '社会治安' } }, workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:public-security', reason: '社会治安事项，归口公安分局' },
  { id: 'LEGAL.mediation', priority: 380, match: { category: { level1: '政法', level2: '仲裁与调解' } }, workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:justice', reason: '调解仲裁事项，归口司法部门' },
  { id: 'LEGAL.medical-dispute', priority: 390, match: { category: { level1: '卫生计生', level2: '医患纠纷' } }, workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:health', reason: '医患纠纷，人民调解' },
  { id: 'LEGAL.civil-affairs', priority: 140, match: { category: { level1: '民政' } }, workUnit: 'MEDIATION_LEGAL', responsibleBody: 'territorial', reason: '民政事项，属地镇街办理' },
  { id: 'LEGAL.discipline', priority: 145, match: { category: { level1: '纪检监察' } }, workUnit: 'MEDIATION_LEGAL', responsibleBody: 'dept:discipline-inspection', reason: '检举控告，转纪检监察机关' },
  { id: 'HOTLINE.party-government', priority: 150, match: { category: { level1: '党务政务' } }, workUnit: 'HOTLINE', responsibleBody: 'dept:general-office', reason: '党务政务事项，公开电话单元转办' },
  { id: 'HOTLINE.health', priority: 155, match: { category: { level1: '卫生计生' } }, workUnit: 'HOTLINE', responsibleBody: 'dept:health', reason: '卫生计生事项，公开电话单元转办' },
  { id: 'HOTLINE.commerce', priority: 160, match: { category: { level1: '商贸旅游' } }, workUnit: 'HOTLINE', responsibleBody: 'dept:market-regulation', reason: '商贸市场事项，公开电话单元转办' },
  { id: 'HOTLINE.education', priority: 165, match: { category: { level1: '教育文体' } }, workUnit: 'HOTLINE', responsibleBody: 'dept:education', reason: '教育文体事项，公开电话单元转办' },
  { id: 'HOTLINE.technology', priority: 170, match: { category: { level1: '科技与信息产业' } }, workUnit: 'HOTLINE', responsibleBody: 'dept:industry-information', reason: '科技信息事项，公开电话单元转办' },
  { id: 'HOTLINE.phone-suggestion', priority: 200, match: { channels: ['phone'], itemClasses: ['suggestion'] }, workUnit: 'HOTLINE', responsibleBody: 'dept:general-office', reason: '来电建议意见，公开电话单元直接答复' },
];
