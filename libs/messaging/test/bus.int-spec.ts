import { DEAD_LETTER_STREAM, STREAMS } from '@pdmc/contracts';
import type { StoredMsg } from '@nats-io/jetstream';
import {
  Bus,
  DUPLICATE_WINDOW_MS,
  PDMC_HEADERS,
  TransientFailureError,
  UnprocessableMessageError,
  consumeDurable,
  durableConsumerConfig,
  ensureDeadLetterStream,
  upsertDurableConsumer,
  type DeliveredMessage,
  type DurableConsumer,
} from '../src';
import {
  deleteStreams,
  eventually,
  petitionRegisteredEnvelope,
  sleep,
  testBus,
  uniquePrefix,
} from './support';

// Core bus and durable consumer against a real nats-server; one namespace for the file.
const prefix = uniquePrefix();
let bus: Bus;
const consumers: DurableConsumer[] = [];

beforeAll(async () => {
  bus = await testBus(prefix);
  await bus.ensureStream(STREAMS.intake);
  await ensureDeadLetterStream(bus);
});

afterEach(async () => {
  await Promise.all(consumers.splice(0).map((c) => c.stop()));
});

afterAll(async () => {
  if (!bus) return;
  await deleteStreams(bus, prefix);
  await bus.drain();
});

function decodeJson(data: Uint8Array): unknown {
  return JSON.parse(Buffer.from(data).toString('utf8'));
}

function decode(data: Uint8Array): { id: string } {
  return decodeJson(data) as { id: string };
}

describe('Bus.publish', () => {
  it('stores an envelope once however often it is published (msgID = envelope id)', async () => {
    const stream = bus.streamName('INTAKE');
    const before = (await bus.jetstreamManager.streams.info(stream)).state.messages;
    const envelope = petitionRegisteredEnvelope();

    const first = await bus.publish(envelope);
    const second = await bus.publish(envelope);

    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ seq: first.seq, duplicate: true });
    expect((await bus.jetstreamManager.streams.info(stream)).state.messages).toBe(before + 1);
  });

  it('publishes JSON on the prefixed subject with correlation and type headers', async () => {
    const envelope = { ...petitionRegisteredEnvelope(), causationId: 'cause-1' };
    const { seq } = await bus.publish(envelope);

    const stored = await bus.jetstreamManager.streams.getMessage(bus.streamName('INTAKE'), { seq });
    expect(stored?.subject).toBe(`${prefix}.intake.petition.registered.v1`);
    expect(stored && decodeJson(stored.data)).toEqual(envelope);
    expect(stored?.header.get(PDMC_HEADERS.correlationId)).toBe(envelope.correlationId);
    expect(stored?.header.get(PDMC_HEADERS.causationId)).toBe('cause-1');
    expect(stored?.header.get(PDMC_HEADERS.eventType)).toBe('intake.petition.registered.v1');
    expect(stored?.header.get('Nats-Msg-Id')).toBe(envelope.id);
  });

  it('rejects when no stream captures the subject', async () => {
    const envelope = { ...petitionRegisteredEnvelope(), type: 'funds.nothing.stored.v1' };
    await expect(bus.publish(envelope)).rejects.toThrow();
  });
});

describe('Bus.ensureStream', () => {
  it('is idempotent and safe when two services create the same stream at once', async () => {
    const other = await testBus(prefix, 'other-service');
    try {
      const spec = { name: 'RACE', subjects: ['race.>'] };
      const [a, b] = await Promise.all([bus.ensureStream(spec), other.ensureStream(spec)]);
      const again = await bus.ensureStream(spec);

      for (const info of [a, b, again]) {
        expect(info.config.name).toBe(bus.streamName('RACE'));
        expect(info.config.subjects).toEqual([`${prefix}.race.>`]);
        expect(info.config.storage).toBe('file');
        expect(info.config.retention).toBe('limits');
        expect(info.config.duplicate_window).toBe(DUPLICATE_WINDOW_MS * 1_000_000);
      }
      expect(again.created).toBe(a.created);
    } finally {
      await other.drain();
    }
  });

  it('updates the subjects of an existing stream, also when racing', async () => {
    await bus.ensureStream({ name: 'GROWING', subjects: ['growing.a.>'] });
    const wanted = { name: 'GROWING', subjects: ['growing.a.>', 'growing.b.>'] };
    const [a, b] = await Promise.all([bus.ensureStream(wanted), bus.ensureStream(wanted)]);
    expect(new Set(a.config.subjects)).toEqual(new Set([`${prefix}.growing.a.>`, `${prefix}.growing.b.>`]));
    expect(b.config.subjects).toHaveLength(2);
  });

  it('creates the dead-letter stream for dlq.>', async () => {
    const info = await ensureDeadLetterStream(bus);
    expect(info.config.name).toBe(bus.streamName(DEAD_LETTER_STREAM.name));
    expect(info.config.subjects).toEqual([`${prefix}.dlq.>`]);
  });
});

describe('Bus.request', () => {
  it('does a JSON request/reply round trip on the prefixed subject', async () => {
    const sub = bus.connection.subscribe(bus.subject('test.echo'), {
      callback: (_err, msg) => {
        msg.respond(JSON.stringify({ got: msg.json(), corr: msg.headers?.get(PDMC_HEADERS.correlationId) }));
      },
    });
    try {
      await expect(bus.request('test.echo', { n: 1 }, 2_000, { correlationId: 'c-9' })).resolves.toEqual({
        got: { n: 1 },
        corr: 'c-9',
      });
    } finally {
      sub.unsubscribe();
    }
  });

  it('rejects when nobody answers', async () => {
    await expect(bus.request('test.nobody', {}, 500)).rejects.toThrow();
  });
});

describe('consumeDurable', () => {
  const filterSubject = 'intake.petition.registered.v1';

  async function start(
    durable: string,
    onMessage: (message: DeliveredMessage) => Promise<void>,
    extra: { maxDeliver?: number; filterSubject?: string } = {},
  ): Promise<DurableConsumer> {
    const consumer = await consumeDurable({
      bus,
      stream: 'INTAKE',
      durable,
      filterSubject: extra.filterSubject ?? filterSubject,
      service: 'core-test',
      maxDeliver: extra.maxDeliver ?? 3,
      backoffMs: [50],
      ackWaitMs: 5_000,
      onMessage,
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    consumers.push(consumer);
    return consumer;
  }

  async function pending(durable: string): Promise<{ numPending: number; ackPending: number }> {
    const info = await bus.jetstreamManager.consumers.info(bus.streamName('INTAKE'), durable);
    return { numPending: info.num_pending, ackPending: info.num_ack_pending };
  }

  /** The newest dead letter of `consumer` for `subject`, if it is the event `id`. */
  async function lastDeadLetter(
    consumer: string,
    id: string,
    subject = filterSubject,
  ): Promise<StoredMsg | undefined> {
    const msg = await bus.jetstreamManager.streams
      .getMessage(bus.streamName(DEAD_LETTER_STREAM.name), {
        last_by_subj: bus.subject(`dlq.core-test.${subject}`),
      })
      .catch(() => null);
    const matches = msg && msg.header.get(PDMC_HEADERS.consumer) === consumer && decode(msg.data).id === id;
    return matches ? msg : undefined;
  }

  it('re-creates its consumer after it was deleted and keeps consuming', async () => {
    const seen = new Set<string>();
    await start('deleted', async (message) => {
      seen.add(decode(message.data).id);
    });
    const first = petitionRegisteredEnvelope();
    await bus.publish(first);
    await eventually(() => seen.has(first.id), 5_000, 'first event');

    await bus.jetstreamManager.consumers.delete(bus.streamName('INTAKE'), 'deleted');
    const second = petitionRegisteredEnvelope();
    await bus.publish(second);

    await eventually(() => seen.has(second.id), 8_000, 'event after consumer deletion');
    await eventually(async () => (await pending('deleted')).numPending === 0, 5_000, 'consumer caught up');
  });

  it('dead-letters an unprocessable message at once, with its error and origin', async () => {
    const envelope = petitionRegisteredEnvelope();
    let calls = 0;
    await start('unprocessable', async (message) => {
      if (decode(message.data).id !== envelope.id) return;
      calls += 1;
      throw new UnprocessableMessageError('cannot ever work');
    });
    const { seq } = await bus.publish(envelope);

    const dead = await eventually(() => lastDeadLetter('unprocessable', envelope.id), 5_000, 'dead letter');
    expect(dead.header.get(PDMC_HEADERS.error)).toContain('cannot ever work');
    expect(dead.header.get(PDMC_HEADERS.consumer)).toBe('unprocessable');
    expect(dead.header.get(PDMC_HEADERS.originalSeq)).toBe(String(seq));
    expect(dead.header.get(PDMC_HEADERS.originalStream)).toBe(bus.streamName('INTAKE'));
    expect(dead.header.get(PDMC_HEADERS.originalSubject)).toBe(bus.subject(filterSubject));
    expect(dead.header.get(PDMC_HEADERS.deliveryCount)).toBe('1');
    expect(dead.header.get(PDMC_HEADERS.correlationId)).toBe(envelope.correlationId);
    await eventually(async () => (await pending('unprocessable')).ackPending === 0, 5_000, 'term');
    await sleep(200);
    expect(calls).toBe(1);
  });

  it('dead-letters, without running the handler, a message whose deliveries ran out without a verdict', async () => {
    // Its own subject, so the raw client below takes exactly this message.
    const subject = 'intake.verdict.missing.v1';
    const envelope = { ...petitionRegisteredEnvelope(), type: subject };
    const stream = bus.streamName('INTAKE');
    await upsertDurableConsumer(bus, stream, {
      ...durableConsumerConfig({ bus, durable: 'no-verdict', filterSubject: subject, ackWaitMs: 5_000 }),
      durable_name: 'no-verdict',
    });
    await bus.publish(envelope);
    // A delivery that never got a verdict (as if the process had died), handed back with nak.
    const taken = await (await bus.jetstream.consumers.get(stream, 'no-verdict')).next({ expires: 2_000 });
    expect(taken?.info.deliveryCount).toBe(1);
    taken?.nak();

    let calls = 0;
    await start(
      'no-verdict',
      async () => {
        calls += 1;
      },
      { maxDeliver: 1, filterSubject: subject },
    );

    const dead = await eventually(
      () => lastDeadLetter('no-verdict', envelope.id, subject),
      5_000,
      'dead letter',
    );
    expect(dead.header.get(PDMC_HEADERS.error)).toMatch(/^no verdict after 1 deliveries/);
    expect(dead.header.get(PDMC_HEADERS.deliveryCount)).toBe('2');
    expect(calls).toBe(0);
  });

  it('keeps a failed message (nak, not term) while the dead-letter stream is unavailable', async () => {
    const envelope = petitionRegisteredEnvelope();
    const deadLetterStream = bus.streamName(DEAD_LETTER_STREAM.name);
    let calls = 0;
    await bus.jetstreamManager.streams.delete(deadLetterStream);
    try {
      await start(
        'dlq-down',
        async (message) => {
          if (decode(message.data).id !== envelope.id) return;
          calls += 1;
          throw new Error('handler broke');
        },
        { maxDeliver: 1 },
      );
      await bus.publish(envelope);
      await eventually(() => calls === 1, 5_000, 'first delivery');
      await sleep(300);
    } finally {
      await ensureDeadLetterStream(bus);
    }

    const dead = await eventually(
      () => lastDeadLetter('dlq-down', envelope.id),
      5_000,
      'dead letter once the stream is back',
    );
    expect(dead.header.get(PDMC_HEADERS.error)).toBe('Error: handler broke');
    expect(Number(dead.header.get(PDMC_HEADERS.deliveryCount))).toBeGreaterThan(1);
    expect(calls).toBe(1);
    await eventually(async () => (await pending('dlq-down')).ackPending === 0, 5_000, 'term');
  });

  it('stop() waits for the message in hand and acks it; nothing else was started', async () => {
    const inHand: number[] = [];
    let finished = 0;
    const consumer = await start('slow', async (message) => {
      inHand.push(message.streamSequence);
      await sleep(400);
      finished += 1;
    });
    await bus.publish(petitionRegisteredEnvelope());
    await eventually(() => inHand.length > 0, 5_000, 'handler start');

    await consumer.stop();

    // Earlier tests left messages in the stream, so more than one was prefetched; only the one
    // in hand ran, and it was acked before stop() resolved.
    expect(inHand).toHaveLength(1);
    expect(finished).toBe(1);
    const info = await bus.jetstreamManager.consumers.info(bus.streamName('INTAKE'), 'slow');
    expect(info.ack_floor.stream_seq).toBeGreaterThanOrEqual(inHand[0]);
  });

  describe('flow control and transient failures', () => {
    const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

    /** Publishes `n` events on a subject of their own, so the consumer sees only them. */
    async function publishOn(subject: string, n: number): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const envelope = { ...petitionRegisteredEnvelope(), type: subject };
        await bus.publish(envelope);
        ids.push(envelope.id);
      }
      return ids;
    }

    it('retries a transient failure in place, without spending a delivery, until it succeeds', async () => {
      const subject = 'intake.flow.transient.v1';
      const deliveries: number[] = [];
      let failuresLeft = 6;
      const consumer = await consumeDurable({
        bus,
        stream: 'INTAKE',
        durable: 'transient',
        filterSubject: subject,
        service: 'core-test',
        maxDeliver: 2,
        backoffMs: [50],
        ackWaitMs: 5_000,
        transientBackoffMs: { initial: 20, max: 80 },
        logger: quiet,
        onMessage: async (message) => {
          deliveries.push(message.deliveryCount);
          if (failuresLeft-- > 0) throw new TransientFailureError('database unreachable');
        },
      });
      consumers.push(consumer);
      await publishOn(subject, 1);
      await eventually(async () => (await pending('transient')).ackPending === 0 && deliveries.length === 7, 5_000, 'ack');
      // Seven runs of the handler, all within the first delivery: nothing was spent, nothing dead-lettered.
      expect(deliveries).toEqual([1, 1, 1, 1, 1, 1, 1]);
      const info = await bus.jetstreamManager.consumers.info(bus.streamName('INTAKE'), 'transient');
      expect(info.num_redelivered).toBe(0);
      expect(info.ack_floor.consumer_seq).toBe(1);
    });

    it('keeps a long handler in progress past the ack wait (no redelivery while it works)', async () => {
      const subject = 'intake.flow.long.v1';
      const runs: number[] = [];
      const consumer = await consumeDurable({
        bus,
        stream: 'INTAKE',
        durable: 'long',
        filterSubject: subject,
        service: 'core-test',
        maxDeliver: 3,
        backoffMs: [50],
        ackWaitMs: 1_000,
        logger: quiet,
        onMessage: async (message) => {
          runs.push(message.deliveryCount);
          await sleep(2_600);
        },
      });
      consumers.push(consumer);
      await publishOn(subject, 1);
      await eventually(async () => (await pending('long')).ackPending === 0 && runs.length > 0, 8_000, 'ack');
      expect(runs).toEqual([1]);
    });

    it('handles `concurrency` messages at once, declares max_ack_pending, and fetches no more than it can start', async () => {
      const subject = 'intake.flow.concurrent.v1';
      let running = 0;
      let peak = 0;
      const done: string[] = [];
      const consumer = await consumeDurable({
        bus,
        stream: 'INTAKE',
        durable: 'concurrent',
        filterSubject: subject,
        service: 'core-test',
        maxDeliver: 3,
        backoffMs: [50],
        ackWaitMs: 5_000,
        concurrency: 3,
        maxAckPending: 7,
        logger: quiet,
        onMessage: async (message) => {
          running += 1;
          peak = Math.max(peak, running);
          const inFlight = (await pending('concurrent')).ackPending;
          expect(inFlight).toBeLessThanOrEqual(3);
          await sleep(150);
          running -= 1;
          done.push(decode(message.data).id);
        },
      });
      consumers.push(consumer);
      const ids = await publishOn(subject, 9);
      await eventually(() => done.length === 9, 10_000, 'all handled');
      expect(new Set(done)).toEqual(new Set(ids));
      expect(peak).toBe(3);
      const info = await bus.jetstreamManager.consumers.info(bus.streamName('INTAKE'), 'concurrent');
      expect(info.config.max_ack_pending).toBe(7);
    });

    it('stop() finishes what it holds and hands back nothing it had not started (no nak)', async () => {
      const subject = 'intake.flow.stop.v1';
      const started: number[] = [];
      let finished = 0;
      const consumer = await consumeDurable({
        bus,
        stream: 'INTAKE',
        durable: 'graceful',
        filterSubject: subject,
        service: 'core-test',
        maxDeliver: 3,
        backoffMs: [50],
        ackWaitMs: 5_000,
        concurrency: 2,
        logger: quiet,
        onMessage: async (message) => {
          started.push(message.streamSequence);
          await sleep(400);
          finished += 1;
        },
      });
      await publishOn(subject, 6);
      await eventually(() => started.length === 2, 5_000, 'two in hand');
      await consumer.stop();
      expect(finished).toBe(started.length);
      const info = await bus.jetstreamManager.consumers.info(bus.streamName('INTAKE'), 'graceful');
      // Every message the server delivered was started and acked; none waits for redelivery.
      expect(info.delivered.consumer_seq).toBe(started.length);
      expect(info.num_ack_pending).toBe(0);
      expect(info.num_redelivered).toBe(0);
      expect(info.num_pending).toBe(6 - started.length);
    });
  });
});
