import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { createEnvelope, PETITION_ROUTED_V1, type EventEnvelope } from '@pdmc/contracts';
import { createTestNamespace, type TestNamespace } from '@pdmc/testing';
import { Inbox, OutboxRelay, outboxPlugin, Sequences, toOutbox, type WithOutbox } from '../src';

interface Thing extends WithOutbox {
  _id: string;
  label: string;
}

function routedEvent(label: string): EventEnvelope {
  return createEnvelope(
    PETITION_ROUTED_V1,
    {
      petitionId: randomUUID(),
      caseNumber: label,
      workUnit: 'LABOUR',
      responsibleBody: 'dept:labour-inspection',
      ruleId: 'LABOUR.wages',
      reason: 'test',
    },
    { correlationId: `corr-${label}` },
  );
}

describe('persistence on a real MongoDB-wire server', () => {
  let ns: TestNamespace;
  let connection: Connection;
  let things: Model<Thing>;

  beforeAll(async () => {
    ns = createTestNamespace('persistence');
    connection = await mongoose.createConnection(ns.mongoUrl, { dbName: ns.dbName('persistence') }).asPromise();
    const schema = new Schema<Thing>({ _id: String, label: String }, { collection: 'things' });
    schema.plugin(outboxPlugin);
    things = connection.model<Thing>('Thing', schema);
    await things.init();
  });

  afterAll(async () => {
    await connection.close();
    await ns.cleanup();
  });

  describe('outbox relay', () => {
    it('publishes each document’s events in order and removes only those it sent', async () => {
      const [a1, a2, b1] = [routedEvent('a1'), routedEvent('a2'), routedEvent('b1')];
      await things.create({ _id: 'a', label: 'a', outbox: toOutbox(a1, a2) });
      await things.create({ _id: 'b', label: 'b', outbox: toOutbox(b1) });
      const published: string[] = [];
      const relay = new OutboxRelay({ models: [things as never], pollMs: 60_000, publish: async (e) => void published.push(e.id) });

      expect(await relay.flush()).toBe(3);
      expect(published).toEqual([a1.id, a2.id, b1.id]);
      const left = await things.find({ _id: { $in: ['a', 'b'] } }).lean();
      expect(left.map((d) => d.outbox.length)).toEqual([0, 0]);
      expect(await relay.flush()).toBe(0);
    });

    it('keeps events whose publishing failed, and sends them on a later pass (crash or NATS outage)', async () => {
      const [c1, c2] = [routedEvent('c1'), routedEvent('c2')];
      await things.create({ _id: 'c', label: 'c', outbox: toOutbox(c1, c2) });
      const errors: unknown[] = [];
      let failing = true;
      const published: string[] = [];
      const relay = new OutboxRelay({
        models: [things as never],
        pollMs: 60_000,
        publish: async (e) => {
          if (failing && e.id === c2.id) throw new Error('nats down');
          published.push(e.id);
        },
        onError: (error) => errors.push(error),
      });

      expect(await relay.flush()).toBe(1);
      expect(errors).toHaveLength(1);
      expect((await things.findById('c').lean())!.outbox.map((o) => o.id)).toEqual([c2.id]);

      failing = false;
      expect(await relay.flush()).toBe(1);
      expect(published).toEqual([c1.id, c2.id]);
      expect((await things.findById('c').lean())!.outbox).toEqual([]);
    });

    it('does not remove an event appended while the relay was publishing', async () => {
      const d1 = routedEvent('d1');
      const d2 = routedEvent('d2');
      await things.create({ _id: 'd', label: 'd', outbox: toOutbox(d1) });
      const relay = new OutboxRelay({
        models: [things as never],
        pollMs: 60_000,
        publish: async (e) => {
          if (e.id === d1.id) await things.updateOne({ _id: 'd' }, { $push: { outbox: { $each: toOutbox(d2) } } });
        },
      });
      await relay.flush();
      expect((await things.findById('d').lean())!.outbox.map((o) => o.id)).toEqual([d2.id]);
      expect(await relay.flush()).toBe(1);
      expect((await things.findById('d').lean())!.outbox).toEqual([]);
    });
  });

  describe('inbox', () => {
    it('runs a handler once per consumer and event, and again for another consumer', async () => {
      const inbox = new Inbox(connection);
      const event = routedEvent('inbox');
      let runs = 0;
      expect(await inbox.once('c1', event, async () => void runs++)).toBe(true);
      expect(await inbox.once('c1', event, async () => void runs++)).toBe(false);
      expect(await inbox.once('c2', event, async () => void runs++)).toBe(true);
      expect(runs).toBe(2);
    });

    it('does not record an event whose handler failed, so the redelivery runs it again', async () => {
      const inbox = new Inbox(connection);
      const event = routedEvent('inbox-fail');
      await expect(inbox.once('c1', event, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await inbox.seen('c1', event.id)).toBe(false);
      expect(await inbox.once('c1', event, async () => undefined)).toBe(true);
    });

    it('treats a concurrent duplicate record as already processed', async () => {
      const inbox = new Inbox(connection);
      const event = routedEvent('inbox-race');
      await Promise.all(Array.from({ length: 10 }, () => inbox.record('race', event)));
      expect(await inbox.seen('race', event.id)).toBe(true);
    });
  });

  describe('sequences', () => {
    it('hands out gap-free distinct numbers under 50 concurrent callers', async () => {
      const sequences = new Sequences(connection);
      const values = await Promise.all(Array.from({ length: 50 }, () => sequences.next('test-seq')));
      expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await sequences.next('other-seq')).toBe(1);
    });

    it('raises a mark to the highest value given, never lowers it, also under concurrent callers', async () => {
      const sequences = new Sequences(connection);
      expect(await sequences.current('mark')).toBe(0);
      await Promise.all([7, 3, 12, 9, 12, 1].map((v) => sequences.raise('mark', v)));
      expect(await sequences.current('mark')).toBe(12);
      await sequences.raise('mark', 4);
      expect(await sequences.current('mark')).toBe(12);
    });
  });
});
