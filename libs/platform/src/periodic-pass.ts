/**
 * A pass a service runs in the background every so often (a timer job, a repair pass, a scan):
 * never two at once in a process, a failed pass reported and tried again at the next tick, and
 * on shutdown the timer stopped and the pass in hand awaited. The timer does not keep the
 * process alive. Passes must be safe to run in several instances at once (conditional writes).
 */
export class PeriodicPass<T> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<T>;

  /**
   * @param pass the work of one pass
   * @param onFailure what to do with a failed pass started by the timer (log it, usually)
   */
  constructor(
    private readonly pass: () => Promise<T>,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Starts the timer; `now` also starts a pass at once. */
  start(intervalMs: number, options: { now?: boolean } = {}): void {
    const tick = () => {
      this.run().catch((error: unknown) => this.onFailure(error));
    };
    if (options.now) tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /** Runs a pass now, or joins the one under way; `pass` replaces the usual work for this run. */
  run(pass: () => Promise<T> = this.pass): Promise<T> {
    this.running ??= pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer and waits for the pass in hand, whatever its outcome. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
