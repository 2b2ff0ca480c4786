import { DomainError } from '@pdmc/platform';

export class TooFewExamplesError extends DomainError {
  constructor(count: number, needed: number) {
    super('CLASSIFICATION.TOO_FEW_EXAMPLES', `A model needs at least ${needed} examples of at least two first-level classes; ${count} are stored`, 422);
  }
}
