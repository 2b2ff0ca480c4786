import { NOT_ACCEPTED_REASONS, type AcceptanceDecision } from './acceptance';

export interface NoticeInput {
  caseNumber: string;
  queryCode: string;
  subject: string;
  receivedAt: Date;
  petitionerNames: string[];
  decision: AcceptanceDecision;
  centreName: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function chineseDate(date: Date): string {
  // Dates on notices are Beijing time.
  const d = new Date(date.getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/**
 * The written notice to the petitioner (art. 22-23): 受理告知书 when accepted, 不予受理告知书 when
 * not, 转送告知书 when forwarded; with the query code for progress look-ups. Every value is
 * HTML-escaped: subjects and names come from petitioners.
 */
export function renderNotice(input: NoticeInput): string {
  const { decision } = input;
  const title =
    decision.kind === 'accept' ? '信访事项受理告知书' : decision.kind === 'forward' ? '信访事项转送告知书' : '信访事项不予受理告知书';
  const body =
    decision.kind === 'accept'
      ? '经审查，您反映的信访事项符合受理条件，本中心决定予以受理，并将在受理之日起六十日内办结。'
      : decision.kind === 'forward'
        ? `经审查，您反映的信访事项依法应由${escape(decision.forwardTo ?? '有权处理的机关')}处理，本中心已予转送。`
        : `经审查，您反映的信访事项${escape(NOT_ACCEPTED_REASONS[decision.reason ?? 'outside_competence'])}，本中心决定不予受理。`;
  const names = input.petitionerNames.length ? input.petitionerNames.map(escape).join('、') : '信访人';
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:42em;margin:3em auto;line-height:1.9}h1{text-align:center;font-size:1.5em}.meta{color:#333}.sign{text-align:right;margin-top:3em}</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta">编号：${escape(input.caseNumber)}</p>
<p>${names}：</p>
<p>您于${chineseDate(input.receivedAt)}提出的信访事项（${escape(input.subject)}）已收悉。${body}</p>
<p>您可凭查询码 <strong>${escape(input.queryCode)}</strong> 及登记电话号码后四位查询办理进展、评价办理结果。</p>
<p class="sign">${escape(input.centreName)}<br>${chineseDate(decision.decidedAt)}</p>
</body>
</html>
`;
}
