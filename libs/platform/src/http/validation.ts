import { ValidationPipe } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { flattenValidationErrors } from '@pdmc/contracts';
import { ValidationFailedError } from './api-error';
import { inputIntegrityErrors } from './input-integrity';

/** class-validator's checks, then the platform's own: no undeclared nulls, well-formed text. */
class PlatformValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    return [...errors, ...inputIntegrityErrors(object)];
  }
}

/**
 * Global input validation: unknown fields are rejected (no mass assignment), values are
 * transformed to their declared types, `null` is refused unless the property is documented
 * `nullable`, text must be well-formed Unicode, and failures name each field and rule.
 */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
