import { randomUUID } from 'node:crypto';
import { createEnvelope, defineEvent } from './event-definition';
import { PETITION_ACCEPTED_V1 } from './intake/petition-accepted.v1';
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

  it('lets a consumer strip fields added to a .v1 event after it was built, while a producer is refused them', () => {
    const newer = { ...routed(), payload: { ...routed().payload, addedLater: 'x' } };
    expect(validateEnvelope(PETITION_ROUTED_V1, newer)).toMatchObject({ ok: false });
    const tolerant = validateEnvelope(PETITION_ROUTED_V1, newer, { unknownFields: 'strip' });
    expect(tolerant.ok).toBe(true);
    expect(tolerant.ok && 'addedLater' in tolerant.value.payload).toBe(false);
    // Stripping never excuses a declared field that is wrong.
    expect(
      validateEnvelope(PETITION_ROUTED_V1, routed({ workUnit: 'NOPE' as never }), { unknownFields: 'strip' }),
    ).toMatchObject({ ok: false });
  });

  it('gives the accepted event the routing facts of the registered one, plus acceptedAt, and no personal data', () => {
    const accepted = createEnvelope(
      PETITION_ACCEPTED_V1,
      {
        petitionId: randomUUID(),
        caseNumber: '220106-2026-000001',
        channel: 'visit',
        itemClass: 'appeal',
        category: { id: 515, level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' },
        townCode: 'HX',
        headcount: 1,
        flags: { collective: false, repeat: false, escalated: false, abnormal: false, threatOfExtremeAction: false },
        receivedAt: '2026-11-27T01:30:00.000Z',
        acceptedAt: '2026-11-28T02:00:00.000Z',
      },
      { correlationId: 'corr-contracts-2' },
    );
    const plain = JSON.parse(JSON.stringify(accepted));
    expect(validateEnvelope(PETITION_ACCEPTED_V1, plain).ok).toBe(true);

    const { acceptedAt: _acceptedAt, ...withoutAcceptedAt } = plain.payload;
    expect(validateEnvelope(PETITION_ACCEPTED_V1, { ...plain, payload: withoutAcceptedAt })).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ field: 'payload.acceptedAt' })],
    });
    expect(
      validateEnvelope(PETITION_ACCEPTED_V1, { ...plain, payload: { ...plain.payload, category: { id: 515 } } }),
    ).toMatchObject({ ok: false, violations: expect.arrayContaining([expect.objectContaining({ field: 'payload.category.level1' })]) });
    for (const pii of [{ phone: '13800138000' }, { description: '原厂职工反映…' }]) {
      expect(validateEnvelope(PETITION_ACCEPTED_V1, { ...plain, payload: { ...plain.payload, ...pii } })).toMatchObject({
        ok: false,
        violations: [expect.objectContaining({ rule: 'whitelistValidation' })],
      });
    }
  });
});
