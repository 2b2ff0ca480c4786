import { NotFoundError } from '@pdmc/platform';

export class MeetingNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('ROUTING.MEETING_NOT_FOUND', `There is no joint meeting ${id}`);
  }
}
