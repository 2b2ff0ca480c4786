import { randomBytes, randomUUID } from 'node:crypto';
import {
  PETITION_ACCEPTED_V1,
  PETITION_REGISTERED_V1,
  createEnvelope,
  type EventEnvelope,
  type PetitionAcceptedV1,
  type PetitionRegisteredV1,
} from '@pdmc/contracts';
import { Bus, physicalStreamName } from '../src';

/** URL of the NATS server the Jest global setup started (or the one you started yourself). */
export function natsUrl(): string {
  const url = process.env.PDMC_TEST_NATS_URL;
  if (!url) {
    throw new Error(
      'PDMC_TEST_NATS_URL is not set: run through libs/messaging/jest.config.js (its global setup starts ' +
        'NATS), or start `nats-server -js` yourself and export PDMC_TEST_NATS_URL',
    );
  }
  return url;
}

/** A fresh namespace prefix (`t` + 8 hex), so test files and cases never see each other's data. */
export function uniquePrefix(): string {
  return `t${randomBytes(4).toString('hex')}`;
}

/** Connects a bus in `prefix` for test plumbing (publishing, inspecting streams). */
export function testBus(prefix: string, name = 'messaging-test'): Promise<Bus> {
  return Bus.connect({ servers: natsUrl(), name, prefix });
}

/** Deletes every stream of the namespace; the bus stays open. */
export async function deleteStreams(bus: Bus, prefix: string): Promise<void> {
  const head = physicalStreamName(prefix, '');
  for await (const name of bus.jetstreamManager.streams.names()) {
    if (name.startsWith(head)) await bus.jetstreamManager.streams.delete(name).catch(() => undefined);
  }
}

/** A valid `intake.petition.registered.v1` payload; override what the test is about. */
export function petitionRegistered(overrides: Partial<PetitionRegisteredV1> = {}): PetitionRegisteredV1 {
  return {
    petitionId: randomUUID(),
    caseNumber: 'XF-2026-000001',
    channel: 'visit',
    itemClass: 'appeal',
    category: { id: 101, level1: 'land', level2: 'contract', level3: 'boundary' },
    townCode: 'T01',
    headcount: 1,
    flags: {
      collective: false,
      repeat: false,
      escalated: false,
      abnormal: false,
      threatOfExtremeAction: false,
    },
    receivedAt: new Date('2026-01-05T09:00:00Z').toISOString(),
    ...overrides,
  };
}

/** A complete envelope for `intake.petition.registered.v1`. */
export function petitionRegisteredEnvelope(
  overrides: Partial<PetitionRegisteredV1> = {},
): EventEnvelope<PetitionRegisteredV1> {
  return createEnvelope(PETITION_REGISTERED_V1, petitionRegistered(overrides), {
    correlationId: `corr-${randomUUID()}`,
  });
}

/** A complete envelope for `intake.petition.accepted.v1`: the registered facts plus `acceptedAt`. */
export function petitionAcceptedEnvelope(
  overrides: Partial<PetitionAcceptedV1> = {},
): EventEnvelope<PetitionAcceptedV1> {
  const payload: PetitionAcceptedV1 = {
    ...petitionRegistered(),
    acceptedAt: new Date('2026-01-06T10:00:00Z').toISOString(),
    ...overrides,
  };
  return createEnvelope(PETITION_ACCEPTED_V1, payload, { correlationId: `corr-${randomUUID()}` });
}

/** Polls until `probe` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
