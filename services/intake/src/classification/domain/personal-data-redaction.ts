import { isChinesePhone, isValidResidentId } from '@pdmc/privacy';

/** What stands where personal data was; feature extraction skips these marks. */
export const REDACTED = {
  name: '〔姓名〕',
  idNumber: '〔身份证号〕',
  phone: '〔电话〕',
  number: '〔号码〕',
  email: '〔邮箱〕',
} as const;

/** Two-character surnames, so that 欧阳明 yields 欧阳先生 and not 欧先生. */
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '令狐', '慕容', '尉迟', '公孙', '长孙', '宇文', '司徒', '夏侯'];
/** How people are addressed by surname in petitions: 张先生, 王女士, 老李, 刘某. */
const BY_SURNAME_AFTER = ['先生', '女士', '小姐', '师傅', '老师', '阿姨', '大爷', '大妈', '大娘', '大哥', '大姐', '某某', '某'];
const BY_SURNAME_BEFORE = ['老', '小'];

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
/** A phone as people write one: +86 / 0086, an area code in brackets or not, groups split by spaces or dashes. */
const PHONE_LIKE = /(?:(?:\+|00)\s*86[\s-]*)?(?:\(\s*0\d{2,3}\s*\)[\s-]*)?\d[\d\s-]{5,18}\d(?:\s*(?:转|分机|ext\.?|#)\s*\d{1,6})?/gi;
const ID_LIKE = /\d{17}[\dx]|\d{15}/gi;
/** Any other run of seven or more digits: bank cards, account and licence numbers. */
const LONG_NUMBER = /\d{7,}/g;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms in which a known petitioner's name appears in text, longest first. */
export function nameForms(name: string): string[] {
  const full = name.normalize('NFKC').replace(/\s+/g, '');
  if ([...full].length < 2 || !/^\p{Script=Han}+$/u.test(full)) return full.length >= 2 ? [full] : [];
  const surname = COMPOUND_SURNAMES.find((s) => full.startsWith(s) && full.length > s.length) ?? full[0];
  const given = full.slice(surname.length);
  const forms = [
    full,
    ...BY_SURNAME_AFTER.map((t) => surname + t),
    ...BY_SURNAME_BEFORE.map((t) => t + surname),
    // A two-character given name alone (建华) is how family and neighbours name the person.
    ...([...given].length >= 2 ? [given] : []),
  ];
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/**
 * Removes personal data from a petition's words before they are kept for learning: the known
 * petitioners' names (in full, by surname with a title, and the given name alone), resident ID
 * numbers, phone numbers, e-mail addresses and any other run of seven or more digits.
 * Full-width digits, letters and the signs of phone numbers are made half-width first, so they
 * are caught too; other characters stay as written.
 *
 * It cannot remove what it does not know: names of other people (relatives, neighbours,
 * officials) and of anonymous petitioners, addresses and house numbers, licence plates, and
 * names written differently from the record (a nickname, a typo). See docs/classification.md.
 */
export function redactPersonalData(text: string, knownNames: readonly string[] = []): string {
  let out = text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0b\uff0d\uff08\uff09\uff03\uff20\uff0e]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
  out = out.replace(EMAIL, REDACTED.email);
  out = out.replace(ID_LIKE, (m) => (isValidResidentId(m.toUpperCase()) ? REDACTED.idNumber : m));
  out = out.replace(PHONE_LIKE, (m) => {
    const trimmed = m.trim();
    return isChinesePhone(trimmed) ? m.replace(trimmed, REDACTED.phone) : m;
  });
  out = out.replace(LONG_NUMBER, REDACTED.number);
  const forms = [...new Set(knownNames.flatMap(nameForms))].sort((a, b) => b.length - a.length);
  if (forms.length) out = out.replace(new RegExp(forms.map(escape).join('|'), 'g'), REDACTED.name);
  return out;
}
