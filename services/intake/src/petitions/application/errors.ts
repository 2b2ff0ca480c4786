import { DomainError } from '@pdmc/platform';

/** A change that is not allowed in the petition's current state (409). */
export class PetitionStateConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 409);
  }
}

export class AlreadyDecidedError extends DomainError {
  constructor(status: string) {
    super('INTAKE.ALREADY_DECIDED', `The acceptance decision was already made (status ${status})`, 409);
  }
}

export class PetitionNotFoundError extends DomainError {
  constructor() {
    super('INTAKE.PETITION_NOT_FOUND', 'No petition with this id', 404);
  }
}
