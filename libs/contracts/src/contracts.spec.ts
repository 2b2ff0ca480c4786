import { randomUUID } from 'node:crypto';
import { createEnvelope, defineEvent } from './event-definition';
import { EVENT_REGISTRY } from './registry';
import { PETITION_ROUTED_V1, PetitionRoutedV1 } from './routing/petition-routed.v1';
import { STREAMS } from './streams';
import { validateEnvelope } from './validation';

const routed = (over: Partial<PetitionRoutedV1> = {}) =>
  createEnvelope(
    PETITION_ROUTED_V1,
    {
      petitionId: randomUUID(),
      caseNumber: '220106-2026-000001',
      workUnit: 'LABOUR',
      responsibleBody: 'dept:labour-inspection',
      ruleId: 'LABOUR.wages',
      reason: '欠薪',
      ...over,
    },
    { correlationId: 'corr-contracts-1' },
  );

describe('event contracts', () => {
  it('derives producer and version from a subject of the form producer.entity.verb.vN', () => {
    expect(PETITION_ROUTED_V1).toMatchObject({ producer: 'routing', version: 1 });
    expect(() => defineEvent('routing.petitionRouted', PetitionRoutedV1)).toThrow(/does not read/);
    expect(() => defineEvent('billing.invoice.sent.v1', PetitionRoutedV1)).toThrow();
  });

  it('registers every event under its subject, each on its producer’s stream', () => {
    for (const [subject, def] of EVENT_REGISTRY) {
      expect(def.subject).toBe(subject);
      expect(STREAMS[def.producer].subjects).toContain(`${def.producer}.>`);
    }
  });

  it('builds envelopes with a fresh id, the subject as type, and the causation when given', () => {
    const a = routed();
    const b = createEnvelope(PETITION_ROUTED_V1, a.payload, { correlationId: 'c-1', causationId: a.id });
    expect(a.id).not.toBe(b.id);
    expect(a).toMatchObject({ type: 'routing.petition.routed.v1', version: 1, producer: 'routing' });
    expect(a.causationId).toBeUndefined();
    expect(b.causationId).toBe(a.id);
  });

  it('accepts a valid envelope', () => {
    const result = validateEnvelope(PETITION_ROUTED_V1, JSON.parse(JSON.stringify(routed())));
    expect(result.ok).toBe(true);
  });

  it('names the payload field and rule that break the contract', () => {
    const result = validateEnvelope(PETITION_ROUTED_V1, routed({ workUnit: 'NOPE' as never }));
    expect(result).toEqual({
      ok: false,
      violations: [expect.objectContaining({ field: 'payload.workUnit', rule: 'isIn' })],
    });
  });

  it('rejects unknown payload fields, a wrong type and a broken envelope', () => {
    const extra = { ...routed(), payload: { ...routed().payload, idNumber: '110101199003074514' } };
    expect(validateEnvelope(PETITION_ROUTED_V1, extra)).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ field: 'payload.idNumber', rule: 'whitelistValidation' })],
    });
    expect(validateEnvelope(PETITION_ROUTED_V1, { ...routed(), type: 'intake.petition.registered.v1' })).toMatchObject({ ok: false });
    expect(validateEnvelope(PETITION_ROUTED_V1, { ...routed(), id: 'not-a-uuid' })).toMatchObject({ ok: false });
    expect(validateEnvelope(PETITION_ROUTED_V1, 'text')).toMatchObject({ ok: false });
  });
});
