import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@pdmc/contracts';
import { ValidationFailedError } from './api-error';

/**
 * Global input validation: unknown fields are rejected (no mass assignment), values are
 * transformed to their declared types, and failures name each field and rule.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
