import { NotFoundError } from '@pdmc/platform';

export class ReceptionDayNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('ROUTING.RECEPTION_DAY_NOT_FOUND', `There is no reception day ${id}`);
  }
}
