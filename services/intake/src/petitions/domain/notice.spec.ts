import { renderNotice, renderReceipt, type NoticeInput } from './notice';

const input = (over: Partial<NoticeInput> = {}): NoticeInput => ({
  caseNumber: '220106-2026-000042',
  queryCode: 'JH4Z2RT24R',
  subject: '退休金未按时发放',
  receivedAt: new Date('2026-11-27T01:30:00Z'),
  petitionerNames: ['王建国'],
  decision: { kind: 'accept', decidedAt: new Date('2026-11-28T02:00:00Z'), decidedBy: 'clerk-01' },
  centreName: '绿园区人民内部矛盾调处中心',
  ...over,
});

describe('written notice', () => {
  it('tells an accepted petitioner the 60-day limit and the query code', () => {
    const html = renderNotice(input());
    expect(html).toContain('信访事项受理告知书');
    expect(html).toContain('六十日内办结');
    expect(html).toContain('JH4Z2RT24R');
    expect(html).toContain('2026年11月27日');
  });

  it('quotes the reason when not accepting, and the body when forwarding', () => {
    const declined = renderNotice(input({ decision: { kind: 'not_accept', reason: 'litigation_arbitration_review', decidedAt: new Date(), decidedBy: 'c' } }));
    expect(declined).toContain('不予受理告知书');
    expect(declined).toContain('诉讼、仲裁、行政复议');
    const forwarded = renderNotice(input({ decision: { kind: 'forward', forwardTo: '区人社局', decidedAt: new Date(), decidedBy: 'c' } }));
    expect(forwarded).toContain('转送告知书');
    expect(forwarded).toContain('区人社局');
  });

  it('escapes what petitioners wrote', () => {
    const html = renderNotice(input({ subject: '<script>alert(1)</script>', petitionerNames: ['"x"'] }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('renderReceipt', () => {
  const receipt = (over: Partial<Parameters<typeof renderReceipt>[0]> = {}) =>
    renderReceipt({
      caseNumber: '220106-2026-000042',
      queryCode: 'K7MZ3QH8WP',
      subject: '退休金未按时发放',
      channel: 'visit',
      receivedAt: new Date('2026-11-28T01:10:00Z'),
      acceptanceDueAt: new Date('2026-12-13T01:10:00Z'),
      petitionerNames: ['王建国'],
      registeredAt: new Date('2026-11-28T01:12:00Z'),
      centreName: '绿园区人民内部矛盾调处中心',
      ...over,
    });

  it('gives the petitioner the case number, the query code and the date of the acceptance answer', () => {
    const html = receipt();
    expect(html).toContain('信访事项登记回执');
    expect(html).toContain('220106-2026-000042');
    expect(html).toContain('K7MZ3QH8WP');
    expect(html).toContain('2026年11月28日以来访方式提出');
    expect(html).toContain('本中心将于2026年12月13日前书面告知您是否受理');
  });

  it('escapes what petitioners wrote', () => {
    const html = receipt({ subject: '<script>alert(1)</script>', petitionerNames: ['<b>x</b>'] });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
