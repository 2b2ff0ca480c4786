import { NotFoundError } from '@pdmc/platform';

export class PetitionNotRoutedError extends NotFoundError {
  constructor(petitionId: string) {
    super('ROUTING.PETITION_NOT_FOUND', `Routing knows no accepted petition ${petitionId}`);
  }
}
