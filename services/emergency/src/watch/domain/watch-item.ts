import type { PetitionFlagsV1 } from '@pdmc/contracts';

export type WatchReason = 'threatOfExtremeAction' | 'abnormal' | 'collective';
/** `none`: the item stays on the list for its history, but every reason was cleared. */
export type RiskLevel = 'high' | 'elevated' | 'none';

/** Which event reported a petition's flags. */
export type FlagSource = 'registered' | 'flags-changed';

/** What one event said about a petition's risk: its flags as of `at`, as watch reasons. */
export interface FlagReport {
  eventId: string;
  source: FlagSource;
  /** When the flags were so: the registration (event time), or the change (`changedAt`). */
  at: Date;
  reasons: WatchReason[];
}

/** A report in the item's history, with what it raised and cleared compared with the one before. */
export interface WatchRecord extends FlagReport {
  raised: WatchReason[];
  cleared: WatchReason[];
}

/** Facts about the petition an event carries besides its flags; the registered event has them all. */
export interface PetitionFacts {
  caseNumber: string;
  townCode: string;
  headcount?: number;
  receivedAt?: Date;
}

/**
 * What emergency knows of one petition's risk. Only petitions whose flags ever gave a reason
 * are on the watch list (`onWatchList`); the others are kept so that reports arriving in any
 * order add up to the same state.
 */
export interface PetitionWatch {
  petitionId: string;
  caseNumber: string;
  townCode: string;
  /** `null` until the registered event has been seen. */
  headcount: number | null;
  receivedAt: Date | null;
  /** Whether the petition ever had a reason to be watched; never goes back to false. */
  onWatchList: boolean;
  /** The reasons the latest report gives. */
  reasons: WatchReason[];
  riskLevel: RiskLevel;
  /** When it went on the watch list (`createdAt` of the watch item); `null` while it is not. */
  createdAt: Date | null;
  updatedAt: Date;
  /** Every report, oldest first: the registration, then each change by `changedAt`. */
  history: WatchRecord[];
}

const REASON_ORDER: readonly WatchReason[] = ['threatOfExtremeAction', 'abnormal', 'collective'];

/** The flags that put a petition on the watch list, most serious first. */
export function watchReasons(flags: PetitionFlagsV1): WatchReason[] {
  return REASON_ORDER.filter((reason) => flags[reason]);
}

/** Threats of extreme action and abnormal petitioning are high risk, collective visits elevated. */
export function riskLevelOf(reasons: readonly WatchReason[]): RiskLevel {
  if (reasons.includes('threatOfExtremeAction') || reasons.includes('abnormal')) return 'high';
  return reasons.length > 0 ? 'elevated' : 'none';
}

/**
 * The emergency duty officer watches petitions that may turn into incidents at the centre:
 * threats of extreme action and abnormal petitioning are high risk, collective visits elevated.
 * Returns undefined when nothing needs watching.
 */
export function assessRisk(flags: PetitionFlagsV1): { reasons: WatchReason[]; riskLevel: 'high' | 'elevated' } | undefined {
  const reasons = watchReasons(flags);
  const riskLevel = riskLevelOf(reasons);
  return riskLevel === 'none' ? undefined : { reasons, riskLevel };
}

/**
 * The order reports happened in, whatever order they arrive in: the registration comes before
 * every change; changes follow `changedAt` (the event id breaks ties, so that every replica
 * agrees).
 */
function compareReports(a: FlagReport, b: FlagReport): number {
  const rank = (r: FlagReport) => (r.source === 'registered' ? 0 : 1);
  return rank(a) - rank(b) || a.at.getTime() - b.at.getTime() || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/** Sorts the reports and works out what each raised and cleared compared with the one before. */
function replay(reports: FlagReport[]): WatchRecord[] {
  let previous: WatchReason[] = [];
  return [...reports].sort(compareReports).map(({ eventId, source, at, reasons }) => {
    const record: WatchRecord = {
      eventId,
      source,
      at,
      reasons: [...reasons],
      raised: reasons.filter((r) => !previous.includes(r)),
      cleared: previous.filter((r) => !reasons.includes(r)),
    };
    previous = reasons;
    return record;
  });
}

/**
 * Adds one event's report to what is known of a petition (`current`, undefined if nothing
 * yet). Returns the new state, or `undefined` when the event was already recorded (a
 * redelivery changes nothing).
 *
 * - The current reasons and risk level are those of the latest report in time, so a change
 *   that arrives before the registration, or two changes that arrive swapped, give the same
 *   result as in order.
 * - A petition goes on the watch list as soon as any report gives a reason, and stays on it:
 *   a cleared flag is a record in its history (`cleared`), never a deletion.
 * - The registered event supplies the head-count and time of receipt whenever it comes;
 *   case number and town are those of the latest report.
 */
export function recordFlags(
  current: PetitionWatch | undefined,
  petitionId: string,
  facts: PetitionFacts,
  report: FlagReport,
  now: Date,
): PetitionWatch | undefined {
  if (current?.history.some((r) => r.eventId === report.eventId)) return undefined;
  const history = replay([...(current?.history ?? []), report]);
  const latest = history[history.length - 1];
  const isLatest = latest.eventId === report.eventId;
  const onWatchList = history.some((r) => r.reasons.length > 0);
  return {
    petitionId,
    caseNumber: isLatest || !current ? facts.caseNumber : current.caseNumber,
    townCode: isLatest || !current ? facts.townCode : current.townCode,
    headcount: facts.headcount ?? current?.headcount ?? null,
    receivedAt: facts.receivedAt ?? current?.receivedAt ?? null,
    onWatchList,
    reasons: [...latest.reasons],
    riskLevel: riskLevelOf(latest.reasons),
    createdAt: current?.createdAt ?? (onWatchList ? now : null),
    updatedAt: now,
    history,
  };
}
