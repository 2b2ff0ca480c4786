import { NaiveBayesClassifier } from './naive-bayes';
import { textFeatures } from './text-features';

const examples = [
  ['公司拖欠工资三个月', 'wage'],
  ['老板欠薪不给工资', 'wage'],
  ['工地拖欠农民工工资', 'wage'],
  ['出租车拒载绕路', 'taxi'],
  ['出租车司机不打表', 'taxi'],
  ['网约车司机绕路多收费', 'taxi'],
].map(([text, label]) => ({ features: textFeatures(text), label }));

describe('naive Bayes over character groups', () => {
  const model = NaiveBayesClassifier.train(examples, { alpha: 0.02, minDocumentFrequency: 1 });

  it('learns the labels and ranks the right one first for new words', () => {
    expect(model.labels).toEqual(['taxi', 'wage']);
    const p = model.probabilities(textFeatures('单位拖欠工资'));
    expect(p[model.labels.indexOf('wage')]).toBeGreaterThan(0.5);
    const q = model.probabilities(textFeatures('打车被出租车拒载'));
    expect(q[model.labels.indexOf('taxi')]).toBeGreaterThan(0.5);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('names the groups that weighed most for a label, none that weighed against it', () => {
    const weighed = model.explain(textFeatures('单位拖欠工资'), 'wage', 3);
    expect(weighed.length).toBeGreaterThan(0);
    expect(weighed.some((w) => /工资|拖欠/.test(w.feature))).toBe(true);
    expect(weighed.every((w) => w.weight > 0)).toBe(true);
    expect(model.explain(textFeatures('单位拖欠工资'), 'taxi', 3).some((w) => /工|欠/.test(w.feature))).toBe(false);
  });

  it('drops groups seen in fewer examples than the minimum', () => {
    const pruned = NaiveBayesClassifier.train(examples, { alpha: 0.02, minDocumentFrequency: 2 });
    expect(pruned.data.vocabulary).toContain('工资');
    expect(pruned.data.vocabulary).not.toContain('欠薪');
  });

  it('rebuilds from its stored data with the same scores', () => {
    const again = NaiveBayesClassifier.fromData(model.data);
    expect([...again.scores(textFeatures('出租车绕路'))]).toEqual([...model.scores(textFeatures('出租车绕路'))]);
  });

  it('refuses to train on a single label', () => {
    expect(() => NaiveBayesClassifier.train(examples.slice(0, 3))).toThrow(/two labels/);
  });
});
