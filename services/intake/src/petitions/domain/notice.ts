import type { Channel } from '@pdmc/contracts';
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
  return page(
    title,
    input,
    `<p>您于${chineseDate(input.receivedAt)}提出的信访事项（${escape(input.subject)}）已收悉。${body}</p>
<p>您可凭查询码 <strong>${escape(input.queryCode)}</strong> 及登记电话号码后四位查询办理进展、评价办理结果。</p>`,
    decision.decidedAt,
  );
}

export interface ReceiptInput {
  caseNumber: string;
  queryCode: string;
  subject: string;
  channel: Channel;
  receivedAt: Date;
  acceptanceDueAt: Date;
  petitionerNames: string[];
  registeredAt: Date;
  centreName: string;
}

const CHANNEL_WORDS: Record<Channel, string> = {
  visit: '来访',
  letter: '来信',
  phone: '来电',
  fax: '传真',
  online: '网上信访',
  transferred: '上级机关转送、交办',
};

/**
 * The receipt a petitioner takes home from the desk (登记回执): the case number, the query code
 * and the date by which the centre says in writing whether it accepts the item (art. 22).
 */
export function renderReceipt(input: ReceiptInput): string {
  return page(
    '信访事项登记回执',
    input,
    `<p>您于${chineseDate(input.receivedAt)}以${CHANNEL_WORDS[input.channel]}方式提出的信访事项（${escape(input.subject)}）已登记。</p>
<p>本中心将于${chineseDate(input.acceptanceDueAt)}前书面告知您是否受理（《信访工作条例》第二十二条）。</p>
<p>请妥善保管查询码 <strong>${escape(input.queryCode)}</strong>。凭查询码及登记电话号码后四位，可随时查询办理进展；作出处理意见后，可对办理情况进行评价。查询码请勿告知他人。</p>`,
    input.registeredAt,
  );
}

/** The printed page every document shares: title, number, addressees, text, centre and date. */
function page(
  title: string,
  head: { caseNumber: string; petitionerNames: string[]; centreName: string },
  text: string,
  signedAt: Date,
): string {
  const names = head.petitionerNames.length ? head.petitionerNames.map(escape).join('、') : '信访人';
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:42em;margin:3em auto;line-height:1.9}h1{text-align:center;font-size:1.5em}.meta{color:#333}.sign{text-align:right;margin-top:3em}</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta">编号：${escape(head.caseNumber)}</p>
<p>${names}：</p>
${text}
<p class="sign">${escape(head.centreName)}<br>${chineseDate(signedAt)}</p>
</body>
</html>
`;
}
