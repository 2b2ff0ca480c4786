import 'reflect-metadata';
export * from './envelope';
export * from './event-definition';
export * from './validation';
export * from './streams';
export * from './work-units';
export * from './registry';
export * from './intake/petition-registered.v1';
export * from './intake/petition-accepted.v1';
export * from './intake/petition-declined.v1';
export * from './intake/petition-acceptance-overdue.v1';
export * from './intake/petition-merged.v1';
export * from './intake/petition-flags-changed.v1';
export * from './intake/evaluation-submitted.v1';
export * from './routing/petition-routed.v1';
export * from './handling/case-opened.v1';
export * from './handling/case-decided.v1';
export * from './handling/case-returned.v1';
export * from './handling/case-terminated.v1';
export * from './routing/meeting-concluded.v1';
export * from './routing/calendar-changed.v1';
// Handling: the case lifecycle (issue 12)
export * from './handling/case-accepted.v1';
export * from './handling/case-state-changed.v1';
export * from './handling/task-issued.v1';
export * from './handling/task-reported.v1';
export * from './handling/extension-granted.v1';
export * from './handling/case-served.v1';
export * from './handling/case-closed.v1';
export * from './handling/case-ceased.v1';
export * from './handling/review-requested.v1';
export * from './handling/review-decided.v1';
export * from './handling/reexamination-requested.v1';
export * from './handling/reexamination-decided.v1';
// Emergency: incidents, dispatches and the responder units' feeds.
export * from './emergency/responders';
export * from './emergency/dispatch-feed.v1';
export * from './emergency/incident-reported.v1';
export * from './emergency/incident-escalated.v1';
export * from './emergency/incident-closed.v1';
export * from './funds/fund-facts';
export * from './funds/application-submitted.v1';
export * from './funds/application-approved.v1';
export * from './funds/application-rejected.v1';
export * from './funds/disbursement-recorded.v1';
export * from './funds/disbursement-reversed.v1';
// Joint meetings' tasks done (issue #13): the cases show them completed.
export * from './routing/meeting-task-completed.v1';
// Applications that end without payment in full (issue #16): handling's case view shows them.
export * from './funds/application-withdrawn.v1';
export * from './funds/application-cancelled.v1';
// Supervision (issue 14): watched deadlines and supervision orders.
export * from './routing/obligation-warned.v1';
export * from './routing/obligation-overdue.v1';
export * from './routing/supervision-order.v1';
