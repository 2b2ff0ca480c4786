import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { publishEnvelope } from './bus';
import { createTestNamespace, type TestNamespace } from './namespace';
import { findEvents, waitForEvent, waitForEvents } from './wait-for-event';

/** Runs against the NATS server of the Jest global setup, in a namespace of its own. */
describe('waitForEvent (real NATS)', () => {
  let ns: TestNamespace;

  beforeAll(async () => {
    ns = createTestNamespace('waitevent');
    const nc = await connect({ servers: ns.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: `${ns.streamPrefix}ROUTING`, subjects: [`${ns.busPrefix}.routing.>`] });
    } finally {
      await nc.close();
    }
  });

  afterAll(async () => {
    await ns?.cleanup();
  });

  const event = (type: string, payload: Record<string, unknown>) => ({
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'routing',
    correlationId: randomUUID(),
    payload,
  });
  const publish = (e: ReturnType<typeof event>) => publishEnvelope(ns.natsUrl, ns.busPrefix, e);

  it('waits for an event published later and returns it', async () => {
    const petitionId = randomUUID();
    const routed = event('routing.petition.routed.v1', { petitionId, workUnit: 'LABOUR' });
    setTimeout(() => void publish(routed), 300);

    const found = await waitForEvent(ns, { stream: 'ROUTING', type: 'routing.petition.routed.v1', payload: { petitionId } });

    expect(found.subject).toBe(`${ns.busPrefix}.routing.petition.routed.v1`);
    expect(found.data).toEqual(routed);
  });

  it('matches on type, payload fields, mentioned text and a predicate, all of them', async () => {
    const petitionId = randomUUID();
    await publish(event('routing.petition.other.v1', { petitionId, workUnit: 'LABOUR' }));
    await publish(event('routing.petition.routed.v1', { petitionId: randomUUID(), workUnit: 'LABOUR' }));
    await publish(event('routing.petition.routed.v1', { petitionId, workUnit: 'AGRI_LAND' }));
    const wanted = event('routing.petition.routed.v1', { petitionId, workUnit: 'LABOUR', tags: ['a'] });
    await publish(wanted);

    const query = {
      stream: 'ROUTING',
      type: 'routing.petition.routed.v1',
      payload: { petitionId, tags: ['a'] },
      mentioning: 'LABOUR',
      where: (payload: Record<string, unknown>) => payload['workUnit'] === 'LABOUR',
    };
    expect((await waitForEvent(ns, query)).data).toEqual(wanted);
    expect((await findEvents(ns, query)).map((m) => m.data)).toEqual([wanted]);
    expect(await findEvents(ns, { stream: 'ROUTING', payload: { petitionId } })).toHaveLength(3);
    expect(await findEvents(ns, { stream: 'ROUTING', mentioning: petitionId })).toHaveLength(3);
  });

  it('waits for as many events as asked and returns all those stored, oldest first', async () => {
    const petitionId = randomUUID();
    const first = event('routing.petition.routed.v1', { petitionId });
    const second = event('routing.petition.routed.v1', { petitionId });
    await publish(first);
    setTimeout(() => void publish(second), 300);

    const found = await waitForEvents(ns, { stream: 'ROUTING', payload: { petitionId } }, 2);

    expect(found.map((m) => m.data['id'])).toEqual([first.id, second.id]);
    expect((await waitForEvent(ns, { stream: 'ROUTING', payload: { petitionId } })).data['id']).toBe(first.id);
  });

  it('says on timeout what it waited for and which types the stream held', async () => {
    const petitionId = randomUUID();
    await publish(event('routing.petition.routed.v1', { petitionId: randomUUID() }));

    const waiting = waitForEvent(
      ns,
      { stream: 'ROUTING', type: 'routing.petition.routed.v1', payload: { petitionId }, where: () => true, whereDescription: 'it is urgent' },
      { timeoutMs: 600 },
    );

    await expect(waiting).rejects.toThrow(
      new RegExp(
        `^Timed out after 600 ms waiting for 1 event "routing\\.petition\\.routed\\.v1" with payload \\{"petitionId":"${petitionId}"\\} ` +
          `where it is urgent in stream ${ns.streamPrefix}ROUTING; the stream held \\d+ messages: ` +
          `(.+, )?routing\\.petition\\.routed\\.v1 ×\\d+(, .+)?; \\d+ of the type, 0 matching$`,
      ),
    );
  });

  it('says when the stream does not exist', async () => {
    await expect(waitForEvents(ns, { stream: 'NOWHERE', type: 'x.y.z.v1' }, 2, { timeoutMs: 300 })).rejects.toThrow(
      `Timed out after 300 ms waiting for 2 events "x.y.z.v1" in stream ${ns.streamPrefix}NOWHERE; the stream does not exist`,
    );
    expect(await findEvents(ns, { stream: 'NOWHERE' })).toEqual([]);
  });

  it('refuses a count that is not a positive integer', async () => {
    await expect(waitForEvents(ns, { stream: 'ROUTING' }, 0)).rejects.toThrow(RangeError);
  });
});
