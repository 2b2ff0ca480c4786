/**
 * Display masks for personal data (screens, exports, logs). Each follows the usual pattern for
 * a well-formed value and, for shorter or odd input, never shows more than half of it. All work
 * on code points, so a Chinese character or an emoji is never cut in half; `null`, `undefined`
 * and blank input give `''`.
 */

import { parsePhone } from './chinese-phone';

const HAN = /^\p{Script=Han}/u;

function codePoints(value: string | null | undefined, strip: RegExp): string[] {
  return Array.from((value ?? '').replace(strip, ''));
}

/**
 * Shows `head` leading and `tail` trailing characters and one `*` per hidden one. Values
 * shorter than `fullLength` get a smaller window so that at most half is shown.
 */
function keepEnds(chars: string[], head: number, tail: number, fullLength: number): string {
  const n = chars.length;
  if (n < fullLength) {
    const budget = Math.floor(n / 2);
    tail = Math.min(tail, Math.floor(budget / 2));
    head = Math.min(head, budget - tail);
  }
  return chars.slice(0, head).join('') + '*'.repeat(n - head - tail) + chars.slice(n - tail).join('');
}

/** `'110101199003074514'` → `'110101********4514'` (first 6, last 4; whitespace removed). */
export function maskIdNumber(value: string | null | undefined): string {
  return keepEnds(codePoints(value, /\s+/gu), 6, 4, 18);
}

/**
 * `'13800138000'` → `'138******00'` (first 3, last 2). Any form {@link normalizePhone} reads
 * masks like its canonical form, so `'+86 138-0013-8000'` masks the same way. Landlines show
 * the area code and only the last 2 digits of the subscriber number, and hide the extension:
 * `'0431-87654321'` → `'0431-******21'`, `'0431-87654321转123'` → `'0431-******21-***'`, and a
 * local number without area code `'87654321'` → `'******21'`. Anything else shows at most its
 * first 3 and last 2 characters, never more than half of it.
 */
export function maskPhone(value: string | null | undefined): string {
  // Only the last 2 digits show: the last 4 are the petitioner's second factor for look-ups,
  // so no screen, export or notice may reveal them.
  const phone = parsePhone(value);
  if (phone?.kind === 'mobile') return keepEnds(Array.from(phone.number), 3, 2, 11);
  if (phone?.kind === 'landline') {
    const { areaCode, subscriber, extension } = phone;
    const masked = '*'.repeat(subscriber.length - 2) + subscriber.slice(-2);
    return `${areaCode ? `${areaCode}-` : ''}${masked}${extension ? `-${'*'.repeat(extension.length)}` : ''}`;
  }
  const compact = (value ?? '').replace(/[\s\-()]+/g, '').replace(/^(?:\+|00)86/, '');
  return keepEnds(Array.from(compact), 3, 2, 11);
}

/**
 * `'王小明'` → `'王**'` (first character, one `*` per remaining one); other scripts show the first
 * letter and a fixed `'***'` (`'John Smith'` → `'J***'`). A one-character name is fully masked.
 */
export function maskName(value: string | null | undefined): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) return '';
  if (HAN.test(trimmed)) {
    const chars = codePoints(trimmed, /\s+/gu);
    return chars.length < 2 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
  }
  const chars = Array.from(trimmed);
  return chars.length < 2 ? '***' : `${chars[0]}***`;
}

/**
 * `'吉林省长春市绿园区合心镇幸福村3组'` → `'吉林省长春市****'`: the first 6 characters (about
 * province and city) and a fixed `'****'`, so the length of the rest is hidden too.
 */
export function maskAddress(value: string | null | undefined): string {
  const chars = Array.from((value ?? '').trim());
  if (chars.length === 0) return '';
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}****`;
}
