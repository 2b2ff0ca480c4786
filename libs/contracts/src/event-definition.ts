import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from './envelope';

export type ProducerName = 'intake' | 'routing' | 'handling' | 'emergency' | 'funds';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PayloadClass<P = any> = new () => P;

/** A versioned integration event: its subject, producer and payload class. */
export interface EventDefinition<P = unknown> {
  subject: string;
  version: number;
  producer: ProducerName;
  payload: PayloadClass<P>;
}

const SUBJECT_PATTERN = /^(intake|routing|handling|emergency|funds)\.[a-z-]+\.[a-z-]+\.v([1-9][0-9]*)$/;

/**
 * Declares an event. The subject must read `<producer>.<entity>.<past-tense-verb>.v<N>`;
 * the version and producer are derived from it so they can never disagree.
 */
export function defineEvent<P>(subject: string, payload: PayloadClass<P>): EventDefinition<P> {
  const match = SUBJECT_PATTERN.exec(subject);
  if (!match) {
    throw new Error(`Event subject "${subject}" does not read <producer>.<entity>.<past-verb>.v<N>`);
  }
  return { subject, version: Number(match[2]), producer: match[1] as ProducerName, payload };
}

export interface EnvelopeContext {
  correlationId: string;
  causationId?: string;
  id?: string;
  occurredAt?: Date;
  /** The aggregate's id and this event's place among its events (see `EventEnvelope.sequence`). */
  aggregate?: { id: string; sequence: number };
}

/** Wraps a payload in a new envelope for the given event definition. */
export function createEnvelope<P>(def: EventDefinition<P>, payload: P, ctx: EnvelopeContext): EventEnvelope<P> {
  return {
    id: ctx.id ?? randomUUID(),
    type: def.subject,
    version: def.version,
    occurredAt: (ctx.occurredAt ?? new Date()).toISOString(),
    producer: def.producer,
    correlationId: ctx.correlationId,
    ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
    ...(ctx.aggregate ? { aggregateId: ctx.aggregate.id, sequence: ctx.aggregate.sequence } : {}),
    payload,
  };
}
