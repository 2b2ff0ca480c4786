import { DomainError } from '@pdmc/platform';
import { allowedActions, type MeetingAction, type MeetingStatus } from '../domain/meeting';

/** A step the meeting's state does not allow: 409 naming the state and what it allows. */
export function assertAllowed(status: MeetingStatus, action: MeetingAction): void {
  const allowed = allowedActions(status);
  if (allowed.includes(action)) return;
  const code = status === 'concluded' || status === 'closed' ? 'ROUTING.MEETING_CLOSED' : 'ROUTING.MEETING_STATE_CONFLICT';
  throw new DomainError(code, `The meeting is ${status}: ${action} is not allowed (allowed: ${allowed.join(', ') || 'nothing'})`, 409);
}

export const meetingChanged = () => new DomainError('ROUTING.MEETING_CHANGED', 'The meeting changed meanwhile: reload it and try again', 409);
