import { headers as createHeaders, type MsgHdrs } from '@nats-io/nats-core';

/** Header names this platform puts on messages. */
export const PDMC_HEADERS = {
  correlationId: 'Pdmc-Correlation-Id',
  causationId: 'Pdmc-Causation-Id',
  eventType: 'Pdmc-Event-Type',
  error: 'Pdmc-Error',
  consumer: 'Pdmc-Consumer',
  originalSubject: 'Pdmc-Original-Subject',
  originalStream: 'Pdmc-Original-Stream',
  originalSeq: 'Pdmc-Original-Seq',
  deliveryCount: 'Pdmc-Delivery-Count',
} as const;

/** Longest error text carried in a `Pdmc-Error` header, in UTF-8 bytes. */
export const MAX_ERROR_HEADER_BYTES = 1024;

/**
 * Makes arbitrary text safe for a header value: NATS rejects CR/LF in headers, and stack traces
 * or validation messages often contain them. The result is cut to `maxBytes` of UTF-8 without
 * splitting a character.
 */
export function toHeaderValue(text: string, maxBytes = MAX_ERROR_HEADER_BYTES): string {
  const single = text.replace(/[\r\n]+/g, ' ').trim();
  const bytes = Buffer.from(single, 'utf8');
  if (bytes.length <= maxBytes) return single;
  let end = maxBytes;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so a multi-byte character is not cut.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

/** Headers as a plain object (first value of each key); easier to log, test and hand to handlers. */
export function headersToRecord(hdrs: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!hdrs) return out;
  for (const key of hdrs.keys()) out[key] = hdrs.get(key);
  return out;
}

/** Builds NATS headers from a plain object, skipping empty values. */
export function recordToHeaders(record: Record<string, string | undefined>): MsgHdrs {
  const hdrs = createHeaders();
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined && value !== '') hdrs.set(key, toHeaderValue(value, Number.MAX_SAFE_INTEGER));
  }
  return hdrs;
}
