import { createHmac } from 'node:crypto';
import { normalizePhone } from './chinese-phone';
import { Keyring } from './keyring';

/** Options for {@link BlindIndex}. */
export interface BlindIndexOptions {
  /**
   * Area code of local phone numbers written without one (`87654321`): the district's.
   * Default `0431` (see {@link normalizePhone}).
   */
  defaultAreaCode?: string;
}

/** The kinds of value that get a blind index; each is normalised its own way. */
export type BlindIndexKind = 'idNumber' | 'phone' | 'name';

const WHITESPACE = /\s+/gu;

/**
 * What an index of a phone hashes: the canonical form of {@link normalizePhone}, so every way of
 * writing one number gives one index. Landlines without extension hash their digits only
 * (`043187654321`), as indexes made before `normalizePhone` existed did, so those stay valid;
 * with an extension the dashes stay (`0431-87654321-123`), since the digits alone would read as
 * another number. A value that is no phone number falls back to the earlier rule: its digits,
 * without a mainland country code.
 */
function normalisePhone(value: string, defaultAreaCode: string | undefined): string {
  const canonical = normalizePhone(value, { defaultAreaCode });
  if (canonical !== null) return /^0\d+-\d+$/.test(canonical) ? canonical.replace('-', '') : canonical;
  return legacyPhoneDigits(value);
}

/**
 * Strips a mainland country code (`+86`, `0086`, `86`). A bare `86` is taken as a country code
 * only when what follows is long enough to be a full number (9-12 digits), so a local 8-digit
 * number that happens to start with 86 is left alone. International format drops the trunk `0`
 * of a landline area code (`+86 431 ...` is `0431 ...`), so it is put back.
 */
function legacyPhoneDigits(value: string): string {
  const digits = value.replace(/\D/g, '');
  let national: string;
  if (digits.startsWith('0086')) national = digits.slice(4);
  else if (digits.startsWith('86') && digits.length >= 11 && digits.length <= 14) national = digits.slice(2);
  else return digits;
  const isMobile = /^1[3-9]\d{9}$/.test(national);
  return isMobile || national.startsWith('0') ? national : `0${national}`;
}

/**
 * Canonical form of a value before hashing. NFKC first, because Chinese input methods often
 * produce full-width digits and letters (`１３８`, `Ｘ`) that mean the same as ASCII ones.
 */
function normalise(value: string, kind: BlindIndexKind, defaultAreaCode: string | undefined): string {
  const text = value.normalize('NFKC');
  switch (kind) {
    case 'idNumber':
      return text.replace(WHITESPACE, '').toUpperCase();
    case 'phone':
      return normalisePhone(text, defaultAreaCode);
    case 'name':
      return text.replace(WHITESPACE, '');
  }
}

/**
 * Deterministic, keyed fingerprints of personal data, so encrypted values can still be found by
 * exact match (e.g. "petitions by this ID number") without storing them in clear:
 * `base64url(HMAC-SHA256(indexKey, kind + ':' + normalised value))`.
 *
 * - Formatting does not matter: `'138 0013 8000'`, `'+86 13800138000'` and `'13800138000'` give
 *   the same index, so do `'(0431)8765-4321'`, `'0431 87654321'` and (in the default area code)
 *   `'87654321'` ({@link normalizePhone}); so do `'11010519491231002x '` and `'11010519491231002X'`.
 * - The kind is part of the HMAC input, so a name never matches a phone with the same text.
 * - Without the index key the values cannot be recomputed, so a leaked collection cannot be
 *   searched by guessing (an ID number or phone has too little entropy for a plain hash).
 *
 * **The index key must not rotate casually.** Unlike encryption keys there is no key id: every
 * stored index is only comparable with indexes computed under the same key. Rotating it means
 * decrypting every protected value and recomputing every index, in one coordinated migration,
 * before lookups work again. Rotate it only when it is known to be compromised.
 */
export class BlindIndex {
  constructor(
    private readonly keyring: Keyring,
    private readonly options: BlindIndexOptions = {},
  ) {
    // Refuse a bad area code at construction, not at the first phone indexed.
    normalizePhone('', { defaultAreaCode: options.defaultAreaCode });
  }

  /**
   * The blind index of `value` as `kind`: a 43-character base64url string.
   *
   * @throws RangeError when the value is empty after normalisation: every empty value would
   *   share one index and "look up by empty phone" would match every record without a phone.
   */
  compute(value: string, kind: BlindIndexKind): string {
    const normalised = normalise(value, kind, this.options.defaultAreaCode);
    if (!normalised) throw new RangeError(`BlindIndex: cannot index an empty ${kind}`);
    return createHmac('sha256', this.keyring.indexKey())
      .update(`${kind}:${normalised}`, 'utf8')
      .digest('base64url');
  }
}
