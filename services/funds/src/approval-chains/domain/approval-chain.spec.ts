import { yuan } from '../../ledger/domain/money';
import { checkChain, levelsFor } from './approval-chain';

const valid = [
  { upToFen: yuan(30_000), levels: ['unit_head', 'centre_director'] },
  { upToFen: yuan(300_000), levels: ['unit_head', 'centre_director', 'deputy_district_head'] },
  { upToFen: null, levels: ['unit_head', 'centre_director', 'deputy_district_head', 'collective_decision'] },
];

describe('an approval chain as an administrator saves it', () => {
  it('accepts ascending thresholds of known levels with an unbounded last tier', () => {
    expect(checkChain(valid)).toEqual([]);
    expect(checkChain([{ upToFen: null, levels: ['centre_director'] }])).toEqual([]);
  });

  it('refuses thresholds that do not ascend', () => {
    const tiers = [{ ...valid[0], upToFen: yuan(300_000) }, valid[1], valid[2]];
    expect(checkChain(tiers)).toEqual([expect.objectContaining({ field: 'tiers.1.upToFen', rule: 'thresholdsAscending' })]);
    expect(checkChain([{ ...valid[0], upToFen: 0 }, valid[2]])).toEqual([expect.objectContaining({ field: 'tiers.0.upToFen', rule: 'positiveWholeFen' })]);
    expect(checkChain([{ ...valid[0], upToFen: 1.5 }, valid[2]])).toEqual([expect.objectContaining({ rule: 'positiveWholeFen' })]);
  });

  it('refuses a last tier with a ceiling, and an unbounded tier before the last', () => {
    expect(checkChain(valid.slice(0, 2))).toEqual([expect.objectContaining({ field: 'tiers.1.upToFen', rule: 'lastTierCoversAbove' })]);
    expect(checkChain([valid[2], valid[2]])).toEqual([expect.objectContaining({ field: 'tiers.0.upToFen', rule: 'onlyLastTierUnbounded' })]);
  });

  it('refuses unknown levels, empty tiers, a level twice, and no tiers', () => {
    expect(checkChain([{ upToFen: null, levels: ['mayor'] }])).toEqual([expect.objectContaining({ field: 'tiers.0.levels', rule: 'knownLevels' })]);
    expect(checkChain([{ upToFen: null, levels: [] }])).toEqual([expect.objectContaining({ rule: 'atLeastOneLevel' })]);
    expect(checkChain([{ upToFen: null, levels: ['unit_head', 'unit_head'] }])).toEqual([expect.objectContaining({ rule: 'noLevelTwice' })]);
    expect(checkChain([])).toEqual([expect.objectContaining({ field: 'tiers', rule: 'oneToTenTiers' })]);
  });

  it('gives an amount the levels of the first tier that holds it, and amounts above the last threshold the unbounded tier', () => {
    const tiers = valid as Parameters<typeof levelsFor>[0];
    expect(levelsFor(tiers, yuan(30_000))).toEqual(['unit_head', 'centre_director']);
    expect(levelsFor(tiers, yuan(30_000) + 1)).toHaveLength(3);
    expect(levelsFor(tiers, yuan(10_000_000))).toHaveLength(4);
  });
});
