import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/** Constraint name reported by {@link IsChinesePhone}. */
export const IS_CHINESE_PHONE = 'isChinesePhone';

/** Area code taken for a local number written without one: 0431, Changchun. */
export const DEFAULT_AREA_CODE = '0431';

/** Options for {@link normalizePhone}. */
export interface NormalizePhoneOptions {
  /**
   * Area code of a local number written without one (`87654321`): the district's own.
   * Default {@link DEFAULT_AREA_CODE} (`0431`).
   */
  defaultAreaCode?: string;
}

/**
 * A phone number as understood: a mobile, or a landline with its area code (absent when the
 * writer gave none), subscriber number and optional extension.
 * @internal used by the masks and the blind index; not exported from the package.
 */
export type ParsedPhone =
  | { kind: 'mobile'; number: string }
  | { kind: 'landline'; areaCode: string | undefined; subscriber: string; extension: string | undefined };

/** Longest input looked at: a phone with every decoration fits well within it. */
const MAX_LENGTH = 64;
/** ASCII hyphen and the dashes input methods produce (‐ ‑ ‒ – — ― −); full-width － is NFKC's job. */
const DASHES = /[\u2010-\u2015\u2212]/g;
const MOBILE = /^1[3-9]\d{9}$/;
/** `+86`, `0086`, optionally in brackets: `(+86)`. */
const COUNTRY_CODE = /^(?:\(\s*(?:\+|00)\s*86\s*\)|(?:\+|00)\s*86)/;
/** An extension after an explicit marker: 转 (转接), 分机, ext / ext., #. */
const EXTENSION_MARKER = /转|轉|分机|分機|ext\.?|#/i;
const EXTENSION = /^\s*(\d{1,6})\s*$/;
/** A group in brackets at the start: `(0431)`, or `(0)` after a country code. */
const BRACKETED_GROUP = /^\(\s*(\d+)\s*\)/;
const DIGIT_GROUPS = /^\d+(?:[\s-]+\d+)*$/;
const AREA_CODE = /^0(?:10|2\d|[3-9]\d\d)$/;

/**
 * Length of the area code `digits` starts with, from the national numbering plan: `010` and
 * `020`-`029` have three digits, `03xx`-`09xx` four; anything else (`00` is the international
 * prefix, `01x` other than `010` is unassigned) is no area code. The plan, not the writer's
 * spacing, decides where the area code ends, so `01012345678` and `010-12345678` are one number.
 */
function areaCodeLength(digits: string): number | undefined {
  if (/^0(?:10|2\d)/.test(digits)) return 3;
  if (/^0[3-9]\d\d/.test(digits)) return 4;
  return undefined;
}

/**
 * Splits off an extension written with a marker (`转123`, `ext. 123`, `#123`): returns the
 * rest and the extension, `undefined` when the marker is not followed by 1-6 digits.
 */
function splitMarkedExtension(text: string): { main: string; extension?: string } | undefined {
  const marker = EXTENSION_MARKER.exec(text);
  if (!marker) return { main: text };
  const extension = EXTENSION.exec(text.slice(marker.index + marker[0].length));
  if (!extension) return undefined;
  return { main: text.slice(0, marker.index).replace(/[\s-]+$/, ''), extension: extension[1] };
}

/**
 * The digit groups of `text`, separated by spaces or dashes; a group in brackets may open it
 * (`(0431)87654321`). `undefined` for anything else: letters, dots, stray brackets, `+`.
 */
function digitGroups(text: string): string[] | undefined {
  const groups: string[] = [];
  let rest = text.trim();
  const bracketed = BRACKETED_GROUP.exec(rest);
  if (bracketed) {
    groups.push(bracketed[1]);
    rest = rest.slice(bracketed[0].length).replace(/^[\s-]+/, '');
    if (rest === '') return groups;
  }
  if (!DIGIT_GROUPS.test(rest)) return undefined;
  groups.push(...rest.split(/[\s-]+/));
  return groups;
}

/**
 * Reads a phone number as clerks and petitioners write it (see {@link normalizePhone}).
 * @internal
 */
export function parsePhone(raw: unknown): ParsedPhone | undefined {
  if (typeof raw !== 'string') return undefined;
  // NFKC turns full-width digits, ＋, －, （）, ＃ and the ideographic space into ASCII.
  const text = raw.normalize('NFKC').replace(DASHES, '-').trim();
  if (text === '' || text.length > MAX_LENGTH) return undefined;

  const marked = splitMarkedExtension(text);
  if (!marked || marked.main === '') return undefined; // a bare extension is no phone
  let main = marked.main;
  let extension = marked.extension;

  const countryCode = COUNTRY_CODE.exec(main);
  const international = countryCode !== null;
  if (countryCode) main = main.slice(countryCode[0].length).replace(/^[\s-]+/, '');

  const groups = digitGroups(main);
  if (!groups) return undefined;
  const digits = groups.join('');

  // Mobiles: 1[3-9] + 9 digits, however grouped; a bare 86 country code is allowed before one.
  const mobile = MOBILE.test(digits) ? digits : !international && /^861[3-9]\d{9}$/.test(digits) ? digits.slice(2) : undefined;
  if (mobile) return extension === undefined ? { kind: 'mobile', number: mobile } : undefined;

  if (international) {
    // International format drops the trunk 0 of the area code (`+86 431 ...`); some keep it,
    // some write it in brackets (`+86 (0)431 ...`).
    if (groups[0] === '0' && groups.length > 1) groups.splice(0, 2, `0${groups[1]}`);
    else if (!groups[0].startsWith('0')) groups[0] = `0${groups[0]}`;
  }

  let areaCode: string | undefined;
  let rest = groups;
  if (groups[0].startsWith('0')) {
    const length = areaCodeLength(groups.join(''));
    // The writer may run the area code into the number, never split the area code itself.
    if (length === undefined || groups[0].length < length) return undefined;
    areaCode = groups[0].slice(0, length);
    rest = groups[0].length > length ? [groups[0].slice(length), ...groups.slice(1)] : groups.slice(1);
  } else if (international) {
    return undefined;
  }

  // The subscriber number is the shortest run of groups reaching 7 digits (`8765 4321`);
  // one more group is the extension (`0431-87654321-123`).
  let subscriber = '';
  let used = 0;
  while (used < rest.length && subscriber.length < 7) subscriber += rest[used++];
  const tail = rest.slice(used);
  if (tail.length > 1) return undefined;
  if (tail.length === 1) {
    if (extension !== undefined || tail[0].length > 6) return undefined;
    extension = tail[0];
  }
  // Never 0 (the trunk prefix); a local number without area code never starts with 1 either,
  // which is where mobiles and service numbers begin.
  const subscriberRule = areaCode ? /^[1-9]\d{6,7}$/ : /^[2-9]\d{6,7}$/;
  if (!subscriberRule.test(subscriber)) return undefined;
  return { kind: 'landline', areaCode, subscriber, extension };
}

function checkedAreaCode(areaCode: string): string {
  if (!AREA_CODE.test(areaCode)) {
    throw new RangeError(`normalizePhone: "${areaCode}" is not an area code (010, 02x or 0xxx with x from 3)`);
  }
  return areaCode;
}

/**
 * The one canonical form of a mainland phone number, so that the same number written
 * differently is stored, compared and indexed alike; `null` when `raw` is not a phone number.
 *
 * - mobiles: `13800138000`, from `138 0013 8000`, `138-0013-8000`, `+86 138 0013 8000`,
 *   `0086-13800138000`, `8613800138000`, `１３８００１３８０００`;
 * - landlines: `0431-87654321`, from `0431 8765 4321`, `(0431)87654321`, `043187654321`,
 *   `+86 431 8765 4321`; a local number without area code (`87654321`, 7-8 digits not
 *   starting with 0 or 1) gets `options.defaultAreaCode` (default `0431`);
 * - with an extension: `0431-87654321-123`, from `0431-87654321-123`, `0431-87654321转123`,
 *   `0431-87654321 ext. 123`, `0431-87654321#123` (1-6 digits; mobiles have none).
 *
 * Full-width digits and signs (`１`, `－`, `（）`, `＋`) and the ideographic space are read as
 * their ASCII counterparts. Area codes follow the numbering plan (`010`, `02x`, `0xxx`); the
 * subscriber number has 7-8 digits and does not start with 0.
 *
 * @throws RangeError when `options.defaultAreaCode` is not an area code.
 */
export function normalizePhone(raw: string, options: NormalizePhoneOptions = {}): string | null {
  const defaultAreaCode = checkedAreaCode(options.defaultAreaCode ?? DEFAULT_AREA_CODE);
  const phone = parsePhone(raw);
  if (!phone) return null;
  if (phone.kind === 'mobile') return phone.number;
  const number = `${phone.areaCode ?? defaultAreaCode}-${phone.subscriber}`;
  return phone.extension === undefined ? number : `${number}-${phone.extension}`;
}

/**
 * Whether `value` is a mainland mobile number (`1[3-9]` + 9 digits), ignoring spaces and dashes
 * and an optional `+86` country code: `'138 0013 8000'`, `'+86-138-0013-8000'`.
 */
export function isValidMobile(value: string): boolean {
  return parsePhone(value)?.kind === 'mobile';
}

/**
 * Whether `value` is a phone number {@link normalizePhone} understands: a mobile, a landline
 * with or without area code, with or without extension.
 */
export function isChinesePhone(value: string): boolean {
  return parsePhone(value) !== undefined;
}

/**
 * class-validator decorator: the property must be a mainland mobile or landline number
 * ({@link isChinesePhone}). Constraint name `isChinesePhone`.
 */
export function IsChinesePhone(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_CHINESE_PHONE,
      validator: {
        validate: (value: unknown): boolean => parsePhone(value) !== undefined,
        defaultMessage: buildMessage(
          (eachPrefix) => `${eachPrefix}$property must be a mainland mobile or landline number`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/**
 * The last four digits of a phone number's subscriber number (never of its extension): the
 * petitioner's second factor (with the query code) when checking on a petition. Any form
 * {@link normalizePhone} accepts gives the same digits as its canonical form
 * (`'0431-87654321转123'` → `'4321'`); other values give their last four digits.
 *
 * @throws RangeError when the value has fewer than four digits.
 */
export function phoneLast4(value: string): string {
  const phone = parsePhone(value);
  if (phone) return (phone.kind === 'mobile' ? phone.number : phone.subscriber).slice(-4);
  const digits = (value ?? '').normalize('NFKC').replace(/\D/g, '');
  if (digits.length < 4) throw new RangeError('phoneLast4: the phone number has fewer than 4 digits');
  return digits.slice(-4);
}
