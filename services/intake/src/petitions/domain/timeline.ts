/** What happened to a petition; each state change appends one entry in the same write. */
export const TIMELINE_ACTIONS = [
  'registered',
  'submitted_online',
  'classified',
  'flags_changed',
  'repeat_link_cleared',
  'accepted',
  'not_accepted',
  'forwarded',
  'acceptance_overdue_reported',
  'merged',
  'merge_target',
  'merged_in',
  // Downstream, from routing's and handling's events and the petitioner's evaluations.
  'routed',
  'case_opened',
  'handling_decided',
  'evaluated',
  'handling_extended',
  'decision_served',
  'review_requested',
  'review_decided',
  'reexamination_requested',
  'reexamination_decided',
  'case_ceased',
  'case_terminated',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

/**
 * One entry: when, who (the staff member's subject, `petitioner` for online submissions,
 * `system` for monitors), what, and facts about the change. Never personal data: details hold
 * codes, ids, case numbers and flag names only.
 */
export interface TimelineEntry {
  at: Date;
  by: string;
  action: TimelineAction;
  details?: Record<string, string | number | boolean | null>;
}

export function entry(action: TimelineAction, by: string, at: Date, details?: TimelineEntry['details']): TimelineEntry {
  return details ? { at, by, action, details } : { at, by, action };
}

/** Oldest first; entries at the same instant keep their order. */
export function sortTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => new Date(a.e.at).getTime() - new Date(b.e.at).getTime() || a.i - b.i)
    .map(({ e }) => e);
}
