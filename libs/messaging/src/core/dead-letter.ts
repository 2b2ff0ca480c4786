import { DEAD_LETTER_STREAM } from '@pdmc/contracts';
import type { StreamInfo } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/nats-core';
import type { Bus, PublishResult } from './bus';
import { PDMC_HEADERS, headersToRecord, recordToHeaders, toHeaderValue } from './headers';

/** Creates or updates the dead-letter stream (`DEAD_LETTERS`, subjects `dlq.>`). */
export function ensureDeadLetterStream(bus: Bus): Promise<StreamInfo> {
  return bus.ensureStream(DEAD_LETTER_STREAM);
}

/** Logical dead-letter subject for a message that `service` could not process. */
export function deadLetterSubject(service: string, subject: string): string {
  return `dlq.${service}.${subject}`;
}

/** A message that failed for good, with where it came from and why. */
export interface DeadLetter {
  /** The consuming service; names the dead-letter subject. */
  service: string;
  /** The durable consumer that gave up. */
  consumer: string;
  /** Logical subject the message was published on. */
  subject: string;
  /** Physical subject and stream the message was read from. */
  physicalSubject: string;
  stream: string;
  streamSequence: number;
  deliveryCount: number;
  data: Uint8Array;
  headers?: MsgHdrs;
  /** Why it failed; cut to 1 KiB in the `Pdmc-Error` header. */
  error: string;
}

/**
 * Copies a failed message (body and headers) to `dlq.<service>.<subject>` with headers saying
 * why and from where, and waits for JetStream to store it. Throws when it was not stored, so
 * the caller can keep the original instead of losing it.
 */
export async function publishDeadLetter(bus: Bus, letter: DeadLetter): Promise<PublishResult> {
  const original = headersToRecord(letter.headers);
  // Nats-* headers steer the server (Nats-Msg-Id would make the copy a "duplicate" of another
  // consumer's copy of the same event), so only application headers travel along.
  for (const key of Object.keys(original)) {
    if (key.toLowerCase().startsWith('nats-')) delete original[key];
  }
  const headers = recordToHeaders({
    ...original,
    [PDMC_HEADERS.error]: toHeaderValue(letter.error || 'unknown error'),
    [PDMC_HEADERS.consumer]: letter.consumer,
    [PDMC_HEADERS.originalSubject]: letter.physicalSubject,
    [PDMC_HEADERS.originalStream]: letter.stream,
    [PDMC_HEADERS.originalSeq]: String(letter.streamSequence),
    [PDMC_HEADERS.deliveryCount]: String(letter.deliveryCount),
  });
  const subject = bus.subject(deadLetterSubject(letter.service, letter.subject));
  const ack = await bus.jetstream.publish(subject, letter.data, {
    // One dead letter per (consumer, original message): if the term after a stored dead letter
    // is lost, the redelivered message is dead-lettered again and the server drops the copy.
    msgID: `${letter.consumer}:${letter.stream}:${letter.streamSequence}`,
    headers,
  });
  return { seq: ack.seq, duplicate: ack.duplicate };
}
