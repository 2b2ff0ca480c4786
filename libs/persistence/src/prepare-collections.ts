import type { Connection, Model } from 'mongoose';

/**
 * Creates every collection of the connection's models, then their indexes, one model at a
 * time, and waits for all of it. A service calls this before it takes a request or an event:
 *
 * - unique indexes are what make a redelivered event or a retried request harmless, so they
 *   must exist before the first write, not be built in the background after it;
 * - no write ever creates a collection implicitly. The embedded store (decision 0010) can
 *   deadlock when an insert creates a collection while a `create` for the same collection runs,
 *   which is what mongoose's automatic `createCollection` does beside a service's first writes
 *   (`tools/bench/stores/mongoose-first-write.mjs` shows it). MongoDB does not mind either way.
 *
 * Models registered on the connection later (on first use) are prepared by calling this again;
 * models prepared before are skipped, and a collection or index that exists already is left as it is.
 */
export async function prepareCollections(connection: Connection): Promise<string[]> {
  const prepared: string[] = [];
  for (const model of Object.values(connection.models) as Model<unknown>[]) {
    // Start-up calls this twice (module init, then bootstrap): only new models cost a round trip.
    if (PREPARED.has(model)) continue;
    await model.createCollection();
    await model.createIndexes();
    PREPARED.add(model);
    prepared.push(model.collection.collectionName);
  }
  return prepared;
}

const PREPARED = new WeakSet<Model<unknown>>();

/**
 * Mongoose options that leave collection and index creation to {@link prepareCollections}: with
 * them on, mongoose starts both in the background the moment a model is compiled.
 */
export const PREPARED_COLLECTIONS_OPTIONS = { autoCreate: false, autoIndex: false } as const;
