import type { PetitionRef, PetitionStatus, Referral } from './petition';

/**
 * Repeat, escalated and merged petitions (信访工作条例 art. 19-20).
 *
 * A person's petition is about the **same matter** as an earlier one when both carry the same
 * category leaf. The earlier one counts whether it is still within its time limits or already
 * decided: either way a second live case must not be opened for it. Merged petitions never
 * count (they live on in their target).
 */
export interface EarlierPetition {
  id: string;
  caseNumber: string;
  categoryId?: number;
  status: PetitionStatus;
  receivedAt: Date;
  repeatOf?: PetitionRef;
}

/** Undecided, or accepted and being handled. */
export function isLive(status: PetitionStatus): boolean {
  return status === 'registered' || status === 'accepted';
}

/**
 * The petition a new one about `categoryId` repeats, if any: the first of the chain, so that
 * the fifth visit about one matter links to the first, not to the fourth.
 */
export function findOriginal(earlier: readonly EarlierPetition[], categoryId: number | undefined): PetitionRef | undefined {
  if (categoryId === undefined) return undefined;
  const same = earlier
    .filter((p) => p.status !== 'merged' && p.categoryId === categoryId)
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.caseNumber.localeCompare(b.caseNumber));
  const first = same[0];
  if (!first) return undefined;
  return first.repeatOf ?? { petitionId: first.id, caseNumber: first.caseNumber };
}

/**
 * An item that reaches the centre through a higher authority is escalated (越级访) when the
 * person went above the competent level: they never brought the matter here, or they did and
 * it is still within its time limits here (they did not wait for the answer). A matter already
 * decided here that comes back from above is a repeat, not an escalation: the law's path after
 * a decision is review by the next level (art. 35).
 */
export function isEscalatedByReferral(
  referral: Referral | undefined,
  sameMatter: readonly EarlierPetition[],
): boolean {
  if (!referral) return false;
  const ours = sameMatter.filter((p) => p.status !== 'merged');
  return ours.length === 0 || ours.some((p) => isLive(p.status));
}

export interface MergeSubject {
  id: string;
  status: PetitionStatus;
  mergedInto?: PetitionRef;
}

export type MergeProblem =
  | 'INTAKE.MERGE_SELF'
  | 'INTAKE.MERGE_SOURCE_DECIDED'
  | 'INTAKE.MERGE_TARGET_MERGED'
  | 'INTAKE.MERGE_SOURCE_IS_TARGET';

/**
 * Whether `source` may be merged into `target`: only an undecided petition is merged (a decided
 * one has its own notice and possibly a case), never into itself, never into a petition that was
 * itself merged (merge into that one's target instead), and not when others were merged into it.
 */
export function checkMerge(source: MergeSubject, target: MergeSubject, sourceHasMergedIn: boolean): MergeProblem | undefined {
  if (source.id === target.id) return 'INTAKE.MERGE_SELF';
  if (target.status === 'merged') return 'INTAKE.MERGE_TARGET_MERGED';
  if (source.status !== 'registered') return 'INTAKE.MERGE_SOURCE_DECIDED';
  if (sourceHasMergedIn) return 'INTAKE.MERGE_SOURCE_IS_TARGET';
  return undefined;
}
