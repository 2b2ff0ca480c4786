import { allowedActions } from '../domain/meeting';
import type { MeetingDocument } from '../infrastructure/meeting.schema';

export type MeetingView = Omit<MeetingDocument, '_id' | 'outbox' | 'revision'> & { meetingId: string; allowedActions: string[] };

export function toMeetingView(doc: Omit<MeetingDocument, 'outbox'> & { outbox?: unknown }): MeetingView {
  const { _id, outbox: _outbox, revision: _revision, ...rest } = doc as MeetingDocument;
  return { meetingId: _id, ...rest, allowedActions: allowedActions(doc.status) };
}
