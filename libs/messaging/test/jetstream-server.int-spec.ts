import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Controller,
  Inject,
  Module,
  UseFilters,
  type DynamicModule,
  type INestMicroservice,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  Ctx,
  EventPattern,
  MessagePattern,
  Payload,
  RpcException,
  type MicroserviceOptions,
} from '@nestjs/microservices';
import {
  DEAD_LETTER_STREAM,
  PETITION_REGISTERED_V1,
  PetitionRegisteredV1,
  type EventEnvelope,
} from '@pdmc/contracts';
import type { StoredMsg } from '@nats-io/jetstream';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import {
  BUS,
  BUS_CLIENT,
  Bus,
  DeadLetters,
  JetStreamClient,
  JetStreamContext,
  JetStreamExceptionFilter,
  JetStreamServer,
  MessagingModule,
  PDMC_HEADERS,
  RequestReplyError,
  type JetStreamServerOptions,
  type MessagingLogger,
} from '../src';
import {
  deleteStreams,
  eventually,
  natsUrl,
  petitionRegisteredEnvelope,
  sleep,
  testBus,
  uniquePrefix,
} from './support';

// The Nest transport against a real nats-server. Every case gets its own namespace (file prefix
// + case number), so a new durable consumer never sees another case's events.
const filePrefix = uniquePrefix();
const SERVICE = 'routing';
const DURABLE = 'routing__intake_petition_registered_v1';
const EVENT = PETITION_REGISTERED_V1.subject;
const DEAD_LETTER_SUBJECT = `dlq.${SERVICE}.${EVENT}`;

interface Call {
  envelope: EventEnvelope<PetitionRegisteredV1>;
  subject: string;
  deliveryCount: number;
  streamSequence: number;
  correlationHeader?: string;
  scope?: string;
}

/** What the test controller does per event; records every call. */
class Probe {
  readonly calls: Call[] = [];
  constructor(readonly behaviour: (call: Call) => Promise<void> | void = () => undefined) {}
  callsFor(id: string): Call[] {
    return this.calls.filter((c) => c.envelope.id === id);
  }
}

const PROBE = Symbol('probe');
const scope = new AsyncLocalStorage<string>();

@Controller()
@UseFilters(JetStreamExceptionFilter)
class PetitionEventsController {
  constructor(@Inject(PROBE) private readonly probe: Probe) {}

  @EventPattern(EVENT)
  async onPetitionRegistered(
    @Payload() envelope: EventEnvelope<PetitionRegisteredV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    const call: Call = {
      envelope,
      subject: ctx.getSubject(),
      deliveryCount: ctx.getDeliveryCount(),
      streamSequence: ctx.getStreamSequence(),
      correlationHeader: ctx.getHeaders()[PDMC_HEADERS.correlationId],
      scope: scope.getStore(),
    };
    this.probe.calls.push(call);
    await this.probe.behaviour(call);
  }

  @MessagePattern('routing.work-unit.lookup')
  lookup(@Payload() data: { categoryId: number }): { workUnit: string; categoryId: number } {
    if (data.categoryId < 0) {
      const message = `no work unit for ${data.categoryId}`;
      throw new RpcException({ code: 'ROUTING.NO_UNIT_FOUND', message });
    }
    if (data.categoryId === 0) throw new Error('database password is hunter2');
    return { workUnit: 'LABOUR', categoryId: data.categoryId };
  }
}

/** Without JetStreamExceptionFilter, so Nest's default filter replaces the error. */
@Controller()
class UnfilteredEventsController {
  @EventPattern(EVENT)
  onPetitionRegistered(): void {
    throw new Error('detail Nest hides');
  }
}

@Controller()
class UnknownEventController {
  @EventPattern('intake.petition.vanished.v1')
  onVanished(): void {
    // never called: start-up must fail first
  }
}

type Controllable = new (...args: never[]) => unknown;

@Module({})
class TestModule {
  static with(probe: Probe, controller: Controllable = PetitionEventsController): DynamicModule {
    return {
      module: TestModule,
      controllers: [controller],
      providers: [{ provide: PROBE, useValue: probe }],
    };
  }
}

const silent: MessagingLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

interface Case {
  prefix: string;
  bus: Bus;
  start(
    probe: Probe,
    options?: Partial<JetStreamServerOptions>,
    controller?: Controllable,
  ): Promise<INestMicroservice>;
  deadLetters(): Promise<StoredMsg[]>;
  consumerState(): Promise<{ ackPending: number; pending: number; ackFloor: number }>;
}

let caseNumber = 0;
const openCases: Case[] = [];
const openApps: INestMicroservice[] = [];

async function newCase(): Promise<Case> {
  caseNumber += 1;
  const prefix = `${filePrefix}c${caseNumber}`;
  const bus = await testBus(prefix, 'intake');
  const testCase: Case = {
    prefix,
    bus,
    async start(probe, options = {}, controller) {
      const module = TestModule.with(probe, controller);
      const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
        strategy: new JetStreamServer({
          bus: { servers: natsUrl(), name: SERVICE, prefix },
          service: SERVICE,
          maxDeliver: 3,
          backoffMs: [100, 100],
          ackWaitMs: 10_000,
          runInContext: (envelope, fn) => scope.run(envelope.correlationId, fn),
          logger: silent,
          ...options,
        }),
        logger: false,
      });
      openApps.push(app);
      await app.listen();
      return app;
    },
    async deadLetters() {
      const jsm = bus.jetstreamManager;
      const stream = bus.streamName(DEAD_LETTER_STREAM.name);
      const { state } = await jsm.streams.info(stream);
      const out: StoredMsg[] = [];
      for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
        const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
        if (msg) out.push(msg);
      }
      return out;
    },
    async consumerState() {
      const info = await bus.jetstreamManager.consumers.info(bus.streamName('INTAKE'), DURABLE);
      return {
        ackPending: info.num_ack_pending,
        pending: info.num_pending,
        ackFloor: info.ack_floor.stream_seq,
      };
    },
  };
  openCases.push(testCase);
  return testCase;
}

afterEach(async () => {
  await Promise.all(openApps.splice(0).map((app) => app.close()));
  for (const c of openCases.splice(0)) {
    await deleteStreams(c.bus, c.prefix);
    await c.bus.drain();
  }
});

function json(msg: StoredMsg): { id?: string } {
  return JSON.parse(Buffer.from(msg.data).toString('utf8')) as { id?: string };
}

describe('JetStreamServer events', () => {
  it('delivers a valid event once, validated and in context, then acks it', async () => {
    const c = await newCase();
    const probe = new Probe();
    await c.start(probe);
    const client = new JetStreamClient({ bus: c.bus });
    const envelope = petitionRegisteredEnvelope();

    const published = await lastValueFrom(client.emit(EVENT, envelope));

    await eventually(() => probe.calls.length === 1, 5_000, 'delivery');
    await eventually(async () => (await c.consumerState()).ackFloor === published.seq, 5_000, 'ack');
    const [call] = probe.calls;
    expect(call.envelope).toEqual(envelope);
    expect(call.envelope.payload).toBeInstanceOf(PetitionRegisteredV1);
    expect(call).toMatchObject({
      subject: EVENT,
      deliveryCount: 1,
      streamSequence: published.seq,
      correlationHeader: envelope.correlationId,
      scope: envelope.correlationId,
    });
    expect(await c.consumerState()).toMatchObject({ ackPending: 0, pending: 0 });
    await sleep(300);
    expect(probe.calls).toHaveLength(1);
  });

  it('redelivers after failures with back-off and acks when the handler finally succeeds', async () => {
    const c = await newCase();
    const probe = new Probe((call) => {
      if (call.deliveryCount <= 2) throw new Error(`transient failure ${call.deliveryCount}`);
    });
    await c.start(probe);
    const { seq } = await c.bus.publish(petitionRegisteredEnvelope());

    await eventually(async () => (await c.consumerState()).ackFloor === seq, 5_000, 'ack after retries');
    expect(probe.calls.map((call) => call.deliveryCount)).toEqual([1, 2, 3]);
    expect(await c.deadLetters()).toHaveLength(0);
  });

  it('dead-letters an event whose handler keeps failing, with the error, after maxDeliver attempts', async () => {
    const c = await newCase();
    const probe = new Probe(() => {
      throw new Error('work unit registry is unavailable');
    });
    await c.start(probe);
    const envelope = petitionRegisteredEnvelope();
    const { seq } = await c.bus.publish(envelope);

    const [dead] = await eventually(async () => {
      const letters = await c.deadLetters();
      return letters.length > 0 ? letters : undefined;
    }, 5_000, 'dead letter');
    expect(dead.subject).toBe(c.bus.subject(DEAD_LETTER_SUBJECT));
    expect(json(dead)).toEqual(envelope);
    expect(dead.header.get(PDMC_HEADERS.error)).toContain('work unit registry is unavailable');
    expect(dead.header.get(PDMC_HEADERS.consumer)).toBe(DURABLE);
    expect(dead.header.get(PDMC_HEADERS.originalSubject)).toBe(c.bus.subject(EVENT));
    expect(dead.header.get(PDMC_HEADERS.originalStream)).toBe(c.bus.streamName('INTAKE'));
    expect(dead.header.get(PDMC_HEADERS.originalSeq)).toBe(String(seq));
    expect(dead.header.get(PDMC_HEADERS.deliveryCount)).toBe('3');
    expect(dead.header.get(PDMC_HEADERS.correlationId)).toBe(envelope.correlationId);
    expect(probe.calls.map((call) => call.deliveryCount)).toEqual([1, 2, 3]);

    // Terminated: no further deliveries, nothing left pending.
    await eventually(async () => (await c.consumerState()).ackPending === 0, 5_000, 'term');
    await sleep(300);
    expect(probe.calls).toHaveLength(3);
    expect(await c.deadLetters()).toHaveLength(1);
  });

  it('lets an operator list, inspect, replay (to the consumer that gave up) and discard dead letters', async () => {
    const c = await newCase();
    let broken = true;
    const probe = new Probe(() => {
      if (broken) throw new Error('work unit registry is unavailable');
    });
    await c.start(probe, { maxDeliver: 1 });
    const [first, second] = [petitionRegisteredEnvelope(), petitionRegisteredEnvelope()];
    await c.bus.publish(first);
    await c.bus.publish(second);
    const operator = new DeadLetters(c.bus, SERVICE);
    const letters = await eventually(async () => {
      const found = await operator.list();
      return found.length === 2 ? found : undefined;
    }, 5_000, 'two dead letters');

    expect(letters.map((l) => l.eventId)).toEqual([first.id, second.id]);
    expect(letters[0]).toMatchObject({
      subject: EVENT,
      consumer: DURABLE,
      error: expect.stringContaining('work unit registry is unavailable'),
      deliveryCount: 1,
      originalStream: c.bus.streamName('INTAKE'),
      eventType: EVENT,
      correlationId: first.correlationId,
      replaying: false,
    });
    expect((await operator.get(letters[0].seq))?.event).toEqual(first);
    expect(await new DeadLetters(c.bus, 'handling').list()).toEqual([]);
    const stats = await operator.stats();
    expect(stats.count).toBe(2);

    broken = false;
    expect(await operator.replay(letters[0].seq)).toMatchObject({ eventId: first.id });
    await eventually(() => probe.callsFor(first.id).length === 2, 5_000, 'the replayed event handled');
    expect(probe.callsFor(first.id)[1]).toMatchObject({ subject: EVENT, deliveryCount: 1 });
    expect(probe.callsFor(second.id)).toHaveLength(1);
    // Handled replays leave the stream: only the letter nobody replayed is still there.
    await eventually(async () => (await operator.list()).length === 1, 5_000, 'replay removed');
    expect(await operator.discard(letters[1].seq)).toMatchObject({ eventId: second.id });
    expect(await operator.list()).toEqual([]);
    expect(await operator.stats()).toEqual({ count: 0, oldestAgeSeconds: 0 });
    expect(await operator.replay(letters[1].seq)).toBe(false);
  });

  it('files a replay that fails again under its original subject and consumer', async () => {
    const c = await newCase();
    const probe = new Probe(() => {
      throw new Error('still broken');
    });
    await c.start(probe, { maxDeliver: 1 });
    const envelope = petitionRegisteredEnvelope();
    await c.bus.publish(envelope);
    const operator = new DeadLetters(c.bus, SERVICE);
    const [letter] = await eventually(async () => {
      const found = await operator.list();
      return found.length === 1 ? found : undefined;
    }, 5_000, 'dead letter');
    await operator.replay(letter.seq);
    const [again] = await eventually(async () => {
      const found = (await operator.list()).filter((l) => !l.replaying && l.seq !== letter.seq);
      return found.length === 1 ? found : undefined;
    }, 5_000, 'the replay dead-lettered again');
    expect(again).toMatchObject({ subject: EVENT, consumer: DURABLE, eventId: envelope.id, error: expect.stringContaining('still broken') });
    expect(probe.callsFor(envelope.id)).toHaveLength(2);
  });

  it('says how to keep the cause when Nest\'s default filter hid it', async () => {
    const c = await newCase();
    await c.start(new Probe(), { maxDeliver: 1 }, UnfilteredEventsController);
    await c.bus.publish(petitionRegisteredEnvelope());

    const [dead] = await eventually(async () => {
      const letters = await c.deadLetters();
      return letters.length > 0 ? letters : undefined;
    }, 5_000, 'dead letter');
    expect(dead.header.get(PDMC_HEADERS.error)).toMatch(
      /Internal server error.*register JetStreamExceptionFilter/,
    );
  });

  it('dead-letters invalid payloads and malformed JSON at once, without calling the handler', async () => {
    const c = await newCase();
    const probe = new Probe();
    await c.start(probe);
    const invalid = petitionRegisteredEnvelope({ headcount: 0 });
    await c.bus.publish(invalid);
    await c.bus.jetstream.publish(c.bus.subject(EVENT), '{"id": oops');

    const letters = await eventually(async () => {
      const found = await c.deadLetters();
      return found.length === 2 ? found : undefined;
    }, 5_000, 'two dead letters');
    const [badPayload, badJson] = letters;
    expect(json(badPayload).id).toBe(invalid.id);
    expect(badPayload.header.get(PDMC_HEADERS.error)).toContain('payload.headcount');
    expect(badPayload.header.get(PDMC_HEADERS.deliveryCount)).toBe('1');
    expect(badJson.header.get(PDMC_HEADERS.error)).toContain('invalid JSON');
    expect(probe.calls).toHaveLength(0);
    await eventually(async () => (await c.consumerState()).ackPending === 0, 5_000, 'term');
  });

  it('does not lose an event that was waiting for redelivery when the service restarts', async () => {
    const c = await newCase();
    const first = new Probe(() => {
      throw new Error('crash before restart');
    });
    const options = { backoffMs: [600] };
    const app = await c.start(first, options);
    const envelope = petitionRegisteredEnvelope();
    const { seq } = await c.bus.publish(envelope);
    await eventually(() => first.calls.length === 1, 5_000, 'first delivery');
    await app.close();

    const second = new Probe();
    await c.start(second, options);

    await eventually(() => second.calls.length === 1, 5_000, 'redelivery to the restarted service');
    expect(second.calls[0]).toMatchObject({ deliveryCount: 2, streamSequence: seq });
    expect(second.calls[0].envelope.id).toBe(envelope.id);
    await eventually(async () => (await c.consumerState()).ackFloor === seq, 5_000, 'ack');
    expect(first.calls).toHaveLength(1);
  });

  it('close() waits for an in-flight handler to finish and acks its event', async () => {
    const c = await newCase();
    let finished = false;
    const probe = new Probe(async () => {
      await sleep(800);
      finished = true;
    });
    const app = await c.start(probe);
    const { seq } = await c.bus.publish(petitionRegisteredEnvelope());
    await eventually(() => probe.calls.length === 1, 5_000, 'handler start');

    await app.close();

    expect(finished).toBe(true);
    expect(await c.consumerState()).toMatchObject({ ackPending: 0, pending: 0, ackFloor: seq });
  });

  it('fails start-up for an @EventPattern that names no known event', async () => {
    const c = await newCase();
    await expect(c.start(new Probe(), {}, UnknownEventController)).rejects.toThrow(
      /intake\.petition\.vanished\.v1.*names no known event/,
    );
  });
});

describe('JetStreamServer request/reply and JetStreamClient', () => {
  it('answers requests and carries coded errors, hiding uncoded ones', async () => {
    const c = await newCase();
    await c.start(new Probe());
    const client = new JetStreamClient({ bus: { servers: natsUrl(), name: 'intake', prefix: c.prefix } });
    try {
      const found = await firstValueFrom(client.send('routing.work-unit.lookup', { categoryId: 7 }));
      expect(found).toEqual({ workUnit: 'LABOUR', categoryId: 7 });

      const coded = await firstValueFrom(client.send('routing.work-unit.lookup', { categoryId: -1 })).catch(
        (err: unknown) => err,
      );
      expect(coded).toBeInstanceOf(RequestReplyError);
      expect(coded).toMatchObject({ code: 'ROUTING.NO_UNIT_FOUND', message: 'no work unit for -1' });

      const hidden = await firstValueFrom(client.send('routing.work-unit.lookup', { categoryId: 0 })).catch(
        (err: unknown) => err,
      );
      expect(hidden).toMatchObject({ code: 'INTERNAL', message: 'Internal error' });
    } finally {
      await client.close();
    }
  });

  it('refuses to emit an envelope that does not match its pattern or contract', async () => {
    const c = await newCase();
    const client = new JetStreamClient(c.bus);
    const envelope = petitionRegisteredEnvelope();
    await expect(lastValueFrom(client.emit('routing.petition.routed.v1', envelope))).rejects.toThrow(
      /type is/,
    );
    await expect(
      lastValueFrom(client.emit(EVENT, petitionRegisteredEnvelope({ townCode: '' }))),
    ).rejects.toThrow(/payload\.townCode/);
  });
});

describe('MessagingModule', () => {
  it('provides a connected bus and client, and drains the bus on shutdown', async () => {
    const prefix = `${filePrefix}m`;
    const app = await NestFactory.createApplicationContext(
      MessagingModule.forRoot({ bus: { servers: natsUrl(), name: 'intake', prefix } }),
      { logger: false },
    );
    const bus = app.get<Bus>(BUS);
    expect(bus).toBeInstanceOf(Bus);
    expect(bus.isConnected()).toBe(true);
    expect(bus.prefix).toBe(prefix);
    expect(app.get(BUS_CLIENT)).toBeInstanceOf(JetStreamClient);

    await app.close();

    expect(bus.isConnected()).toBe(false);
    await expect(bus.closed()).resolves.toBeUndefined();
  });
});
