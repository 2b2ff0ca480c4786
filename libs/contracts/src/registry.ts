import type { EventDefinition } from './event-definition';
import { DISPATCH_FEED_KINDS, DispatchFeedMessageV1, dispatchFeedSubject } from './emergency/dispatch-feed.v1';
import { RESPONDER_UNITS } from './emergency/responders';
import { CASE_DECIDED_V1 } from './handling/case-decided.v1';
import { CASE_OPENED_V1 } from './handling/case-opened.v1';
import { EVALUATION_SUBMITTED_V1 } from './intake/evaluation-submitted.v1';
import { PETITION_FLAGS_CHANGED_V1 } from './intake/petition-flags-changed.v1';
import { PETITION_MERGED_V1 } from './intake/petition-merged.v1';
import { PETITION_ACCEPTANCE_OVERDUE_V1 } from './intake/petition-acceptance-overdue.v1';
import { PETITION_ACCEPTED_V1 } from './intake/petition-accepted.v1';
import { PETITION_DECLINED_V1 } from './intake/petition-declined.v1';
import { PETITION_REGISTERED_V1 } from './intake/petition-registered.v1';
import { PETITION_ROUTED_V1 } from './routing/petition-routed.v1';
import { MEETING_CONCLUDED_V1 } from './routing/meeting-concluded.v1';
import { CASE_RETURNED_V1 } from './handling/case-returned.v1';
import { CASE_TERMINATED_V1 } from './handling/case-terminated.v1';
import { CALENDAR_CHANGED_V1 } from './routing/calendar-changed.v1';
// Handling: the case lifecycle (issue 12)
import { CASE_ACCEPTED_V1 } from './handling/case-accepted.v1';
import { CASE_STATE_CHANGED_V1 } from './handling/case-state-changed.v1';
import { TASK_ISSUED_V1 } from './handling/task-issued.v1';
import { TASK_REPORTED_V1 } from './handling/task-reported.v1';
import { EXTENSION_GRANTED_V1 } from './handling/extension-granted.v1';
import { CASE_SERVED_V1 } from './handling/case-served.v1';
import { CASE_CLOSED_V1 } from './handling/case-closed.v1';
import { CASE_CEASED_V1 } from './handling/case-ceased.v1';
import { REVIEW_REQUESTED_V1 } from './handling/review-requested.v1';
import { REVIEW_DECIDED_V1 } from './handling/review-decided.v1';
import { REEXAMINATION_REQUESTED_V1 } from './handling/reexamination-requested.v1';
import { REEXAMINATION_DECIDED_V1 } from './handling/reexamination-decided.v1';
import { INCIDENT_CLOSED_V1 } from './emergency/incident-closed.v1';
import { INCIDENT_ESCALATED_V1 } from './emergency/incident-escalated.v1';
import { INCIDENT_REPORTED_V1 } from './emergency/incident-reported.v1';
import { APPLICATION_SUBMITTED_V1 } from './funds/application-submitted.v1';
import { APPLICATION_APPROVED_V1 } from './funds/application-approved.v1';
import { APPLICATION_REJECTED_V1 } from './funds/application-rejected.v1';
import { DISBURSEMENT_RECORDED_V1 } from './funds/disbursement-recorded.v1';
import { DISBURSEMENT_REVERSED_V1 } from './funds/disbursement-reversed.v1';
import { MEETING_TASK_COMPLETED_V1 } from './routing/meeting-task-completed.v1';
import { APPLICATION_WITHDRAWN_V1 } from './funds/application-withdrawn.v1';
import { APPLICATION_CANCELLED_V1 } from './funds/application-cancelled.v1';
// Supervision (issue 14): watched deadlines and supervision orders.
import { OBLIGATION_WARNED_V1 } from './routing/obligation-warned.v1';
import { OBLIGATION_OVERDUE_V1 } from './routing/obligation-overdue.v1';
import { SUPERVISION_ORDER_ESCALATED_V1, SUPERVISION_ORDER_ISSUED_V1, SUPERVISION_ORDER_REPLIED_V1 } from './routing/supervision-order.v1';

/** Every event this platform knows, by subject; the transport validates payloads against it. */
export const EVENT_REGISTRY: ReadonlyMap<string, EventDefinition> = new Map(
  [
    PETITION_REGISTERED_V1,
    PETITION_ACCEPTED_V1,
    PETITION_DECLINED_V1,
    PETITION_ACCEPTANCE_OVERDUE_V1,
    PETITION_MERGED_V1,
    PETITION_FLAGS_CHANGED_V1,
    EVALUATION_SUBMITTED_V1,
    PETITION_ROUTED_V1,
    CASE_OPENED_V1,
    CASE_DECIDED_V1,
    CASE_RETURNED_V1,
    CASE_TERMINATED_V1,
    MEETING_CONCLUDED_V1,
    // New events: append below, one line each, grouped by producer.
    CALENDAR_CHANGED_V1,
    CASE_ACCEPTED_V1,
    CASE_STATE_CHANGED_V1,
    TASK_ISSUED_V1,
    TASK_REPORTED_V1,
    EXTENSION_GRANTED_V1,
    CASE_SERVED_V1,
    CASE_CLOSED_V1,
    CASE_CEASED_V1,
    REVIEW_REQUESTED_V1,
    REVIEW_DECIDED_V1,
    REEXAMINATION_REQUESTED_V1,
    REEXAMINATION_DECIDED_V1,
    INCIDENT_REPORTED_V1,
    INCIDENT_ESCALATED_V1,
    INCIDENT_CLOSED_V1,
    APPLICATION_SUBMITTED_V1,
    APPLICATION_APPROVED_V1,
    APPLICATION_REJECTED_V1,
    DISBURSEMENT_RECORDED_V1,
    DISBURSEMENT_REVERSED_V1,
    MEETING_TASK_COMPLETED_V1,
    APPLICATION_WITHDRAWN_V1,
    APPLICATION_CANCELLED_V1,
    // Supervision (issue 14)
    OBLIGATION_WARNED_V1,
    OBLIGATION_OVERDUE_V1,
    SUPERVISION_ORDER_ISSUED_V1,
    SUPERVISION_ORDER_REPLIED_V1,
    SUPERVISION_ORDER_ESCALATED_V1,
  ].map((d) => [d.subject, d as EventDefinition]),
);

/**
 * The responder units' feed messages (`emergency.dispatch.<unit>.<kind>.v1`): one payload class
 * for every unit and kind, kept out of {@link EVENT_REGISTRY} because no service consumes them as
 * events (responder desks follow them), but checked like events wherever they are written.
 */
const DISPATCH_FEED_DEFINITIONS: ReadonlyMap<string, EventDefinition> = new Map(
  RESPONDER_UNITS.flatMap((unit) =>
    DISPATCH_FEED_KINDS.map((kind) => {
      const subject = dispatchFeedSubject(unit, kind);
      const definition: EventDefinition = { subject, version: 1, producer: 'emergency', payload: DispatchFeedMessageV1 as EventDefinition['payload'] };
      return [subject, definition] as const;
    }),
  ),
);

/** The definition of an event or of a responder unit's feed message, by subject. */
export function findEventDefinition(subject: string): EventDefinition | undefined {
  return EVENT_REGISTRY.get(subject) ?? DISPATCH_FEED_DEFINITIONS.get(subject);
}
