/** The source of "now" for every time-dependent rule, so tests can set the time instead of sleeping. */
export interface Clock {
  now(): Date;
}

/** The injection token under which services provide their {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The real time. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests and for replaying history. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = new Date()) {
    this.current = new Date(start).getTime();
    if (!Number.isFinite(this.current)) {
      throw new Error(`ManualClock: not a time: ${String(start)}`);
    }
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves to an absolute time. */
  set(to: Date | string): void {
    const next = new Date(to).getTime();
    if (!Number.isFinite(next)) {
      throw new Error(`ManualClock: not a time: ${String(to)}`);
    }
    this.current = next;
  }

  /** Moves forward (or back, with a negative amount) by milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }
}
