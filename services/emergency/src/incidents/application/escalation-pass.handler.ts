import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { SERVICE_CONFIG } from '@pdmc/platform';
import type { EmergencyConfig } from '../../config/emergency.config';
import { escalateOverdue } from '../domain/incident';
import { IncidentsRepository } from '../infrastructure/incidents.repository';
import { ChangeIncident } from './change-incident';

/** Incidents handled per pass; a longer backlog is taken by the next pass. */
const BATCH = 100;

/**
 * Finds incidents whose acknowledgement timer ran out (an indexed range query on
 * `nextAcknowledgementDueAt`, read against the injected clock), re-notifies the units that did
 * not acknowledge and escalates the incident to the centre director. Runs every
 * `ESCALATION_POLL_MS`; tests call {@link run} after moving a ManualClock.
 */
@Injectable()
export class EscalationPass implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EscalationPass.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly change: ChangeIncident,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EmergencyConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.logger.warn({ msg: 'escalation pass failed; will retry', error: String(error) }));
    }, this.config.ESCALATION_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many incidents it escalated. Passes never overlap in a process. */
  run(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const now = this.clock.now();
    let escalated = 0;
    for (const id of await this.incidents.dueForEscalation(now, BATCH)) {
      // Decided against the incident as stored now: a unit that acknowledged meanwhile is spared.
      const before = await this.change.apply(id, (incident) => escalateOverdue(incident, now));
      if (before.escalatedAt?.getTime() === now.getTime() || before.dispatches.some((d) => d.renotifiedAt?.getTime() === now.getTime())) {
        escalated += 1;
        this.logger.log({ msg: 'incident escalated', incidentId: id });
      }
    }
    return escalated;
  }
}
