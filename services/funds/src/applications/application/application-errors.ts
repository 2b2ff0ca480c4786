import { DomainError, NotFoundError } from '@pdmc/platform';
import type { RuleBreach } from '../domain/application';

export class ApplicationNotFoundError extends NotFoundError {
  constructor() {
    super('FUNDS.APPLICATION_NOT_FOUND', 'No such application, or not within the caller’s units');
  }
}

export class DisbursementNotFoundError extends NotFoundError {
  constructor() {
    super('FUNDS.DISBURSEMENT_NOT_FOUND', 'The application has no disbursement with this id');
  }
}

/** A workflow rule refused the action (separation of duties, turn, state). */
export class WorkflowError extends DomainError {
  constructor(breach: RuleBreach) {
    super(breach.code, breach.message, breach.status);
  }
}

export const refuse = (code: string, message: string, status: number) => new DomainError(code, message, status);

export class ChangedConcurrentlyError extends DomainError {
  constructor() {
    super('FUNDS.CHANGED_CONCURRENTLY', 'The application changed while this request ran; read it again and retry', 409);
  }
}

export class MovementInProgressError extends DomainError {
  constructor() {
    super('FUNDS.MOVEMENT_IN_PROGRESS', 'A money movement of this application is being finished; retry in a moment', 409);
  }
}
