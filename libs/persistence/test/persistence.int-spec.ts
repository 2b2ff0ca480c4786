import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { createEnvelope, PETITION_ROUTED_V1, type EventEnvelope } from '@pdmc/contracts';
import { createTestNamespace, type TestNamespace } from '@pdmc/testing';
import {
  idFromEvent,
  Inbox,
  insertOnce,
  OutboxRelay,
  outboxPlugin,
  prepareCollections,
  processedEventsPlugin,
  Sequences,
  toOutbox,
  updateOnce,
  type WithOutbox,
} from '../src';

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
    // Every collection the tests write exists, with its indexes, before the first write: what the
    // services do at start-up (prepareCollections), and what the embedded store needs.
    new Inbox(connection);
    new Sequences(connection);
    await prepareCollections(connection);
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
        retryDelaysMs: [0],
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

  describe('outbox marker and relay without scans', () => {
    let seq = 0;
    const nextId = (label: string): string => `${label}-${++seq}`;

    it('sets the indexed marker in the same write that adds entries, and clears it once sent', async () => {
      const [e1, e2, e3] = [routedEvent('m1'), routedEvent('m2'), routedEvent('m3')];
      const created = nextId('m');
      const pushed = nextId('m');
      const updated = nextId('m');
      await things.create({ _id: created, label: 'x', outbox: toOutbox(e1) });
      await things.create({ _id: pushed, label: 'x' });
      await things.create({ _id: updated, label: 'x' });
      await things.updateOne({ _id: pushed }, { $push: { outbox: { $each: toOutbox(e2) } } });
      await things.findOneAndUpdate({ _id: updated }, { $set: { label: 'y' }, $push: { outbox: { $each: toOutbox(e3) } } });
      const marked = await things.find({ _id: { $in: [created, pushed, updated] } }).lean();
      expect(marked.map((d) => (d as { outboxDueAt?: Date }).outboxDueAt)).toEqual([expect.any(Date), expect.any(Date), expect.any(Date)]);

      const relay = new OutboxRelay({ models: [things as never], pollMs: 60_000, publish: async () => undefined });
      await relay.flush();
      const after = await things.find({ _id: { $in: [created, pushed, updated] } }).lean();
      expect(after.map((d) => [d.outbox.length, (d as { outboxDueAt?: Date }).outboxDueAt])).toEqual([
        [0, undefined],
        [0, undefined],
        [0, undefined],
      ]);
      expect((await things.collection.indexes()).map((i) => Object.keys(i.key).join(','))).toContain('outboxDueAt');
    });

    it('on a kick publishes just the document that was written, read by _id', async () => {
      // A document whose marker is not due (a failing one in back-off) must not be read.
      const waiting = nextId('k');
      await things.collection.insertOne({
        _id: waiting,
        label: 'w',
        outbox: toOutbox(routedEvent('kw')),
        outboxDueAt: new Date(Date.now() + 3_600_000),
      } as never);
      const published: string[] = [];
      const relay = new OutboxRelay({ models: [things as never], pollMs: 60_000, publish: async (e) => void published.push(e.id) });
      relay.start();
      await relay.idle();
      published.length = 0;

      const event = routedEvent('k1');
      const id = nextId('k');
      await things.create({ _id: id, label: 'x' });
      await things.updateOne({ _id: id }, { $push: { outbox: { $each: toOutbox(event) } } });
      relay.kick();
      await relay.idle();
      await relay.stop();

      expect(published).toEqual([event.id]);
      expect(relay.stats.lastPassDocuments).toBe(1);
      expect((await things.findById(waiting).lean())!.outbox).toHaveLength(1);
      // The kick also drops the marker: left behind, every later sweep would read it again.
      expect((await things.findById(id).lean()) as unknown as { outboxDueAt?: Date }).not.toHaveProperty('outboxDueAt');
    });

    it('skips and counts a failing document, oldest first, and tries it again after its back-off', async () => {
      const [bad, good] = [routedEvent('bad'), routedEvent('good')];
      const badId = nextId('f');
      const goodId = nextId('f');
      await things.create({ _id: badId, label: 'x', outbox: toOutbox(bad) });
      await things.create({ _id: goodId, label: 'x', outbox: toOutbox(good) });
      const published: string[] = [];
      const errors: unknown[] = [];
      const relay = new OutboxRelay({
        models: [things as never],
        pollMs: 60_000,
        retryDelaysMs: [3_600_000],
        publish: async (e) => {
          if (e.id === bad.id) throw new Error('nats: permissions violation');
          published.push(e.id);
        },
        onError: (error) => errors.push(error),
      });
      await relay.flush();
      expect(published).toEqual([good.id]);
      expect(relay.stats.failed).toBe(1);
      const stuck = (await things.findById(badId).lean()) as unknown as { outboxDueAt: Date; outboxAttempts: number; outboxLastError: string };
      expect(stuck.outboxAttempts).toBe(1);
      expect(stuck.outboxLastError).toContain('permissions violation');
      expect(stuck.outboxDueAt.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
      // Not due: the next pass does not even read it.
      await relay.flush();
      expect(relay.stats.failed).toBe(1);
      await things.collection.updateOne({ _id: badId } as never, { $set: { outboxDueAt: new Date(0) } });
      await relay.flush();
      expect(relay.stats.failed).toBe(2);
    });

    it('parks a poison entry with an alert after maxAttempts, and sends the entries behind it', async () => {
      const [poison, next] = [routedEvent('poison'), routedEvent('after-poison')];
      const id = nextId('p');
      await things.create({ _id: id, label: 'x', outbox: toOutbox(poison, next) });
      const published: string[] = [];
      const alerts: Array<{ eventId: string; error: string }> = [];
      const relay = new OutboxRelay({
        models: [things as never],
        pollMs: 60_000,
        maxAttempts: 3,
        retryDelaysMs: [0],
        publish: async (e) => {
          if (e.id === poison.id) throw new Error('maximum payload exceeded');
          published.push(e.id);
        },
        onParked: (a) => alerts.push(a),
      });
      for (let i = 0; i < 3; i++) await relay.flush();
      await relay.flush();
      expect(published).toEqual([next.id]);
      expect(alerts).toEqual([expect.objectContaining({ eventId: poison.id, error: expect.stringContaining('maximum payload') })]);
      const doc = (await things.findById(id).lean()) as unknown as { outbox: unknown[]; outboxParked: Array<{ id: string; attempts: number }>; outboxDueAt?: Date };
      expect(doc.outbox).toEqual([]);
      expect(doc.outboxParked.map((p) => [p.id, p.attempts])).toEqual([[poison.id, 3]]);
      expect(doc.outboxDueAt).toBeUndefined();
    });

    it('does not count transient failures (database or broker unavailable) toward parking', async () => {
      const event = routedEvent('transient');
      const id = nextId('t');
      await things.create({ _id: id, label: 'x', outbox: toOutbox(event) });
      const relay = new OutboxRelay({
        models: [things as never],
        pollMs: 60_000,
        maxAttempts: 1,
        retryDelaysMs: [0],
        publish: async () => {
          throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoNetworkError' });
        },
      });
      for (let i = 0; i < 3; i++) await relay.flush();
      const doc = (await things.findById(id).lean()) as unknown as { outbox: unknown[]; outboxParked?: unknown[]; outboxAttempts?: number };
      expect(doc.outbox).toHaveLength(1);
      expect(doc.outboxParked).toBeUndefined();
      expect(doc.outboxAttempts ?? 0).toBe(0);
      expect(relay.stats.failed).toBe(3);
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

  describe('the inbox inside the state (one single-document write)', () => {
    interface Account {
      _id: string;
      balance: number;
      processedEvents?: string[];
    }
    let accounts: Model<Account>;

    beforeAll(async () => {
      const schema = new Schema<Account>({ _id: String, balance: Number }, { collection: 'accounts' });
      schema.plugin(processedEventsPlugin);
      accounts = connection.model<Account>('Account', schema);
      await accounts.init();
    });

    it('applies an event once however often it comes, and says why it did nothing', async () => {
      const opened = routedEvent('open');
      const id = idFromEvent(opened.id, 'test.account');
      expect(await insertOnce(accounts as never, { _id: id, balance: 0 }, 'ledger', opened)).toBe('applied');
      expect(await insertOnce(accounts as never, { _id: id, balance: 0 }, 'ledger', opened)).toBe('already-applied');

      const credit = routedEvent('credit');
      const apply = () => updateOnce(accounts as never, { _id: id }, 'ledger', credit, { $inc: { balance: 5 } });
      expect(await Promise.all([apply(), apply(), apply()])).toEqual(expect.arrayContaining(['applied', 'already-applied']));
      expect(await apply()).toBe('already-applied');
      const doc = await accounts.findById(id).lean();
      expect(doc?.balance).toBe(5);
      expect(doc?.processedEvents).toEqual([`ledger:${opened.id}`, `ledger:${credit.id}`]);
      expect(await updateOnce(accounts as never, { _id: 'nobody' }, 'ledger', credit, { $inc: { balance: 5 } })).toBe('no-match');
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
