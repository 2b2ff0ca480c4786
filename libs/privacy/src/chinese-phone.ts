import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/** Constraint name reported by {@link IsChinesePhone}. */
export const IS_CHINESE_PHONE = 'isChinesePhone';

const SEPARATORS = /[\s-]+/g;
/** Mainland mobile, with an optional country code (`+86`, `86` or `0086`). */
const MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
/**
 * Landline with area code: trunk 0, 2-3 more area digits (the first never 0: `00` is the
 * international prefix), then 7-8 digits.
 */
const LANDLINE = /^0[1-9]\d{1,2}\d{7,8}$/;
/** An area code set off by a separator, which fixes where the local number starts. */
const AREA_THEN_NUMBER = /^(0[1-9]\d{1,2})[\s-]+(\d[\d\s-]*)$/;
const LOCAL_NUMBER = /^\d{7,8}$/;

function compact(value: string): string {
  return value.replace(SEPARATORS, '');
}

/**
 * Once digits are run together the area code length is ambiguous (`0431876543` could be 043 +
 * 7 digits), so when the writer separated the area code, the rest alone must be 7-8 digits:
 * `0431-876543` is refused rather than re-read as another city's number.
 */
function isLandline(value: string): boolean {
  const trimmed = value.trim();
  const split = AREA_THEN_NUMBER.exec(trimmed);
  return split ? LOCAL_NUMBER.test(compact(split[2])) : LANDLINE.test(compact(trimmed));
}

/**
 * Whether `value` is a mainland mobile number (`1[3-9]` + 9 digits), ignoring spaces and dashes
 * and an optional `+86` country code: `'138 0013 8000'`, `'+86-138-0013-8000'`.
 */
export function isValidMobile(value: string): boolean {
  return typeof value === 'string' && MOBILE.test(compact(value));
}

/**
 * Whether `value` is a mobile number ({@link isValidMobile}) or a landline with area code, such
 * as `'0431-87654321'`, `'0431-8765432'` or `'043187654321'`.
 */
export function isChinesePhone(value: string): boolean {
  return typeof value === 'string' && (isValidMobile(value) || isLandline(value));
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
        validate: (value: unknown): boolean => typeof value === 'string' && isChinesePhone(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be a mainland mobile number or a landline with area code`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/**
 * The last four digits of a phone number, separators ignored: the petitioner's second factor
 * (with the query code) when checking on a petition.
 *
 * @throws RangeError when the value has fewer than four digits.
 */
export function phoneLast4(value: string): string {
  const digits = (value ?? '').replace(/\D/g, '');
  if (digits.length < 4) throw new RangeError('phoneLast4: the phone number has fewer than 4 digits');
  return digits.slice(-4);
}
