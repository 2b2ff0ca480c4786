import { createHash, randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import mongoose from 'mongoose';
import { testInfrastructureUrls } from './test-env';

/** Longest database name {@link TestNamespace.dbName} hands out. */
export const MAX_DB_NAME_LENGTH = 38;

/**
 * Names that keep one test file's data apart from every other file's on the
 * shared servers: a subject/stream prefix and per-service database names.
 */
export interface TestNamespace {
  /** 8 random hex characters, unique per namespace. */
  id: string;
  /** The label given to {@link createTestNamespace}, for messages. */
  label: string;
  /** `t` + {@link id}: a valid NATS subject token to prefix subjects with. */
  busPrefix: string;
  /** `${busPrefix.toUpperCase()}_`: streams whose names start with it belong to this namespace. */
  streamPrefix: string;
  mongoUrl: string;
  natsUrl: string;
  /**
   * The database for `service` in this namespace: `${busPrefix}_${service}`, only
   * `[a-z0-9_]`, at most 38 characters. Same input, same name.
   */
  dbName(service: string): string;
  /**
   * Drops the databases handed out by {@link dbName} (and any other database
   * named `${busPrefix}_…`) and deletes the JetStream streams starting with
   * {@link streamPrefix}. Safe to call more than once.
   */
  cleanup(): Promise<void>;
}

/** Creates a fresh namespace on the servers started by the Jest global setup. */
export function createTestNamespace(label = 'test'): TestNamespace {
  const { mongoUrl, natsUrl } = testInfrastructureUrls();
  const id = randomBytes(4).toString('hex');
  const busPrefix = busPrefixFor(id);
  const streamPrefix = streamPrefixFor(busPrefix);
  const handedOut = new Set<string>();

  return {
    id,
    label,
    busPrefix,
    streamPrefix,
    mongoUrl,
    natsUrl,
    dbName(service) {
      const name = testDatabaseName(busPrefix, service);
      handedOut.add(name);
      return name;
    },
    async cleanup() {
      const results = await Promise.allSettled([
        dropDatabases(mongoUrl, handedOut, `${busPrefix}_`),
        deleteStreams(natsUrl, streamPrefix),
      ]);
      const errors = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      if (errors.length > 0) {
        throw new AggregateError(errors, `Cleanup of test namespace ${label} (${busPrefix}) failed`);
      }
    },
  };
}

/** `t` + the namespace id: starts with a letter, so it is a valid NATS token and database name start. */
export function busPrefixFor(id: string): string {
  if (!/^[0-9a-f]{8}$/.test(id)) {
    throw new RangeError(`A namespace id is 8 lower-case hex characters, got "${id}"`);
  }
  return `t${id}`;
}

/** Streams of a namespace start with this. */
export function streamPrefixFor(busPrefix: string): string {
  return `${busPrefix.toUpperCase()}_`;
}

/**
 * `${busPrefix}_${service}` with the service part lower-cased and reduced to
 * `[a-z0-9_]`. A long service name is cut and given a hash suffix, so two long
 * names never share a database and the total stays within 38 characters.
 */
export function testDatabaseName(busPrefix: string, service: string): string {
  const room = MAX_DB_NAME_LENGTH - busPrefix.length - 1;
  const slug = service
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') {
    throw new RangeError(`Cannot derive a database name from service "${service}"`);
  }
  const part =
    slug.length <= room
      ? slug
      : `${slug.slice(0, room - 7)}_${createHash('sha256').update(service).digest('hex').slice(0, 6)}`;
  return `${busPrefix}_${part}`;
}

async function dropDatabases(mongoUrl: string, handedOut: ReadonlySet<string>, prefix: string): Promise<void> {
  const client = new mongoose.mongo.MongoClient(mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const names = new Set(handedOut);
    try {
      const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
      for (const { name } of databases) {
        if (name.startsWith(prefix)) names.add(name);
      }
    } catch {
      // Listing needs a privilege an external server may not grant; the handed-out names still go.
    }
    for (const name of names) {
      await client.db(name).dropDatabase();
    }
  } finally {
    await client.close();
  }
}

async function deleteStreams(natsUrl: string, streamPrefix: string): Promise<void> {
  const nc = await connect({ servers: natsUrl, timeout: 5_000 });
  try {
    const jsm = await jetstreamManager(nc);
    const doomed: string[] = [];
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(streamPrefix)) doomed.push(name);
    }
    for (const name of doomed) {
      await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }
}
