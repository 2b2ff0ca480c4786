import { combine, confidentSet } from './combination';

const leaf = (categoryId: number, level1: string) => ({ categoryId, level1 });
const rules = [leaf(20, '城乡建设'), leaf(490, '劳动和社会保障')];
const model = {
  level1: [
    { level1: '交通运输', probability: 0.7 },
    { level1: '城乡建设', probability: 0.25 },
    { level1: '劳动和社会保障', probability: 0.05 },
  ],
  suggestions: [leaf(176, '交通运输'), leaf(20, '城乡建设')],
};
const ids = (items: Array<{ rule?: { categoryId: number }; learned?: { categoryId: number } }>) =>
  items.map((i) => (i.rule ?? i.learned)?.categoryId);

describe('combining the rules with the model', () => {
  it('takes the most probable first-level classes until they reach the confidence', () => {
    expect([...confidentSet(model.level1, 0.5)]).toEqual(['交通运输']);
    expect([...confidentSet(model.level1, 0.9)]).toEqual(['交通运输', '城乡建设']);
    expect([...confidentSet(model.level1, 0.99)]).toEqual(['交通运输', '城乡建设', '劳动和社会保障']);
  });

  it('serves the rules alone under the rules policy, or when there is no model', () => {
    expect(ids(combine(rules, model, { kind: 'rules' }))).toEqual([20, 490]);
    expect(ids(combine(rules, undefined, { kind: 'combined', confidence: 0.9 }))).toEqual([20, 490]);
  });

  it('lets the model answer alone when the rules are silent', () => {
    const served = combine([], model, { kind: 'combined', confidence: 0.9 });
    expect(ids(served)).toEqual([176, 20]);
    expect(served.every((s) => s.source === 'model')).toBe(true);
  });

  it('lets the model lead when no rule candidate is in its confident set', () => {
    expect(ids(combine(rules, model, { kind: 'combined', confidence: 0.5 }))).toEqual([176, 20, 490]);
  });

  it('keeps rule candidates inside the confident set first, re-ranked by the model', () => {
    const served = combine([leaf(490, '劳动和社会保障'), leaf(20, '城乡建设')], model, { kind: 'combined', confidence: 0.99 });
    expect(ids(served)).toEqual([20, 490, 176]);
    expect(served[0].source).toBe('both');
  });

  it('puts the model first and the rules after it under the model policy, each leaf once, at most three', () => {
    const served = combine([leaf(1, '城乡建设'), leaf(2, '城乡建设'), ...rules], model, { kind: 'model' });
    expect(ids(served)).toEqual([176, 20, 1]);
    expect(served[1].source).toBe('both');
  });
});
