import { SUBJECT_WEIGHT, textFeatures } from './text-features';

describe('text features of a petition', () => {
  it('counts character 1-, 2- and 3-grams inside runs of Chinese characters', () => {
    const f = textFeatures('', '欠薪');
    expect(Object.fromEntries(f)).toEqual({ 欠: 1, 薪: 1, 欠薪: 1 });
    const three = textFeatures('', '拖欠工资');
    expect([...three.keys()].sort()).toEqual(['工', '工资', '拖', '拖欠', '拖欠工', '欠', '欠工', '欠工资', '资'].sort());
  });

  it('breaks runs at punctuation, digits and spaces, so no group spans them', () => {
    const f = textFeatures('', '欠薪，3个月 未付');
    expect(f.has('薪个')).toBe(false);
    expect(f.has('个月')).toBe(true);
    expect(f.has('月未')).toBe(false);
    expect([...f.keys()].some((k) => /\d/.test(k))).toBe(false);
  });

  it('weighs the subject more than the description', () => {
    const f = textFeatures('工资', '工资');
    expect(f.get('工资')).toBe(SUBJECT_WEIGHT + 1);
  });

  it('keeps Latin words whole and in lower case, after full-width to half-width', () => {
    const f = textFeatures('', '手机ＡＰＰ扣费 app');
    expect(f.get('app')).toBe(2);
  });

  it('skips the marks left where personal data was removed', () => {
    const f = textFeatures('', '〔姓名〕反映');
    expect(f.has('姓名')).toBe(false);
    expect(f.has('反映')).toBe(true);
  });
});
