import { DomainError } from '@pdmc/platform';

export class AlreadyEvaluatedError extends DomainError {
  constructor() {
    super('INTAKE.ALREADY_EVALUATED', 'This decision has already been evaluated', 409);
  }
}
