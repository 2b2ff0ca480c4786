/**
 * The centre's numbers (issue 14 point 4, domain.md §8) as counters kept per month and
 * dimension, and the rates computed from them when asked. Petition counters belong to the month
 * the petition was received (its cohort): "of the petitions received in March, how many were
 * closed" stays comparable however late the closure came. Incidents and disbursements belong to
 * the month they happened. docs/supervision.md repeats every definition.
 */
export const METRICS = [
  'received',
  'collective',
  'abnormal',
  'repeat',
  'escalated',
  'backlog',
  'accepted',
  'acceptedOnTime',
  'declined',
  'decided',
  'decidedOnTime',
  'supported',
  'resolved',
  'closed',
  'ceased',
  'terminated',
  'evaluations',
  'satisfied',
  'overdue',
  'orders',
  'listed',
  'incidents',
  'massIncidents',
  'disbursedFen',
] as const;
export type Metric = (typeof METRICS)[number];
export type Counts = Record<Metric, number>;

export const DIMENSIONS = ['centre', 'unit', 'town', 'category', 'channel', 'leader'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export function emptyCounts(): Counts {
  return Object.fromEntries(METRICS.map((m) => [m, 0])) as Counts;
}

export function addCounts(into: Counts, more: Partial<Record<string, number>>): Counts {
  for (const m of METRICS) into[m] += more[m] ?? 0;
  return into;
}

/** A share, rounded to 4 places; null when there is nothing to divide by (not 0%, which would be a claim). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

export interface Rates {
  /** 按期受理率: accepted within the 15 days of art. 22 ÷ accepted. */
  acceptedOnTimeRate: number | null;
  /** 集体访占比: received with the collective flag (at registration or raised later) ÷ received. Same for the next four flags. */
  collectiveShare: number | null;
  /** 非正常访占比. */
  abnormalShare: number | null;
  /** 重复访占比. */
  repeatShare: number | null;
  /** 越级访占比. */
  escalatedShare: number | null;
  /** 积案占比. */
  backlogShare: number | null;
  /** 结案率 closure rate: cases whose unit closed the file (handling.case.closed) ÷ accepted. */
  closureRate: number | null;
  /**
   * 化解率 resolution rate: resolved ÷ decided, where a case is resolved when its decision
   * supported the request, or when the petitioner stopped (ceased, no review) after a decision
   * that explained or did not support it.
   */
  resolutionRate: number | null;
  /** 息访率 cessation rate: cases ceased (review window passed, no request, art. 35) ÷ closed. */
  cessationRate: number | null;
  /** 满意率 satisfaction rate: evaluations rated satisfied or basically satisfied ÷ evaluations (the unit's rating where given, else the bureau's). */
  satisfactionRate: number | null;
  /** 按期办结率 on-time handling: written decisions before the handling limit (60 days + extension) ÷ decided. */
  onTimeHandlingRate: number | null;
}

export function ratesOf(c: Counts): Rates {
  return {
    acceptedOnTimeRate: share(c.acceptedOnTime, c.accepted),
    collectiveShare: share(c.collective, c.received),
    abnormalShare: share(c.abnormal, c.received),
    repeatShare: share(c.repeat, c.received),
    escalatedShare: share(c.escalated, c.received),
    backlogShare: share(c.backlog, c.received),
    closureRate: share(c.closed, c.accepted),
    resolutionRate: share(c.resolved, c.decided),
    cessationRate: share(c.ceased, c.closed),
    satisfactionRate: share(c.satisfied, c.evaluations),
    onTimeHandlingRate: share(c.decidedOnTime, c.decided),
  };
}

/** The Beijing month (`YYYY-MM`) of an instant: the counters' period. */
export function periodOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** The months from `from` to `to` inclusive (`YYYY-MM`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
