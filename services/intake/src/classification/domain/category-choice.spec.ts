import { accuracyOf, choiceOf } from './category-choice';

describe('recording a category choice', () => {
  const base = { id: 'p-1', petitionId: 'p-1', rulesVersion: 's1-0123456789ab', at: new Date('2026-03-01T00:00:00Z'), clerk: 'clerk-1' };

  it('marks the top suggestion taken as accepted, at rank 1', () => {
    expect(choiceOf({ ...base, suggestionIds: [490, 504, 45], chosenId: 490 })).toMatchObject({
      suggestionIds: [490, 504, 45],
      topSuggestionId: 490,
      accepted: true,
      chosenRank: 1,
    });
  });

  it('keeps the rank of a lower suggestion taken, and none for a choice that was not suggested', () => {
    expect(choiceOf({ ...base, suggestionIds: [490, 504, 45], chosenId: 45 })).toMatchObject({ accepted: false, chosenRank: 3 });
    const other = choiceOf({ ...base, suggestionIds: [490, 504], chosenId: 515 });
    expect(other.accepted).toBe(false);
    expect(other).not.toHaveProperty('chosenRank');
  });

  it('records a choice made without any suggestion', () => {
    const none = choiceOf({ ...base, suggestionIds: [], chosenId: 81 });
    expect(none).toMatchObject({ suggestionIds: [], accepted: false, chosenId: 81 });
    expect(none).not.toHaveProperty('topSuggestionId');
  });

  it('computes rates, and none for an empty period', () => {
    expect(accuracyOf({ total: 3, acceptedTop1: 1, acceptedTop3: 2, withoutSuggestion: 0 })).toEqual({
      total: 3,
      acceptedTop1: 1,
      acceptedTop3: 2,
      withoutSuggestion: 0,
      rate: 0.3333,
      top3Rate: 0.6667,
    });
    expect(accuracyOf({ total: 0, acceptedTop1: 0, acceptedTop3: 0, withoutSuggestion: 0 })).toMatchObject({ rate: null, top3Rate: null });
  });
});
