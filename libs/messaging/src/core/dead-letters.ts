import { DEAD_LETTER_STREAM } from '@pdmc/contracts';
import type { StoredMsg } from '@nats-io/jetstream';
import type { Bus } from './bus';
import { deadLetterSubject } from './dead-letter';
import { PDMC_HEADERS, headersToRecord, recordToHeaders } from './headers';

/** Subject token that marks a replay inside a service's dead-letter subjects. */
export const REPLAY_TOKEN = '_replay';

/** Header naming the dead letter (its sequence) a replay came from. */
export const REPLAY_OF_HEADER = 'Pdmc-Replay-Of';

/** Logical subject a replay of `subject` for `service` is published on. */
export function replaySubject(service: string, subject: string): string {
  return `dlq.${service}.${REPLAY_TOKEN}.${subject}`;
}

/** A dead letter as an operator sees it in a list. */
export interface DeadLetterSummary {
  /** Sequence in the dead-letter stream: the dead letter's id. */
  seq: number;
  /** Logical subject the event was published on. */
  subject: string;
  /** The durable consumer that gave up. */
  consumer: string;
  error: string;
  deliveryCount: number;
  originalStream: string;
  originalSeq: number;
  eventId?: string;
  eventType?: string;
  correlationId?: string;
  deadLetteredAt: string;
  /** True for a replay that is waiting for (or being handled by) the replay consumer. */
  replaying: boolean;
}

/** A dead letter with the event itself. */
export interface DeadLetterDetail extends DeadLetterSummary {
  /** The stored message body: the event envelope when it was valid JSON, otherwise the text. */
  event: unknown;
}

/** Count and age of a service's dead letters, for metrics and readiness details. */
export interface DeadLetterStats {
  count: number;
  /** Age of the oldest dead letter in seconds; 0 when there is none. */
  oldestAgeSeconds: number;
}

/**
 * An operator's view of one service's dead letters in the `DEAD_LETTERS` stream: list, inspect,
 * replay (back to the consumer that gave up, through `dlq.<service>._replay.<subject>`, which
 * that service's replay consumer handles like the original delivery) and discard. Reads walk the
 * stream by subject (`next_by_subj`), never another service's letters.
 */
export class DeadLetters {
  constructor(
    private readonly bus: Bus,
    private readonly service: string,
  ) {}

  private get stream(): string {
    return this.bus.streamName(DEAD_LETTER_STREAM.name);
  }

  private get filter(): string {
    return this.bus.subject(deadLetterSubject(this.service, '>'));
  }

  /** Dead letters oldest first, from sequence `after + 1`, at most `limit`. */
  async list(options: { after?: number; limit?: number } = {}): Promise<DeadLetterSummary[]> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
    const out: DeadLetterSummary[] = [];
    let seq = (options.after ?? 0) + 1;
    while (out.length < limit) {
      const msg = await this.next(seq);
      if (!msg) break;
      out.push(this.summarize(msg));
      seq = msg.seq + 1;
    }
    return out;
  }

  /** One dead letter with its event, or undefined when there is none of this service at `seq`. */
  async get(seq: number): Promise<DeadLetterDetail | undefined> {
    const msg = await this.bus.jetstreamManager.streams.getMessage(this.stream, { seq }).catch(() => null);
    if (!msg || !this.owns(msg)) return undefined;
    const text = Buffer.from(msg.data).toString('utf8');
    let event: unknown = text;
    try {
      event = JSON.parse(text);
    } catch {
      // Kept as text: a malformed body is often why it was dead-lettered.
    }
    return { ...this.summarize(msg), event };
  }

  /** Count and oldest age; cheap enough for every metrics scrape (one info, one read). */
  async stats(now = Date.now()): Promise<DeadLetterStats> {
    const info = await this.bus.jetstreamManager.streams.info(this.stream, { subjects_filter: this.filter });
    const subjects = (info.state.subjects ?? {}) as Record<string, number>;
    const count = Object.entries(subjects)
      .filter(([subject]) => !this.isReplay(subject))
      .reduce((sum, [, n]) => sum + n, 0);
    if (count === 0) return { count: 0, oldestAgeSeconds: 0 };
    let seq = 1;
    for (;;) {
      const msg = await this.next(seq);
      if (!msg) return { count, oldestAgeSeconds: 0 };
      if (!this.isReplay(msg.subject)) {
        return { count, oldestAgeSeconds: Math.max(0, Math.round((now - msg.time.getTime()) / 1000)) };
      }
      seq = msg.seq + 1;
    }
  }

  /**
   * Sends the event back to the consumer that gave up, then removes the dead letter. Replaying
   * twice within the duplicate window stores one replay; the consumer's inbox makes a later
   * second one harmless. Returns false when there is no such dead letter.
   */
  async replay(seq: number): Promise<DeadLetterSummary | false> {
    const msg = await this.bus.jetstreamManager.streams.getMessage(this.stream, { seq }).catch(() => null);
    if (!msg || !this.owns(msg) || this.isReplay(msg.subject)) return false;
    const summary = this.summarize(msg);
    const headers = headersToRecord(msg.header);
    await this.bus.jetstream.publish(this.bus.subject(replaySubject(this.service, summary.subject)), msg.data, {
      msgID: `replay:${this.stream}:${seq}`,
      headers: recordToHeaders({ ...headers, [REPLAY_OF_HEADER]: String(seq) }),
    });
    await this.bus.jetstreamManager.streams.deleteMessage(this.stream, seq, false).catch(() => false);
    return summary;
  }

  /** Removes a dead letter for good. Returns false when there is no such dead letter. */
  async discard(seq: number): Promise<DeadLetterSummary | false> {
    const msg = await this.bus.jetstreamManager.streams.getMessage(this.stream, { seq }).catch(() => null);
    if (!msg || !this.owns(msg)) return false;
    await this.bus.jetstreamManager.streams.deleteMessage(this.stream, seq, false);
    return this.summarize(msg);
  }

  private next(seq: number): Promise<StoredMsg | null> {
    // STREAM.MSG.GET with next_by_subj (nats-server ≥ 2.9): the first message at or after seq
    // on this service's dead-letter subjects.
    return this.bus.jetstreamManager.streams
      .getMessage(this.stream, { seq, next_by_subj: this.filter } as never)
      .catch((error: unknown) => {
        if ((error as { name?: string; code?: number }).name === 'JetStreamApiError' && /no message found/i.test(String(error))) return null;
        if (/no message found/i.test(String(error))) return null;
        throw error;
      });
  }

  private owns(msg: StoredMsg): boolean {
    return msg.subject.startsWith(this.bus.subject(`dlq.${this.service}.`));
  }

  private isReplay(physicalSubject: string): boolean {
    return physicalSubject.startsWith(this.bus.subject(`dlq.${this.service}.${REPLAY_TOKEN}.`));
  }

  private summarize(msg: StoredMsg): DeadLetterSummary {
    const h = headersToRecord(msg.header);
    const replaying = this.isReplay(msg.subject);
    const logical = this.bus.logicalSubject(msg.subject);
    const prefix = replaying ? `dlq.${this.service}.${REPLAY_TOKEN}.` : `dlq.${this.service}.`;
    let envelope: { id?: unknown; type?: unknown; correlationId?: unknown } = {};
    try {
      envelope = JSON.parse(Buffer.from(msg.data).toString('utf8')) as typeof envelope;
    } catch {
      // Not JSON: the summary goes without event fields.
    }
    return {
      seq: msg.seq,
      subject: logical.startsWith(prefix) ? logical.slice(prefix.length) : logical,
      consumer: h[PDMC_HEADERS.consumer] ?? '',
      error: h[PDMC_HEADERS.error] ?? '',
      deliveryCount: Number(h[PDMC_HEADERS.deliveryCount] ?? 0),
      originalStream: h[PDMC_HEADERS.originalStream] ?? '',
      originalSeq: Number(h[PDMC_HEADERS.originalSeq] ?? 0),
      ...(typeof envelope.id === 'string' ? { eventId: envelope.id } : {}),
      ...(typeof envelope.type === 'string' ? { eventType: envelope.type } : {}),
      ...(typeof envelope.correlationId === 'string' ? { correlationId: envelope.correlationId } : {}),
      deadLetteredAt: msg.time.toISOString(),
      replaying,
    };
  }
}
