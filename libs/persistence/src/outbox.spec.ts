import { createEnvelope, PETITION_FLAGS_CHANGED_V1, type PetitionFlagsChangedV1 } from '@pdmc/contracts';
import { OutboxContractError, toOutbox } from './outbox';

const flagsChanged = (flags: Record<string, unknown>) =>
  createEnvelope(
    PETITION_FLAGS_CHANGED_V1,
    {
      petitionId: '0b6f6c8e-3f1e-4d59-9a43-8f6a1b2c3d4e',
      caseNumber: '220106-2026-000001',
      townCode: 'HX',
      flags: { collective: false, repeat: false, escalated: false, abnormal: false, threatOfExtremeAction: true, backlog: false, ...flags },
      changedAt: '2026-11-28T02:00:00.000Z',
    } as PetitionFlagsChangedV1,
    { correlationId: 'c-1' },
  );

describe('toOutbox', () => {
  it('stores an event its contract accepts, unchanged', () => {
    const envelope = flagsChanged({});
    expect(toOutbox(envelope)).toEqual([{ id: envelope.id, type: envelope.type, envelope }]);
  });

  it('refuses an event its own contract refuses, naming the field, before anything is stored', () => {
    const attempt = () => toOutbox(flagsChanged({ escalated: null }));
    expect(attempt).toThrow(OutboxContractError);
    expect(attempt).toThrow(/payload\.flags\.escalated/);
  });

  it('refuses undeclared fields and unknown event types', () => {
    expect(() => toOutbox(flagsChanged({ name: '王建国' }))).toThrow(OutboxContractError);
    expect(() => toOutbox({ ...flagsChanged({}), type: 'intake.petition.vanished.v1' })).toThrow(/EVENT_REGISTRY/);
  });
});
