import { allowedActions, checkOutcome, renderMinutes } from './meeting';

describe('joint meetings', () => {
  it('allows convening until the outcome, then only completing tasks, then nothing', () => {
    expect(allowedActions('proposed')).toEqual(['convene']);
    expect(allowedActions('convened')).toEqual(['convene', 'conclude']);
    expect(allowedActions('concluded')).toEqual(['complete_task']);
    expect(allowedActions('closed')).toEqual([]);
  });

  it('wants each task for a known unit or body, due after the meeting', () => {
    const heldAt = new Date('2026-12-03T01:00:00Z');
    const known = (code: string) => code === 'dept:justice';
    expect(checkOutcome([{ assignee: 'LABOUR', dueAt: new Date('2026-12-10T09:00:00Z') }, { assignee: 'dept:justice', dueAt: new Date('2026-12-10T09:00:00Z') }], heldAt, known)).toEqual([]);
    expect(checkOutcome([{ assignee: 'POLICE', dueAt: heldAt }], heldAt, known).map((p) => `${p.field} ${p.rule}`)).toEqual(['tasks[0].assignee knownParty', 'tasks[0].dueAt afterMeeting']);
  });

  it('prints the minutes with Beijing times and escapes what people typed', () => {
    const html = renderMinutes({
      status: 'concluded',
      caseNumbers: ['220106-2026-000001'],
      scheduledAt: new Date('2026-12-03T01:00:00Z'),
      place: '三楼<会议室>',
      agenda: '议题',
      participants: [{ code: 'LABOUR', name: '劳动保障工作单元' }],
      leadUnit: '劳动保障工作单元',
      tasks: [{ assignee: 'LABOUR', assigneeName: '劳动保障工作单元', description: '支付 & 核查', dueAt: new Date('2026-12-15T09:00:00Z'), status: 'open' }],
      minutes: '第一行\n第二行',
      concludedAt: new Date('2026-12-03T03:00:00Z'),
      proposedReason: null,
    });
    expect(html).toContain('<h1>信访工作联席会议纪要</h1>');
    expect(html).toContain('2026-12-03 09:00（北京时间）');
    expect(html).toContain('三楼&lt;会议室&gt;');
    expect(html).toContain('支付 &amp; 核查');
    expect(html).toContain('第一行<br>第二行');
  });

  it('prints a convocation, not minutes, before the outcome', () => {
    const html = renderMinutes({
      status: 'proposed', caseNumbers: ['220106-2026-000001'], scheduledAt: null, place: '', agenda: '', participants: [],
      leadUnit: '', tasks: [], minutes: '', concludedAt: null, proposedReason: '已被退回 3 次',
    });
    expect(html).toContain('信访工作联席会议通知（尚未形成结论）');
    expect(html).toContain('提请理由：已被退回 3 次');
    expect(html).not.toContain('议定事项');
  });
});
