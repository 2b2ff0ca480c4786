import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { FUND_IDS, type FundId } from '@pdmc/contracts';
import { ValidationFailedError } from '@pdmc/platform';
import { FundNotFoundError, FundYearNotFoundError } from '../application/ledger-errors';

/** Plain tokens only: anything else (operators, paths, quotes) is malformed; a well-formed unknown one is not found. */
const TOKEN = /^[a-z0-9_-]{1,40}$/;

/** `:fundId`: a malformed one is 400 naming the parameter; a well-formed unknown one is 404. */
@Injectable()
export class FundIdPipe implements PipeTransform<string, FundId> {
  transform(value: string, metadata: ArgumentMetadata): FundId {
    const field = metadata.data ?? 'fundId';
    if (!TOKEN.test(value)) throw new ValidationFailedError([{ field, rule: 'isFundId', message: `${field} must be a fund code` }]);
    if (!(FUND_IDS as readonly string[]).includes(value)) throw new FundNotFoundError();
    return value as FundId;
  }
}

/**
 * A year from the path. Declared as an intersection so that its emitted metadata is Object: the
 * global validation pipe then leaves the raw text to {@link FiscalYearPipe} instead of turning a
 * uuid into NaN.
 */
export type FiscalYearParam = number & { readonly fiscalYearParam?: never };

/** `:year`: a fiscal year between 2000 and 2100; a plain token that is no year names no fund year (404). */
@Injectable()
export class FiscalYearPipe implements PipeTransform<string | number, number> {
  transform(raw: string | number, metadata: ArgumentMetadata): number {
    // The global validation pipe has already turned the parameter into a number where it could.
    const value = String(raw);
    const field = metadata.data ?? 'year';
    const malformed = () => new ValidationFailedError([{ field, rule: 'isFiscalYear', message: `${field} must be a year from 2000 to 2100` }]);
    if (/^\d+$/.test(value)) {
      const year = Number(value);
      if (value.length === 4 && year >= 2000 && year <= 2100) return year;
      throw malformed();
    }
    if (TOKEN.test(value)) throw new FundYearNotFoundError();
    throw malformed();
  }
}
