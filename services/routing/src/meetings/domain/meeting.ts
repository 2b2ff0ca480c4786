import { WORK_UNIT_NAMES as UNIT_NAMES, WORK_UNITS } from '@pdmc/contracts';

/** The seven work units by the names the centre prints, looked up by any party code. */
export const WORK_UNIT_NAMES: Readonly<Record<string, string | undefined>> = UNIT_NAMES;

/** proposed (by the desk, after repeated returns) → convened → concluded → closed (every task done). */
export const MEETING_STATUSES = ['proposed', 'convened', 'concluded', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export type MeetingAction = 'convene' | 'conclude' | 'complete_task';

const ALLOWED: Record<MeetingStatus, MeetingAction[]> = {
  proposed: ['convene'],
  convened: ['convene', 'conclude'],
  concluded: ['complete_task'],
  closed: [],
};

/** The actions a meeting in `status` allows; anything else is a 409 naming them. */
export function allowedActions(status: MeetingStatus): MeetingAction[] {
  return ALLOWED[status];
}

export interface MeetingTask {
  taskId: string;
  assignee: string;
  description: string;
  dueAt: Date;
  status: 'open' | 'done';
  completedAt?: Date;
  completedBy?: string;
  note?: string;
}

export interface Problem {
  field: string;
  rule: string;
  message: string;
}

/** A participant or assignee: one of the seven work units, or a body the gazetteer knows. */
export function checkParty(code: string, field: string, isKnownBody: (code: string) => boolean): Problem[] {
  return (WORK_UNITS as readonly string[]).includes(code) || isKnownBody(code)
    ? []
    : [{ field, rule: 'knownParty', message: `${code} is neither a work unit (${WORK_UNITS.join(', ')}) nor a body the gazetteer knows` }];
}

/** The outcome's shape: tasks due after the meeting, each for a known unit or body. */
export function checkOutcome(
  tasks: Array<{ assignee: string; dueAt: Date }>,
  heldAt: Date,
  isKnownBody: (code: string) => boolean,
): Problem[] {
  return tasks.flatMap((t, i) => [
    ...checkParty(t.assignee, `tasks[${i}].assignee`, isKnownBody),
    ...(t.dueAt.getTime() <= heldAt.getTime()
      ? [{ field: `tasks[${i}].dueAt`, rule: 'afterMeeting', message: `task ${i + 1} is due ${t.dueAt.toISOString()}, before the meeting (${heldAt.toISOString()})` }]
      : []),
  ]);
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export interface MinutesInput {
  status: MeetingStatus;
  caseNumbers: string[];
  scheduledAt: Date | null;
  place: string;
  agenda: string;
  participants: Array<{ code: string; name: string }>;
  leadUnit: string;
  tasks: Array<{ assignee: string; assigneeName: string; description: string; dueAt: Date; status: string }>;
  minutes: string;
  concludedAt: Date | null;
  proposedReason: string | null;
}

/** The printable minutes (信访工作联席会议纪要), plain HTML like intake's notices. */
export function renderMinutes(m: MinutesInput): string {
  const rows = m.tasks
    .map((t, i) => `<tr><td>${i + 1}</td><td>${escape(t.assigneeName)}</td><td>${escape(t.description)}</td><td>${beijing(t.dueAt)}</td><td>${t.status === 'done' ? '已完成' : '办理中'}</td></tr>`)
    .join('');
  const title = m.concludedAt ? '信访工作联席会议纪要' : '信访工作联席会议通知（尚未形成结论）';
  const outcome = m.concludedAt
    ? `<h2>议定事项</h2><p>牵头单位：${escape(m.leadUnit)}</p>
<table><thead><tr><th>序号</th><th>承办单位</th><th>任务</th><th>办结时限</th><th>状态</th></tr></thead><tbody>${rows}</tbody></table>
<h2>会议记录</h2><p>${escape(m.minutes).replace(/\n/g, '<br>')}</p>
<p>结论时间：${beijing(m.concludedAt)}</p>`
    : `<p>状态：${m.status === 'proposed' ? '已提请，待召集' : '已召集，待形成结论'}</p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:serif;max-width:48em;margin:2em auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:.3em}</style></head>
<body>
<h1>${title}</h1>
<p>案件编号：${m.caseNumbers.map(escape).join('、')}</p>
${m.proposedReason ? `<p>提请理由：${escape(m.proposedReason)}</p>` : ''}
<p>时间：${m.scheduledAt ? `${beijing(m.scheduledAt)}（北京时间）` : '待定'} &emsp; 地点：${escape(m.place || '待定')}</p>
<p>参会单位：${m.participants.map((p) => escape(p.name)).join('、')}</p>
<h2>议题</h2><p>${escape(m.agenda || '待定')}</p>
${outcome}
</body></html>
`;
}
