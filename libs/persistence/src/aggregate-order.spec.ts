import { aggregateOrder } from './aggregate-order';

describe('aggregateOrder', () => {
  it('applies the next event, skips old ones and holds back one that comes before its predecessor', () => {
    expect(aggregateOrder(undefined, 1)).toBe('next');
    expect(aggregateOrder(3, 4)).toBe('next');
    expect(aggregateOrder(3, 3)).toBe('already-applied');
    expect(aggregateOrder(3, 1)).toBe('already-applied');
    expect(aggregateOrder(3, 5)).toBe('gap');
    expect(aggregateOrder(undefined, 2)).toBe('gap');
    expect(aggregateOrder(7, undefined)).toBe('unsequenced');
  });
});
