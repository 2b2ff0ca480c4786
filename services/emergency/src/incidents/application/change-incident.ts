import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { EventEnvelope } from '@pdmc/contracts';
import { correlationIdOrNew, currentCorrelation, DomainError, OutboxRelayService } from '@pdmc/platform';
import { isRefusal, type Change, type Incident, type Refusal } from '../domain/incident';
import { IncidentsRepository } from '../infrastructure/incidents.repository';
import { envelopesOf } from './incident-events';
import { IncidentNotFoundError, IncidentRefusedError } from './errors';

/** Conditional saves tried before giving up on a busy incident. */
const MAX_ATTEMPTS = 5;

/**
 * Runs one change of an incident: read, decide (a pure domain function), save conditionally on
 * the version read with the change's feed messages and events in the same write, and retry
 * when another writer came first. Then publishes the change's outbox entries itself (see
 * {@link IncidentsRepository.publishOutbox}); the relay is the safety net.
 */
@Injectable()
export class ChangeIncident {
  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async apply(id: string, decide: (incident: Incident, now: Date) => Change | Refusal | undefined): Promise<Incident> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const stored = await this.incidents.find(id);
      if (!stored) throw new IncidentNotFoundError();
      const now = this.clock.now();
      const change = decide(stored.incident, now);
      if (!change) return stored.incident;
      if (isRefusal(change)) throw new IncidentRefusedError(change);
      const events = envelopesOf(change, now, { correlationId: correlationIdOrNew(), causationId: currentCorrelation()?.causationId });
      if (await this.incidents.save(change, stored.version, events)) {
        await this.publish(id, events);
        return change.incident;
      }
    }
    throw new DomainError('EMERGENCY.CONCURRENT_CHANGE', 'The incident changed meanwhile; reload and try again', 409);
  }

  /** Stores a new incident; false when one with its id exists (a redelivered automatic one). */
  async create(change: Change): Promise<boolean> {
    const events = envelopesOf(change, change.incident.reportedAt, {
      correlationId: correlationIdOrNew(),
      causationId: currentCorrelation()?.causationId,
    });
    const inserted = await this.incidents.insert(change, events);
    if (inserted) await this.publish(change.incident.id, events);
    return inserted;
  }

  /** Publishes now; on any failure the relay takes over (JetStream drops a second copy by id). */
  private async publish(id: string, events: EventEnvelope[]): Promise<void> {
    if (!(await this.incidents.publishOutbox(id, events))) this.relay.kick();
  }
}
