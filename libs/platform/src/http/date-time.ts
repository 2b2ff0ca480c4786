import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { isISO8601, ValidateBy } from 'class-validator';

// Date, `T`, hours and minutes, optional seconds and fraction, then `Z` or `±hh:mm` (or `±hhmm`).
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 date-time with its offset (`2026-11-01T00:00:00+08:00`), naming a real instant. */
export function isOffsetDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    OFFSET_DATE_TIME.test(value) &&
    isISO8601(value, { strict: true, strictSeparator: true }) &&
    !Number.isNaN(Date.parse(value))
  );
}

/**
 * The one rule for date-times the APIs take, in bodies and in filters alike: ISO 8601 with a
 * time-zone offset. A bare number (`from=0`), a date without time or a time without offset
 * is refused (400), since each would be read in some zone the caller did not name.
 * With `toDate`, a valid value reaches the handler as a `Date`.
 */
export function IsOffsetDateTime(options: { toDate?: boolean } = {}): PropertyDecorator {
  const check = ValidateBy({
    name: 'isOffsetDateTime',
    validator: {
      validate: (value) => (options.toDate ? value instanceof Date && !Number.isNaN(value.getTime()) : isOffsetDateTime(value)),
      defaultMessage: (args) => `${args?.property} must be an ISO 8601 date-time with an offset, e.g. 2026-11-01T00:00:00+08:00`,
    },
  });
  if (!options.toDate) return applyDecorators(check);
  return applyDecorators(
    Transform(({ value }) => (isOffsetDateTime(value) ? new Date(value) : value), { toClassOnly: true }),
    check,
  );
}
