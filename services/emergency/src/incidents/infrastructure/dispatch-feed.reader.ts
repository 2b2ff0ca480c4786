import { Inject, Injectable } from '@nestjs/common';
import { DeliverPolicy, JetStreamApiError, type ConsumerMessages, type MsgRequest } from '@nats-io/jetstream';
import { DISPATCH_FEED_STREAM, dispatchFeedFilter, type ResponderUnit } from '@pdmc/contracts';
import { BUS, type Bus } from '@pdmc/messaging';

/** One message of a unit's feed: its position (the EMERGENCY stream sequence) and envelope. */
export interface FeedItem {
  seq: number;
  subject: string;
  envelope: Record<string, unknown> & { type: string };
}

/** Why a follower's position was not honoured and where its feed starts again instead. */
export interface FeedReset {
  reason: 'unknown-last-event-id' | 'expired-last-event-id';
  lastEventId: number;
  /** The feed restarts with the first message still kept for the unit. */
  restartFrom: 'start';
}

/** A page of a unit's feed read as JSON. */
export interface FeedPage {
  items: FeedItem[];
  reset?: FeedReset;
  /** Give it as `lastEventId` for the next page; absent when the page is empty. */
  lastEventId?: number;
}

export interface FeedSubscription {
  reset?: FeedReset;
  stop(): Promise<void>;
}

/**
 * Reads a unit's feed back from JetStream (decision 0013): the EMERGENCY stream keeps every
 * feed message under `emergency.dispatch.<unit>.<kind>.v1`, and its sequence number is the
 * message's feed id. A follower that gives its last id gets every later message of its unit, in
 * stream order, exactly once, through a fresh ordered consumer; this needs no state in the
 * service and survives its restart. Without a last id the feed starts after the newest message.
 */
@Injectable()
export class DispatchFeedReader {
  constructor(@Inject(BUS) private readonly bus: Bus) {}

  /** Where a follower with this last id starts, and whether its id had to be reset. */
  private async startOf(lastEventId: number | undefined, fromNow: boolean): Promise<{ start: number | 'all'; reset?: FeedReset }> {
    const { state } = await this.bus.jetstreamManager.streams.info(this.bus.streamName(DISPATCH_FEED_STREAM));
    let reset: FeedReset | undefined;
    let start: number | 'all';
    if (lastEventId === undefined) {
      start = fromNow ? state.last_seq + 1 : 'all';
    } else if (lastEventId > state.last_seq) {
      // An id this stream never gave (another deployment, or a stream rebuilt): start over.
      reset = { reason: 'unknown-last-event-id', lastEventId, restartFrom: 'start' };
      start = 'all';
    } else if (state.messages > 0 && lastEventId < state.first_seq - 1) {
      // Messages after it were removed by the stream's limits: what was missed is gone.
      reset = { reason: 'expired-last-event-id', lastEventId, restartFrom: 'start' };
      start = 'all';
    } else {
      start = lastEventId + 1;
    }
    return { start, reset };
  }

  /**
   * Up to `limit` messages of the unit after `lastEventId` (from the first kept one without it),
   * read one by one from the stream by subject (`STREAM.MSG.GET` with `next_by_subj`).
   */
  async page(unit: ResponderUnit, lastEventId: number | undefined, limit: number): Promise<FeedPage> {
    const stream = this.bus.streamName(DISPATCH_FEED_STREAM);
    const { start, reset } = await this.startOf(lastEventId, false);
    const filter = this.bus.subject(dispatchFeedFilter(unit));
    const items: FeedItem[] = [];
    let seq = start === 'all' ? 1 : start;
    while (items.length < limit) {
      let message;
      try {
        // The server's STREAM.MSG.GET takes `next_by_subj` (the first message on or after `seq`
        // with a matching subject); nats.js types it only for direct get.
        message = await this.bus.jetstreamManager.streams.getMessage(stream, { seq, next_by_subj: filter } as unknown as MsgRequest);
      } catch (error) {
        if (error instanceof JetStreamApiError) break; // no further message of this unit
        throw error;
      }
      if (!message) break;
      items.push({ seq: message.seq, subject: this.bus.logicalSubject(message.subject), envelope: message.json() });
      seq = message.seq + 1;
    }
    return { items, ...(reset ? { reset } : {}), ...(items.length ? { lastEventId: items[items.length - 1].seq } : {}) };
  }

  async follow(unit: ResponderUnit, lastEventId: number | undefined, onItem: (item: FeedItem) => void): Promise<FeedSubscription> {
    const stream = this.bus.streamName(DISPATCH_FEED_STREAM);
    const { start, reset } = await this.startOf(lastEventId, true);
    const consumer = await this.bus.jetstream.consumers.get(stream, {
      // One filter as a string: servers before 2.10 take no list.
      filter_subjects: this.bus.subject(dispatchFeedFilter(unit)),
      ...(start === 'all'
        ? { deliver_policy: DeliverPolicy.All }
        : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start }),
    });
    const messages: ConsumerMessages = await consumer.consume();
    const done = (async () => {
      for await (const m of messages) {
        onItem({ seq: m.seq, subject: this.bus.logicalSubject(m.subject), envelope: m.json() });
      }
    })().catch((error: unknown) => {
      // A consumer deleted under us ends the feed; the follower reconnects with its last id.
      if (!(error instanceof JetStreamApiError)) throw error;
    });
    return {
      reset,
      stop: async () => {
        await messages.close().catch(() => undefined);
        await done.catch(() => undefined);
      },
    };
  }
}
