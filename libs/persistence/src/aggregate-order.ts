/** Where an event stands against the last one applied from the same aggregate. */
export type AggregateOrder = 'next' | 'already-applied' | 'gap' | 'unsequenced';

/**
 * Compares an event's `sequence` (its place among its aggregate's events) with the last one a
 * consumer applied: `next` to apply now, `already-applied` to skip, `gap` when earlier events
 * are still missing (retry later: they arrive, JetStream loses nothing), `unsequenced` for
 * producers that do not number their events yet.
 */
export function aggregateOrder(lastApplied: number | undefined, sequence: number | undefined): AggregateOrder {
  if (sequence === undefined) return 'unsequenced';
  const last = lastApplied ?? 0;
  if (sequence <= last) return 'already-applied';
  return sequence === last + 1 ? 'next' : 'gap';
}
