import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { PeriodicPass, SERVICE_CONFIG } from '@pdmc/platform';
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
  private readonly passes = new PeriodicPass(
    () => this.pass(),
    (error) => this.logger.warn({ msg: 'escalation pass failed; will retry', error: String(error) }),
  );

  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly change: ChangeIncident,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EmergencyConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.config.ESCALATION_POLL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass; returns how many incidents it escalated. Passes never overlap in a process. */
  run(): Promise<number> {
    return this.passes.run();
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
