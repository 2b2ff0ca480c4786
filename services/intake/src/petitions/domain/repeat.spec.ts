import { checkMerge, findOriginal, isEscalatedByReferral, isLive, type EarlierPetition } from './repeat';
import type { Referral } from './petition';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const earlier = (over: Partial<EarlierPetition>): EarlierPetition => ({
  id: `id-${over.caseNumber ?? 'x'}`,
  caseNumber: '220106-2026-000001',
  categoryId: 515,
  status: 'registered',
  receivedAt: at(1),
  ...over,
});
const referral: Referral = {
  kind: 'assignment',
  authority: '吉林省信访局',
  authorityLevel: 'province',
  reference: '吉信交〔2026〕15号',
  reportRequired: true,
};

describe('repeat petitions (art. 19-20)', () => {
  it('links a petition on the same matter to the earliest earlier one, decided or not', () => {
    const list = [
      earlier({ caseNumber: '220106-2026-000009', receivedAt: at(9), status: 'not_accepted' }),
      earlier({ caseNumber: '220106-2026-000003', receivedAt: at(3), status: 'accepted' }),
    ];
    expect(findOriginal(list, 515)).toEqual({ petitionId: 'id-220106-2026-000003', caseNumber: '220106-2026-000003' });
  });

  it('follows the chain to its first petition', () => {
    const list = [
      earlier({
        caseNumber: '220106-2026-000005',
        repeatOf: { petitionId: 'root', caseNumber: '220106-2025-000777' },
      }),
    ];
    expect(findOriginal(list, 515)).toEqual({ petitionId: 'root', caseNumber: '220106-2025-000777' });
  });

  it('does not call another matter, a merged petition or an unclassified one a repeat', () => {
    expect(findOriginal([earlier({ categoryId: 7 })], 515)).toBeUndefined();
    expect(findOriginal([earlier({ status: 'merged' })], 515)).toBeUndefined();
    expect(findOriginal([earlier({})], undefined)).toBeUndefined();
    expect(findOriginal([], 515)).toBeUndefined();
  });

  it('counts undecided and accepted petitions as live, decided ones not', () => {
    expect(['registered', 'accepted'].every((s) => isLive(s as never))).toBe(true);
    expect(['not_accepted', 'forwarded', 'merged'].some((s) => isLive(s as never))).toBe(false);
  });
});

describe('escalated petitions', () => {
  it('is escalated when a higher authority refers a matter never brought here', () => {
    expect(isEscalatedByReferral(referral, [])).toBe(true);
  });

  it('is escalated when the matter is still within its time limits here', () => {
    expect(isEscalatedByReferral(referral, [earlier({ status: 'accepted' })])).toBe(true);
  });

  it('is not escalated when the matter was decided here, nor without a referral', () => {
    expect(isEscalatedByReferral(referral, [earlier({ status: 'not_accepted' })])).toBe(false);
    expect(isEscalatedByReferral(undefined, [])).toBe(false);
  });
});

describe('merging (合并件)', () => {
  const open = { id: 'a', status: 'registered' as const };
  const target = { id: 'b', status: 'accepted' as const };

  it('merges an undecided petition into another, decided or not', () => {
    expect(checkMerge(open, target, false)).toBeUndefined();
    expect(checkMerge(open, { id: 'b', status: 'registered' }, false)).toBeUndefined();
  });

  it('refuses self, decided sources, merged targets and sources that are targets', () => {
    expect(checkMerge(open, { ...open }, false)).toBe('INTAKE.MERGE_SELF');
    expect(checkMerge({ id: 'a', status: 'accepted' }, target, false)).toBe('INTAKE.MERGE_SOURCE_DECIDED');
    expect(checkMerge(open, { id: 'b', status: 'merged' }, false)).toBe('INTAKE.MERGE_TARGET_MERGED');
    expect(checkMerge(open, target, true)).toBe('INTAKE.MERGE_SOURCE_IS_TARGET');
  });
});
