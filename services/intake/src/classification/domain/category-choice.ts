/**
 * What the clerk finally chose against what was suggested, kept to measure and improve the
 * keyword rules. It holds ids only: the petition's text stays with the petition.
 */
export interface CategoryChoice {
  id: string;
  petitionId?: string;
  /** The suggested leaves, best first. */
  suggestionIds: number[];
  topSuggestionId?: number;
  chosenId: number;
  /** The clerk took the top suggestion. */
  accepted: boolean;
  /** 1-based position of the chosen leaf among the suggestions; absent when it was not suggested. */
  chosenRank?: number;
  rulesVersion: string;
  at: Date;
  /** Subject (user id) of the clerk. */
  clerk: string;
  /** Set when a learned model was in service: its version and the policy that served. */
  modelVersion?: string;
  policy?: string;
  /** With a model in service: where the chosen leaf stood among the rules' and the model's own suggestions. */
  rulesRank?: number;
  modelRank?: number;
}

/** 1-based rank of `id` in `ids`; undefined when absent. */
const rankOf = (ids: readonly number[] | undefined, id: number): number | undefined => {
  const index = ids?.indexOf(id) ?? -1;
  return index >= 0 ? index + 1 : undefined;
};

export function choiceOf(input: {
  id: string;
  petitionId?: string;
  suggestionIds: readonly number[];
  chosenId: number;
  rulesVersion: string;
  at: Date;
  clerk: string;
  /** With a model in service, what each source suggested on its own. */
  learned?: { modelVersion: string; policy: string; rulesSuggestionIds: readonly number[]; modelSuggestionIds: readonly number[] };
}): CategoryChoice {
  const [top] = input.suggestionIds;
  const index = input.suggestionIds.indexOf(input.chosenId);
  return {
    id: input.id,
    ...(input.petitionId !== undefined ? { petitionId: input.petitionId } : {}),
    suggestionIds: [...input.suggestionIds],
    ...(top !== undefined ? { topSuggestionId: top } : {}),
    chosenId: input.chosenId,
    accepted: top !== undefined && top === input.chosenId,
    ...(index >= 0 ? { chosenRank: index + 1 } : {}),
    rulesVersion: input.rulesVersion,
    at: input.at,
    clerk: input.clerk,
    ...(input.learned ? learnedFields(input.learned, input.chosenId) : {}),
  };
}

function learnedFields(
  learned: NonNullable<Parameters<typeof choiceOf>[0]['learned']>,
  chosenId: number,
): Pick<CategoryChoice, 'modelVersion' | 'policy' | 'rulesRank' | 'modelRank'> {
  const rulesRank = rankOf(learned.rulesSuggestionIds, chosenId);
  const modelRank = rankOf(learned.modelSuggestionIds, chosenId);
  return {
    modelVersion: learned.modelVersion,
    policy: learned.policy,
    ...(rulesRank ? { rulesRank } : {}),
    ...(modelRank ? { modelRank } : {}),
  };
}

export interface SuggestionAccuracy {
  /** Choices recorded. */
  total: number;
  /** The clerk took the top suggestion. */
  acceptedTop1: number;
  /** The clerk's choice was among the first three suggestions. */
  acceptedTop3: number;
  /** Nothing was suggested (no keyword matched): where the rules need new words. */
  withoutSuggestion: number;
  /** acceptedTop1 / total, 4 decimals; null when nothing was recorded. */
  rate: number | null;
  /** acceptedTop3 / total, 4 decimals; null when nothing was recorded. */
  top3Rate: number | null;
}

const ratio = (part: number, total: number): number | null =>
  total ? Math.round((part / total) * 10_000) / 10_000 : null;

export type AccuracyCounts = Pick<SuggestionAccuracy, 'total' | 'acceptedTop1' | 'acceptedTop3' | 'withoutSuggestion'>;

export function accuracyOf(counts: AccuracyCounts): SuggestionAccuracy {
  const { total, acceptedTop1, acceptedTop3 } = counts;
  return { ...counts, rate: ratio(acceptedTop1, total), top3Rate: ratio(acceptedTop3, total) };
}
