import { HANDLING_OUTCOMES } from '@pdmc/contracts';
import { defaultWorkingCalendar } from '@pdmc/calendar';
import { reviewRequestPeriod } from './case-deadlines';
import {
  chineseDate,
  escapeHtml,
  OUTCOME_LABELS,
  renderDecisionDocument,
  type DecisionDocumentInput,
} from './decision-document';

const decidedAt = new Date('2026-03-02T02:00:00Z');

const input = (over: Partial<DecisionDocumentInput['decision']> = {}, top: Partial<DecisionDocumentInput> = {}): DecisionDocumentInput => ({
  centreName: '绿园区人民内部矛盾调处中心',
  caseNumber: '220106-2026-000042',
  workUnit: 'LABOUR',
  responsibleBody: '合心镇',
  decision: {
    outcome: 'support',
    request: '要求补发2025年3月至8月拖欠的工资。',
    facts: '经调查核实，某公司确有拖欠工资的情况。\n公司已承认。',
    legalBasis: '《中华人民共和国劳动合同法》第三十条',
    mediationAgreement: false,
    decidedAt,
    reviewRequestDueAt: reviewRequestPeriod(defaultWorkingCalendar(), decidedAt).dueAt,
    ...over,
  },
  ...top,
});

describe('written handling decision (信访处理意见书)', () => {
  it('states the case, the unit, the responsible body, the request, the facts, the outcome, the basis and the date', () => {
    const html = renderDecisionDocument(input());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>信访处理意见书</title>');
    expect(html).toContain('编号：220106-2026-000042');
    expect(html).toContain('绿园区人民内部矛盾调处中心劳动保障工作单元');
    expect(html).toContain('责任单位：合心镇');
    expect(html).toContain('要求补发2025年3月至8月拖欠的工资。');
    expect(html).toContain('经调查核实，某公司确有拖欠工资的情况。\n公司已承认。');
    expect(html).toContain('<strong>支持</strong>');
    expect(html).toContain('《中华人民共和国劳动合同法》第三十条');
    expect(html).toContain('2026年3月2日');
    expect(html).not.toContain('调解协议');
  });

  it('tells the petitioner they may request a review one level up within 30 days, with the last day', () => {
    const html = renderDecisionDocument(input());
    expect(html).toContain('30日内（截至2026年4月1日）向原办理机关的上一级机关请求复查');
  });

  it('prints the last day of the window, not the midnight that ends it, also when a weekend moved it', () => {
    // Served Fri 2026-11-13: day 30 is Sun 2026-12-13, so the last day is Mon 2026-12-14 (the window ends at its 24:00).
    const servedAt = new Date('2026-11-13T03:00:00Z');
    const html = renderDecisionDocument(input({ reviewRequestDueAt: reviewRequestPeriod(defaultWorkingCalendar(), servedAt).dueAt }));
    expect(html).toContain('截至2026年12月14日');
  });

  it.each(HANDLING_OUTCOMES)('prints the outcome %s in Chinese', (outcome) => {
    expect(renderDecisionDocument(input({ outcome }))).toContain(`<strong>${OUTCOME_LABELS[outcome]}</strong>`);
  });

  it('names the three outcomes as the law does', () => {
    expect(OUTCOME_LABELS).toEqual({ support: '支持', explain: '解释说明', not_support: '不予支持' });
  });

  it('mentions a mediation agreement when one was reached', () => {
    expect(renderDecisionDocument(input({ mediationAgreement: true }))).toContain('达成调解协议');
  });

  it('escapes every text, so that nothing typed becomes markup', () => {
    const hostile = '<script>alert("x")</script>&\'';
    const html = renderDecisionDocument(
      input(
        { request: hostile, facts: `<img src=x onerror=alert(1)>${hostile}`, legalBasis: hostile },
        { caseNumber: '<b>1</b>', responsibleBody: '<i>body</i>', centreName: '<u>centre</u>' },
      ),
    );
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<u>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('dates documents in Beijing time', () => {
    expect(chineseDate(new Date('2026-01-31T15:59:59Z'))).toBe('2026年1月31日');
    expect(chineseDate(new Date('2026-01-31T16:00:00Z'))).toBe('2026年2月1日');
  });

  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
