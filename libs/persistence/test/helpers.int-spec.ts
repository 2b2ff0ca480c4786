import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { createTestNamespace, type TestNamespace } from '@pdmc/testing';
import { duplicateKeyMeansDone, findPage, insertIfAbsent } from '../src';

interface Item {
  _id: string;
  rank: number;
  kind: string;
  secret?: string;
}

describe('list and insert helpers on a real MongoDB-wire server', () => {
  let ns: TestNamespace;
  let connection: Connection;
  let items: Model<Item>;

  beforeAll(async () => {
    ns = createTestNamespace('persistence-helpers');
    connection = await mongoose.createConnection(ns.mongoUrl, { dbName: ns.dbName('helpers') }).asPromise();
    const schema = new Schema<Item>({ _id: String, rank: Number, kind: String, secret: String }, { collection: 'items', versionKey: false });
    schema.index({ kind: 1, rank: 1 });
    items = connection.model<Item>('Item', schema);
    await items.init();
    await items.insertMany(
      Array.from({ length: 7 }, (_, i) => ({ _id: `i${i}`, rank: 10 - i, kind: i % 2 === 0 ? 'even' : 'odd', secret: 's' })),
    );
  });

  afterAll(async () => {
    await connection.close();
    await ns.cleanup();
  });

  describe('findPage', () => {
    it('reads the asked page in order, counts every match and leaves out the projected fields', async () => {
      const page = await findPage<Item>(items, { kind: 'even' }, { sort: { rank: 1, _id: 1 }, projection: { secret: 0 }, page: 2, pageSize: 2 });
      expect(page).toMatchObject({ total: 4, page: 2, pageSize: 2 });
      expect(page.items.map((i) => i._id)).toEqual(['i2', 'i0']);
      expect(page.items.every((i) => i.secret === undefined)).toBe(true);
    });

    it('defaults to the first page of 20, or of the default size given, and maps each document', async () => {
      const all = await findPage(items, {}, { sort: { _id: 1 } }, (d: Item) => d.rank);
      expect(all).toEqual({ items: [10, 9, 8, 7, 6, 5, 4], total: 7, page: 1, pageSize: 20 });
      const small = await findPage<Item>(items, {}, { sort: { _id: 1 }, defaultPageSize: 3 });
      expect(small.items).toHaveLength(3);
      expect(small.pageSize).toBe(3);
    });

    it('answers an empty page past the end with the total still counted', async () => {
      expect(await findPage<Item>(items, { kind: 'odd' }, { sort: { _id: 1 }, page: 5, pageSize: 2 })).toEqual({ items: [], total: 3, page: 5, pageSize: 2 });
    });
  });

  describe('insertIfAbsent and duplicateKeyMeansDone', () => {
    it('inserts once: the second insert with the same key changes nothing and says so', async () => {
      expect(await insertIfAbsent(items, { _id: 'once', rank: 1, kind: 'x' })).toBe(true);
      expect(await insertIfAbsent(items, { _id: 'once', rank: 2, kind: 'y' })).toBe(false);
      expect(await items.findById('once').lean()).toMatchObject({ rank: 1, kind: 'x' });
    });

    it('lets any error but a duplicate key through', async () => {
      await expect(duplicateKeyMeansDone(() => Promise.reject(new Error('network down')))).rejects.toThrow('network down');
    });

    it('treats an upsert racing a first insert as done', async () => {
      await items.create({ _id: 'raced', rank: 5, kind: 'x' });
      // The filter misses the existing document, so the upsert tries to insert its _id again.
      const wrote = await duplicateKeyMeansDone(() => items.updateOne({ _id: 'raced', rank: 99 }, { $setOnInsert: { kind: 'z' } }, { upsert: true }).exec());
      expect(wrote).toBe(false);
      expect(await items.findById('raced').lean()).toMatchObject({ rank: 5, kind: 'x' });
    });
  });
});
