import type { EscalationGround, WorkUnit } from '@pdmc/contracts';

/** A supervision order's life (督办单): issued → replied, or issued → escalated (挂牌督办) → replied. */
export type OrderState = 'issued' | 'replied' | 'escalated';
export type OrderAction = 'reply' | 'escalate';

const ALLOWED: Record<OrderState, OrderAction[]> = {
  issued: ['reply', 'escalate'],
  escalated: ['reply'],
  replied: [],
};

export function allowedOrderActions(state: OrderState): OrderAction[] {
  return ALLOWED[state];
}

export interface PrintableOrder {
  orderId: string;
  caseNumber: string;
  unitName: string;
  reason: string;
  issuedBy: string;
  issuedAt: Date;
  replyDueAt: Date;
  state: OrderState;
  reply?: { text: string; at: Date; late: boolean } | null;
  escalation?: { ground: EscalationGround; leaderName?: string | null; at: Date } | null;
}

const GROUND_WORDS: Record<EscalationGround, string> = {
  unanswered: '逾期未回复督办单',
  repeatedly_overdue: '多次超期',
  commissioner: '督查专员决定',
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The printable order (信访事项督办单), plain HTML like the meetings' minutes. */
export function renderOrder(o: PrintableOrder): string {
  const title = o.escalation ? '信访事项挂牌督办单' : '信访事项督办单';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:serif;max-width:48em;margin:2em auto}td,th{border:1px solid #000;padding:.3em}table{border-collapse:collapse;width:100%}</style></head>
<body>
<h1>${title}</h1>
<table>
<tr><th>督办编号</th><td>${escape(o.orderId)}</td></tr>
<tr><th>案件编号</th><td>${escape(o.caseNumber)}</td></tr>
<tr><th>承办单位</th><td>${escape(o.unitName)}</td></tr>
<tr><th>督办事由</th><td>${escape(o.reason).replace(/\n/g, '<br>')}</td></tr>
<tr><th>督办人</th><td>${escape(o.issuedBy)}</td></tr>
<tr><th>督办时间</th><td>${beijing(o.issuedAt)}（北京时间）</td></tr>
<tr><th>回复时限</th><td>${beijing(o.replyDueAt)} 前</td></tr>
${o.escalation ? `<tr><th>挂牌督办</th><td>${GROUND_WORDS[o.escalation.ground]}；包案领导：${escape(o.escalation.leaderName ?? '待指定')}；${beijing(o.escalation.at)}</td></tr>` : ''}
<tr><th>办理回复</th><td>${o.reply ? `${escape(o.reply.text).replace(/\n/g, '<br>')}<br>（${beijing(o.reply.at)}${o.reply.late ? '，逾期回复' : ''}）` : '尚未回复'}</td></tr>
</table>
</body></html>
`;
}

/** Which unit an order goes to must be the unit that holds the case now. */
export function orderUnitMismatch(orderUnit: WorkUnit, principalUnits: readonly WorkUnit[] | 'all'): boolean {
  return principalUnits !== 'all' && !principalUnits.includes(orderUnit);
}
