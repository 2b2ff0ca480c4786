import { WORK_UNIT_NAMES, type HandlingOutcome, type WorkUnit } from '@pdmc/contracts';
import { REVIEW_REQUEST_LIMIT_DAYS, type CaseDecision } from './case';

/** The last day of a window that ends at 24:00 of that day (`dueAt` is the midnight after it). */
function lastDayOf(dueAt: Date): Date {
  return new Date(dueAt.getTime() - 1);
}

/** How each outcome reads on the written decision (art. 32): support, explain, not support. */
export const OUTCOME_LABELS: Readonly<Record<HandlingOutcome, string>> = Object.freeze({
  support: '支持',
  explain: '解释说明',
  not_support: '不予支持',
});

export interface DecisionDocumentInput {
  centreName: string;
  caseNumber: string;
  workUnit: WorkUnit;
  /** Printable name, see {@link responsibleBodyName}. */
  responsibleBody: string;
  decision: Pick<
    CaseDecision,
    'outcome' | 'request' | 'facts' | 'legalBasis' | 'mediationAgreement' | 'decidedAt' | 'reviewRequestDueAt'
  >;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** `2026年1月31日`: the calendar date in Beijing time, as printed on the centre's documents. */
export function chineseDate(date: Date): string {
  const d = new Date(date.getTime() + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/**
 * The written handling decision (信访处理意见书, 信访工作条例 art. 31-33) as a printable HTML page:
 * the request, the facts found, the outcome, its legal basis, the date, and the petitioner's right
 * to request a review from the body one level up within 30 days (art. 35). Every value is
 * HTML-escaped: the texts quote petitioners and are typed by staff.
 */
export function renderDecisionDocument(input: DecisionDocumentInput): string {
  const { decision } = input;
  const e = escapeHtml;
  const unit = WORK_UNIT_NAMES[input.workUnit] ?? input.workUnit;
  const decidedOn = chineseDate(decision.decidedAt);
  const mediation = decision.mediationAgreement ? '<p>经调解，当事各方已自愿达成调解协议。</p>\n' : '';
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>信访处理意见书</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:42em;margin:3em auto;line-height:1.9}h1{text-align:center;font-size:1.5em}h2{font-size:1.1em;margin:1.2em 0 .3em}.meta{color:#333}.text{white-space:pre-wrap}.sign{text-align:right;margin-top:3em}</style>
</head>
<body>
<h1>信访处理意见书</h1>
<p class="meta">编号：${e(input.caseNumber)}</p>
<p class="meta">办理单位：${e(input.centreName)}${e(unit)}</p>
<p class="meta">责任单位：${e(input.responsibleBody)}</p>
<h2>一、信访请求</h2>
<p class="text">${e(decision.request)}</p>
<h2>二、经调查核实的事实</h2>
<p class="text">${e(decision.facts)}</p>
<h2>三、处理意见</h2>
<p>对上述信访请求，处理意见为：<strong>${e(OUTCOME_LABELS[decision.outcome] ?? decision.outcome)}</strong>。</p>
${mediation}<h2>四、依据</h2>
<p class="text">${e(decision.legalBasis)}</p>
<p>信访人对本处理意见不服的，可以自收到本意见书之日起${REVIEW_REQUEST_LIMIT_DAYS}日内（截至${chineseDate(lastDayOf(decision.reviewRequestDueAt))}）向原办理机关的上一级机关请求复查。</p>
<p class="sign">${e(input.centreName)}<br>${e(unit)}<br>${decidedOn}</p>
</body>
</html>
`;
}
