import { residentIdCheckCharacter } from '@pdmc/privacy';
import { nameForms, redactPersonalData } from './personal-data-redaction';

const first17 = '22010619650712003';
const ID = `${first17}${residentIdCheckCharacter(first17)}`;

describe('removing personal data from words kept for learning', () => {
  it('removes a known petitioner’s name in full, with a title, and by given name', () => {
    const text = '来访人王建华反映，王先生的邻居称老王占地，建华多次协商无果。';
    expect(redactPersonalData(text, ['王建华'])).toBe('来访人〔姓名〕反映，〔姓名〕的邻居称〔姓名〕占地，〔姓名〕多次协商无果。');
  });

  it('takes a compound surname whole', () => {
    expect(nameForms('欧阳明')).toContain('欧阳先生');
    expect(nameForms('欧阳明')).not.toContain('欧先生');
  });

  it('removes resident ID numbers, mobiles, landlines and e-mail addresses', () => {
    const text = `身份证${ID}，电话139 1234 5678，座机(0431)8765-4321，邮箱wang.jh@example.com。`;
    expect(redactPersonalData(text)).toBe('身份证〔身份证号〕，电话〔电话〕，座机〔电话〕，邮箱〔邮箱〕。');
  });

  it('catches full-width digits and a lower-case check character', () => {
    const wide = ID.toLowerCase().replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(redactPersonalData(`号码${wide}`)).toBe('号码〔身份证号〕');
  });

  it('removes other long numbers but keeps amounts, years and areas', () => {
    expect(redactPersonalData('银行卡6222021234567890123，拖欠工资38000元，2025年，120平方米')).toBe(
      '银行卡〔号码〕，拖欠工资38000元，2025年，120平方米',
    );
  });

  it('keeps text without personal data as it was', () => {
    expect(redactPersonalData('公司拖欠三个月工资', ['李四'])).toBe('公司拖欠三个月工资');
  });
});
