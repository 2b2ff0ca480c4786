import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Named points where a test can make the process die as in a crash (SIGKILL: no shutdown hooks,
 * no flushing), to prove that what the delivery code claims survives it:
 * - `after-handler-write`: an event handler's write is done, its inbox record is not;
 * - `after-publish`: an outbox entry is published, not yet removed from its document;
 * - `between-fetch-and-handle`: a message was fetched from JetStream, its handler has not run.
 */
export type FaultPoint = 'after-handler-write' | 'after-publish' | 'between-fetch-and-handle';

export const FAULT_POINTS: readonly FaultPoint[] = ['after-handler-write', 'after-publish', 'between-fetch-and-handle'];

interface Armed {
  /** Dies on the n-th time the point is reached (1 = the first). */
  hit: number;
  seen: number;
}

/**
 * Test-only fault injection, read from `PDMC_FAULTS` (`point[@n][,point[@n]...]`) and only when
 * `NODE_ENV` is `test`: in any other environment it is inert whatever the variable says. With
 * `PDMC_FAULTS_DIR` set, each point fires once per directory (a marker file), so a restarted
 * process runs through the point the second time.
 */
export class Faults {
  private readonly armed = new Map<FaultPoint, Armed>();
  readonly enabled: boolean;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    this.enabled = env.NODE_ENV === 'test' && Boolean(env.PDMC_FAULTS?.trim());
    if (!this.enabled) return;
    for (const item of env.PDMC_FAULTS!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [name, nth] = item.split('@');
      if (!FAULT_POINTS.includes(name as FaultPoint)) {
        throw new Error(`PDMC_FAULTS names an unknown point "${name}"; known: ${FAULT_POINTS.join(', ')}`);
      }
      const hit = nth === undefined ? 1 : Number(nth);
      if (!Number.isInteger(hit) || hit < 1) throw new Error(`PDMC_FAULTS: "${item}" must be point or point@n with n ≥ 1`);
      this.armed.set(name as FaultPoint, { hit, seen: 0 });
    }
  }

  /** Kills this process if `point` is armed and reached for the n-th time. */
  hit(point: FaultPoint): void {
    if (!this.enabled) return;
    const armed = this.armed.get(point);
    if (!armed) return;
    armed.seen += 1;
    if (armed.seen !== armed.hit) return;
    const dir = this.env.PDMC_FAULTS_DIR;
    if (dir) {
      const marker = join(dir, `${point}.fired`);
      if (existsSync(marker)) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(marker, String(process.pid));
    }
    process.stderr.write(`[faults] killing process ${process.pid} at ${point}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

/** The process's fault injection (inert outside tests). */
export const faults = new Faults();
