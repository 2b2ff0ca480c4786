import { DomainError } from '@pdmc/platform';

/**
 * Unknown code, wrong second factor, and anything asked about that is not this petition's all
 * get the same answer, so codes cannot be probed.
 */
export class NoMatchError extends DomainError {
  constructor() {
    super('INTAKE.LOOKUP_NO_MATCH', 'No petition matches this query code and phone digits', 404);
  }
}

export class LockedError extends DomainError {
  constructor(until: Date) {
    super('INTAKE.LOOKUP_LOCKED', `Too many failed attempts; try again after ${until.toISOString()}`, 429);
  }
}
