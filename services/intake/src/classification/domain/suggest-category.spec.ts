import { loadTaxonomy, type TaxonomyClass } from '@pdmc/platform';
import { CATEGORY_KEYWORDS } from './category-keywords';
import { compileKeywordRules, type CategoryKeywordRule } from './keyword-rules';
import { scoreOf, suggestCategories } from './suggest-category';

const taxonomy: ReadonlyMap<number, TaxonomyClass> = new Map(loadTaxonomy().map((c) => [c.id, c]));
const rules = compileKeywordRules(CATEGORY_KEYWORDS, taxonomy);

function path(id: number | undefined): string {
  const c = id === undefined ? undefined : taxonomy.get(id);
  return c ? `${c.level1}/${c.level2}/${c.level3}` : '(none)';
}

describe('suggesting a category from real-world petitions', () => {
  // [title, text, expected top leaf, a word that must explain it]
  const petitions: Array<[string, string, string, string]> = [
    ['讨要工资', '我们二十多名农民工在某建筑工地干活，包工头拖欠了我们半年的工资共计三十余万元，多次讨要无果。', '劳动和社会保障/工资福利/工资发放', '拖欠…工资'],
    ['退休金未按时发放', '原厂职工反映自今年三月起退休金未按时足额发放，多次询问无果。', '劳动和社会保障/退休政策及待遇/退休金发放', '退休金…发放'],
    ['单位不缴住房公积金', '公司从未给员工缴存住房公积金，要求补缴。', '劳动和社会保障/工资福利/住房公积金', '住房公积金'],
    ['老旧小区拆迁补偿不合理', '我家位于城区老街，房屋被列入征收范围，补偿标准过低，安置房迟迟没有着落。', '城乡建设/国有土地上房屋征收与补偿/安置补偿', '拆迁补偿'],
    ['宅基地房屋强拆', '我是某村村民，村委会在未达成补偿协议的情况下强拆了我家宅基地上的房屋。', '城乡建设/集体土地上房屋拆迁与补偿/房屋拆迁', '强拆'],
    ['物业不作为', '我们小区物业公司收了物业费却不打扫卫生，业主多次反映无果。', '城乡建设/住房保障与房地产/物业服务', '物业费'],
    ['土地流转费未支付', '村里将我们的承包地统一流转给合作社，已经两年没有支付流转费。', '农村农业/土地承包经营/土地流转', '土地流转'],
    ['工厂夜间噪音扰民', '小区旁边的工厂每天夜间生产，噪音很大，居民无法休息。', '环境保护/环境污染/噪音污染', '噪音'],
    ['手术后死亡要求鉴定', '我父亲在区医院做手术后死亡，我们认为是医疗事故，医院拒绝提供病历。', '卫生计生/医患纠纷/医疗事故争议', '医疗事故'],
    ['取消低保', '我家是农村低保户，今年村里无故取消了我家的低保，家里生活困难。', '民政/社会救助/农村低保', '低保'],
    ['低保被停', '本人系社区居民，身患重病无工作，街道今年停发了我的低保金。', '民政/社会救助/城镇低保', '低保金'],
    ['学校乱收费', '孩子所在小学以资料费名义向每个学生收取三百元，家长意见很大。', '教育文体/教育收费/乱收费', '乱收费'],
    ['举报村支书贪污', '村支书贪污集体土地补偿款，还收受承包商好处，请纪委调查。', '纪检监察/贪污贿赂/贪污', '贪污'],
    ['邻居打人派出所不管', '邻居因琐事将我打伤，报警后派出所至今不处理。', '政法/社会治安/治安案件', '打人'],
    ['法院判决后对方不履行', '法院判决对方赔偿我八万元，对方一直未执行，申请强制执行也没结果。', '政法/仲裁与调解/生效法律文书执行', '强制执行'],
    ['企业改制下岗职工安置', '原国企改制时我们被下岗，身份置换补偿至今没有落实。', '经济管理/国资监管/企业改制', '企业改制'],
    ['网约车司机绕路', '乘坐网约车时司机故意绕路多收费。', '交通运输/出租车管理/网约车问题', '网约车'],
    ['小区电梯多次困人', '我们楼的电梯今年已经三次困人，维保单位敷衍了事。', '商贸旅游/质监检验检疫/特种设备管理', '电梯'],
    ['手机话费被乱扣', '运营商未经同意给我开通增值业务，每月多扣话费二十元。', '科技与信息产业/电信/电信资费', '话费'],
    ['政府信息公开申请逾期未答复', '我于三月向区政府提交政府信息公开申请，至今没有答复。', '党务政务/其他/其他', '政府信息公开'],
    ['河道非法采砂', '有人夜间在河道里非法采砂，破坏堤坝。', '国土资源/矿产资源管理/矿产开采', '采砂'],
  ];

  it.each(petitions)('%s → %s', (title, text, expected, word) => {
    const [top] = suggestCategories(title, text, rules, taxonomy);
    expect(path(top?.categoryId)).toBe(expected);
    expect(top).toMatchObject({ level1: expected.split('/')[0], level2: expected.split('/')[1], level3: expected.split('/')[2] });
    expect(top.score).toBeGreaterThan(0);
    expect(top.matched.map((m) => m.keyword)).toContain(word);
  });

  it('gives every suggestion exactly the score its matched words explain', () => {
    for (const [title, text] of petitions) {
      for (const s of suggestCategories(title, text, rules, taxonomy, 10)) expect(s.score).toBe(scoreOf(s.matched));
    }
  });

  it('covers every first-level class in the cases above', () => {
    expect(new Set(petitions.map(([, , expected]) => expected.split('/')[0])).size).toBe(15);
  });

  it('explains a suggestion by the words, where they were found and how often', () => {
    const [top] = suggestCategories('公司拖欠三个月工资', '公司拖欠工资，又拖欠工资，还拖欠工资，欠薪严重。', rules, taxonomy);
    expect(top.matched).toEqual(
      expect.arrayContaining([
        { keyword: '拖欠…工资', in: 'title', count: 1 },
        { keyword: '拖欠工资', in: 'text', count: 3 },
        { keyword: '欠薪', in: 'text', count: 1 },
      ]),
    );
  });

  it('names the context words that placed a demolition on collective land', () => {
    const [top] = suggestCategories('房屋拆迁补偿', '我家宅基地上的房屋被拆迁，补偿款至今未付。', rules, taxonomy);
    expect(top.level2).toBe('集体土地上房屋拆迁与补偿');
    expect(top.matched).toContainEqual({ keyword: '宅基地', in: 'text', count: 1, context: true });
    const city = suggestCategories('房屋拆迁补偿', '我家在城区的房屋被拆迁，补偿款至今未付。', rules, taxonomy);
    expect(city.map((s) => s.level2)).not.toContain('集体土地上房屋拆迁与补偿');
    expect(city[0].level2).toBe('国有土地上房屋征收与补偿');
  });

  it('suggests nothing when no keyword occurs', () => {
    expect(suggestCategories('你好', '谢谢你们的耐心接待。', rules, taxonomy)).toEqual([]);
    expect(suggestCategories('', '', rules, taxonomy)).toEqual([]);
  });

  it('returns at most `limit` suggestions, best first', () => {
    const text = '公司拖欠工资，不签劳动合同，不交社保，还强制加班。';
    const three = suggestCategories('多项劳动权益受侵害', text, rules, taxonomy);
    expect(three).toHaveLength(3);
    expect(three.map((s) => s.score)).toEqual([...three.map((s) => s.score)].sort((a, b) => b - a));
    expect(suggestCategories('多项劳动权益受侵害', text, rules, taxonomy, 1)).toEqual(three.slice(0, 1));
    expect(suggestCategories('多项劳动权益受侵害', text, rules, taxonomy, 10).length).toBeGreaterThan(3);
  });
});

describe('scoring rules', () => {
  const leaf = (l1: string, l2: string, l3: string): number =>
    [...taxonomy.values()].find((c) => c.level1 === l1 && c.level2 === l2 && c.level3 === l3)?.id ?? -1;
  const suggest = (table: CategoryKeywordRule[], title: string, text: string, limit?: number) =>
    suggestCategories(title, text, compileKeywordRules(table, taxonomy), taxonomy, limit);

  it('lets a longer keyword hide the shorter ones inside it', () => {
    const table: CategoryKeywordRule[] = [
      { class: ['国土资源', '土地资源管理', '土地权属纠纷'], keywords: ['土地'] },
      { class: ['城乡建设', '集体土地上房屋拆迁与补偿', '房屋拆迁'], keywords: ['集体土地'] },
    ];
    const result = suggest(table, '', '集体土地被占用');
    expect(result.map((s) => s.level3)).toEqual(['房屋拆迁']);
    expect(suggest(table, '', '集体土地被占用，承包的土地也没了').map((s) => [s.level3, s.matched])).toEqual([
      ['房屋拆迁', [{ keyword: '集体土地', in: 'text', count: 1 }]],
      ['土地权属纠纷', [{ keyword: '土地', in: 'text', count: 1 }]],
    ]);
  });

  it('weighs the subject three times the description, and stops counting repetitions at three', () => {
    const table: CategoryKeywordRule[] = [{ class: ['环境保护', '环境污染', '噪音污染'], keywords: ['噪音'] }];
    const inTitle = suggest(table, '噪音', '')[0].score;
    const inText = suggest(table, '', '噪音')[0].score;
    expect(inTitle).toBe(3 * inText);
    expect(suggest(table, '', '噪音'.repeat(3))[0].score).toBe(3 * inText);
    const many = suggest(table, '', '噪音'.repeat(10))[0];
    expect(many.score).toBe(3 * inText);
    expect(many.matched).toEqual([{ keyword: '噪音', in: 'text', count: 10 }]);
  });

  it('matches a gapped keyword only when its parts are close and in order', () => {
    const table: CategoryKeywordRule[] = [{ class: ['劳动和社会保障', '工资福利', '工资发放'], keywords: ['拖欠…工资'] }];
    expect(suggest(table, '', '拖欠了三个月的工资')).toHaveLength(1);
    expect(suggest(table, '', `拖欠${'字'.repeat(13)}工资`)).toEqual([]);
    expect(suggest(table, '', '工资被拖欠')).toEqual([]);
  });

  it('breaks ties by the lower category id, whatever the order of the table', () => {
    const a: CategoryKeywordRule = { class: ['劳动和社会保障', '工资福利', '住房公积金'], keywords: ['公积金'] };
    const b: CategoryKeywordRule = { class: ['城乡建设', '住房保障与房地产', '住房公积金'], keywords: ['公积金'] };
    const forward = suggest([a, b], '公积金', '');
    expect(forward.map((s) => s.categoryId)).toEqual([leaf('城乡建设', '住房保障与房地产', '住房公积金'), leaf('劳动和社会保障', '工资福利', '住房公积金')]);
    expect(suggest([b, a], '公积金', '')).toEqual(forward);
  });

  it('lets a second-level word back up a specific leaf, and suggest the 其他 leaf only on its own', () => {
    const table: CategoryKeywordRule[] = [
      { class: ['劳动和社会保障', '工资福利'], keywords: ['工资'] },
      { class: ['劳动和社会保障', '工资福利', '工资发放'], keywords: ['拖欠'] },
    ];
    const both = suggest(table, '', '拖欠，工资');
    expect(both.map((s) => s.level3)).toEqual(['工资发放']);
    expect(both[0].score).toBe(4);
    expect(both[0].matched.map((m) => m.keyword)).toEqual(['工资', '拖欠']);
    expect(suggest(table, '', '工资太低').map((s) => s.level3)).toEqual(['其他']);
  });

  it('counts a word once even when two rules behind a leaf name it', () => {
    const table: CategoryKeywordRule[] = [
      { class: ['教育文体', '教育收费'], keywords: ['学费'] },
      { class: ['教育文体', '教育收费', '收费标准'], keywords: ['学费', '收费标准'] },
    ];
    const [top] = suggest(table, '', '学费的收费标准');
    expect(top).toMatchObject({ level3: '收费标准', score: 6 });
    expect(top.matched).toEqual([
      { keyword: '收费标准', in: 'text', count: 1 },
      { keyword: '学费', in: 'text', count: 1 },
    ]);
  });

  it('applies `requires` only with a context word and `excludes` never with one', () => {
    const table: CategoryKeywordRule[] = [
      { class: ['民政', '社会救助', '农村低保'], keywords: ['低保'], requires: ['农村'] },
      { class: ['民政', '社会救助', '城镇低保'], keywords: ['低保'], excludes: ['农村'] },
    ];
    expect(suggest(table, '', '农村低保被取消').map((s) => s.level3)).toEqual(['农村低保']);
    expect(suggest(table, '', '社区低保被取消').map((s) => s.level3)).toEqual(['城镇低保']);
  });

  it('matches full-width and upper-case text', () => {
    const table: CategoryKeywordRule[] = [{ class: ['教育文体', '文化', '文化市场与文化执法'], keywords: ['KTV'] }];
    expect(suggest(table, 'ＫＴＶ噪音', '')[0].matched).toEqual([{ keyword: 'ktv', in: 'title', count: 1 }]);
  });

  it('stays fast on a description at the 10,000-character limit', () => {
    const text = '公司拖欠工资，小区噪音扰民，村里低保不公。'.repeat(500).slice(0, 10_000);
    const started = process.hrtime.bigint();
    suggestCategories('拖欠工资', text, rules, taxonomy);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  });
});
