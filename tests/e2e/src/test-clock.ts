import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One clock for every service process of an end-to-end test. The services read the offset from
 * this file at every "now" (`clockFromEnvironment` in `@pdmc/calendar`, only under
 * `NODE_ENV=test`), so moving it moves all of them at once; real time keeps running in between.
 */
export class TestClock {
  private readonly dir = mkdtempSync(join(tmpdir(), 'pdmc-e2e-clock-'));
  private readonly file = join(this.dir, 'clock.json');

  /** The environment a service needs to run on this clock. */
  get env(): Record<string, string> {
    return { PDMC_TEST_CLOCK_FILE: this.file };
  }

  /** Moves every service's "now" to `instant` (real time runs on from there). */
  set(instant: string | Date): void {
    const offsetMs = new Date(instant).getTime() - Date.now();
    if (!Number.isFinite(offsetMs)) throw new Error(`TestClock: not a time: ${String(instant)}`);
    // Written aside and renamed, so a service never reads half a file.
    const next = `${this.file}.next`;
    writeFileSync(next, JSON.stringify({ offsetMs }));
    renameSync(next, this.file);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
