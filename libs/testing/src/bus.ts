import { Writable } from 'node:stream';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { EventEnvelope } from '@pdmc/contracts';

export interface StoredMessage {
  subject: string;
  seq: number;
  data: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * Publishes an envelope into a namespace's stream as a producer would. `msgId` defaults to the
 * envelope id; pass another to get past JetStream's de-duplication and test a consumer's own
 * idempotency. `raw` replaces the body (for malformed-payload tests).
 */
export async function publishEnvelope(
  natsUrl: string,
  busPrefix: string,
  envelope: EventEnvelope | Record<string, unknown>,
  options: { msgId?: string; subject?: string; raw?: string } = {},
): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const h = natsHeaders();
    h.set('Nats-Msg-Id', options.msgId ?? String(envelope['id' as keyof typeof envelope]));
    const subject = `${busPrefix}.${options.subject ?? String(envelope['type' as keyof typeof envelope])}`;
    await jetstream(nc).publish(subject, options.raw ?? JSON.stringify(envelope), { headers: h });
  } finally {
    await nc.close();
  }
}

/** Every message now stored in a stream (physical name), oldest first. */
export async function streamMessages(natsUrl: string, stream: string): Promise<StoredMessage[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream).catch(() => undefined);
    const out: StoredMessage[] = [];
    if (!info) return out;
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
      if (!m) continue;
      const hdrs: Record<string, string> = {};
      for (const [k, v] of m.header ?? []) hdrs[k] = v.join(',');
      let data: Record<string, unknown>;
      try {
        data = m.json<Record<string, unknown>>();
      } catch {
        data = { raw: m.string() };
      }
      out.push({ subject: m.subject, seq: m.seq, data, headers: hdrs });
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** A writable stream that keeps each log line, for services started in-process. */
export function captureLogs(): { destination: Writable; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { destination, lines };
}
