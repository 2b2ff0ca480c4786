import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/** Constraint name reported by {@link IsResidentId} (the `rule` in validation errors). */
export const IS_RESIDENT_ID = 'isResidentId';

// GB 11643-1999: 6-digit area code (never starting with 0), birth date YYYYMMDD, 3-digit
// sequence, check character. Only the first area digit is checked: the code list changes with
// every re-districting and includes 81/82/83 residence permits, and wrongly refusing a real
// petitioner costs more than accepting an area code that no longer exists.
const SHAPE = /^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;

/** ISO 7064 MOD 11-2 weights for the first 17 digits (2^(18-i) mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for each remainder 0..10. */
const CHECK_CHARACTERS = '10X98765432';

/** China has had one time zone (UTC+8) without daylight saving since 1991. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China as YYYYMMDD: a person born there today must already be accepted. */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID number.
 * Exposed for test-data builders that need valid numbers.
 */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckCharacter: expects exactly 17 digits');
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * Whether `value` is a well-formed 18-character PRC resident identity number (GB 11643-1999):
 * area code not starting with 0, a real birth date from 1900-01-01 up to today (China time),
 * a 3-digit sequence and a matching MOD 11-2 check character (`x` accepted for `X`).
 * The value is not trimmed: normalise input before validating.
 *
 * @param now the current time, for tests; defaults to the clock.
 */
export function isValidResidentId(value: string, now: Date = new Date()): boolean {
  if (typeof value !== 'string') return false;
  const id = value.toUpperCase();
  const match = SHAPE.exec(id);
  if (!match) return false;
  const [, year, month, day] = match;
  if (!isRealDate(Number(year), Number(month), Number(day))) return false;
  const birth = `${year}${month}${day}`;
  if (birth < '19000101' || birth > chinaToday(now)) return false;
  return residentIdCheckCharacter(id.slice(0, 17)) === id[17];
}

/**
 * class-validator decorator: the property must pass {@link isValidResidentId}.
 * Constraint name `isResidentId`.
 */
export function IsResidentId(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_RESIDENT_ID,
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isValidResidentId(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be a valid 18-character resident ID number (check digit included)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}
