import { createHash } from 'node:crypto';

/** Namespace of the platform's name-based ids (a fixed, random UUID). */
export const PDMC_ID_NAMESPACE = '5f3c1e62-2b9a-4f0e-9d7c-6a1b8e4d2c90';

/**
 * RFC 4122 version-5 UUID (SHA-1, name-based) of `name` in `namespace`: the same inputs always
 * give the same id, so a side effect keyed by it is done once however often its cause arrives.
 */
export function uuidV5(name: string, namespace = PDMC_ID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`uuidV5: namespace "${namespace}" is not a UUID`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of the side effect `purpose` caused by event `eventId`, e.g.
 * `idFromEvent(event.id, 'handling.case')` for the case a routed event opens: a redelivery, a
 * replay or a second instance computes the same id, and the unique `_id` keeps one.
 */
export function idFromEvent(eventId: string, purpose: string): string {
  return uuidV5(`${purpose}:${eventId}`);
}
