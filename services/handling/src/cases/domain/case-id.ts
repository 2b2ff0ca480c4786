import { createHash } from 'node:crypto';

/** The namespace of case ids (a fixed random UUID): ids derived here cannot collide with other names. */
const CASE_ID_NAMESPACE = '5b0c6f0e-6a43-4d0e-9a53-2f1c5d7b8e21';

function bytesOf(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** An RFC 9562 version-5 UUID (SHA-1 of namespace and name). */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A petition's case id, derived from the petition id: a redelivered or re-sent routing event
 * names the same case, so no race can open two (decision 0011).
 */
export function caseIdFor(petitionId: string): string {
  return uuidV5(petitionId.toLowerCase(), CASE_ID_NAMESPACE);
}
