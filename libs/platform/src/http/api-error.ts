import type { FieldViolation } from '@pdmc/contracts';

/** The one JSON shape every service answers errors with. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  /** Stable, machine-readable code, e.g. `VALIDATION_FAILED`, `HANDLING.CASE_NOT_FOUND`. */
  code: string;
  message: string;
  details?: FieldViolation[];
  correlationId: string;
  path: string;
}

/**
 * A business failure with a stable code. Use cases return or throw it; the global filter
 * turns it into the JSON error shape with its HTTP status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 422,
    readonly details?: FieldViolation[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(details: FieldViolation[]) {
    super(
      'VALIDATION_FAILED',
      details.length
        ? `Invalid input: ${details.map((d) => `${d.field || '(body)'} (${d.rule})`).join(', ')}`
        : 'Invalid input',
      400,
      details,
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 404);
  }
}
