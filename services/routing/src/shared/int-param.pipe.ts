import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '@pdmc/platform';

/**
 * A whole-number path parameter (a year, a rule-set version). Like every id of the API it is
 * opaque to callers: a plain token that names nothing (`abc`, a UUID, 1999) is 404 with the
 * resource's code; only characters no id can hold (operators, quotes, paths) are a 400 naming
 * the parameter.
 */
@Injectable()
export class IntParamPipe implements PipeTransform<string, string> {
  constructor(
    private readonly min: number,
    private readonly max: number,
    private readonly notFound: (value: string) => NotFoundError,
  ) {}

  // Returns the string: a `number` parameter would be converted (to NaN) by the global pipe first.
  transform(value: string, metadata: ArgumentMetadata): string {
    const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
    if (Number.isInteger(n) && n >= this.min && n <= this.max) return value;
    if (/^[A-Za-z0-9-]{1,64}$/.test(value)) throw this.notFound(value);
    const field = metadata.data ?? 'id';
    throw new ValidationFailedError([{ field, rule: 'isInt', message: `${field} must be a whole number from ${this.min} to ${this.max}` }]);
  }
}

export const YearParamPipe = new IntParamPipe(2000, 2100, (v) => new NotFoundError('ROUTING.CALENDAR_YEAR_NOT_FOUND', `No holiday data for ${v}`));
export const VersionParamPipe = new IntParamPipe(1, 1_000_000, (v) => new NotFoundError('ROUTING.RULE_SET_NOT_FOUND', `There is no rule set version ${v}`));

/** A rule id path parameter: letters, digits, `.`, `_`, `-`; anything else is a 400 naming it. */
@Injectable()
export class RuleIdParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (/^[A-Za-z0-9._-]{1,64}$/.test(value) && !value.includes('..')) return value;
    const field = metadata.data ?? 'ruleId';
    throw new ValidationFailedError([{ field, rule: 'ruleId', message: `${field} is letters, digits, ".", "_" or "-" (at most 64)` }]);
  }
}
