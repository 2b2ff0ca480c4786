// Fictional people, places and organisations for demo petitions. Every name is put together
// from word lists at random; any likeness to a real person, company or village is chance.

/** Area codes of 吉林省长春市 (GB/T 2260); the district itself (220106 绿园区) most often. */
export const CHANGCHUN_AREA_CODES = [
  ['220106', 62], // 绿园区
  ['220102', 6], // 南关区
  ['220103', 5], // 宽城区
  ['220104', 6], // 朝阳区
  ['220105', 4], // 二道区
  ['220112', 3], // 双阳区
  ['220113', 3], // 九台区
  ['220122', 5], // 农安县
  ['220182', 3], // 榆树市
  ['220183', 3], // 德惠市
];

const SURNAMES = [
  ['王', 9], ['李', 9], ['张', 9], ['刘', 8], ['陈', 5], ['杨', 5], ['赵', 5], ['黄', 3], ['周', 3], ['吴', 3],
  ['徐', 3], ['孙', 4], ['胡', 2], ['朱', 2], ['高', 3], ['林', 2], ['何', 2], ['郭', 2], ['马', 3], ['罗', 1],
  ['梁', 2], ['宋', 2], ['郑', 2], ['谢', 1], ['韩', 3], ['唐', 1], ['冯', 2], ['于', 3], ['董', 2], ['曹', 2],
  ['袁', 1], ['邓', 1], ['许', 2], ['沈', 1], ['曾', 1], ['彭', 1], ['吕', 1], ['苏', 1], ['蒋', 1], ['蔡', 1],
  ['贾', 1], ['丁', 1], ['魏', 2], ['薛', 1], ['姜', 2], ['范', 1], ['石', 1], ['姚', 1], ['谭', 1], ['邹', 1],
  ['金', 1], ['郝', 1], ['孔', 1], ['白', 1], ['崔', 2], ['毛', 1], ['秦', 1], ['史', 1], ['侯', 1], ['孟', 2],
  ['牛', 1], ['关', 1], ['付', 1], ['尹', 1], ['常', 1], ['房', 1], ['欧阳', 0.3], ['司马', 0.1],
];

const GIVEN = {
  // born before about 1965
  older: {
    male: ['建国', '国庆', '建华', '志刚', '宝山', '长林', '德福', '玉林', '凤山', '振华', '春生', '树林', '永贵', '连生', '洪岩', '殿臣', '庆祥', '福成', '广仁', '文祥', '铁军', '世昌', '有才', '金山', '明远'],
    female: ['桂兰', '秀英', '淑芬', '玉珍', '凤琴', '素梅', '秀兰', '桂芝', '丽华', '淑珍', '玉兰', '秀珍', '凤霞', '桂荣', '淑琴', '春花', '玉芹', '亚琴', '素华', '金凤'],
  },
  middle: {
    male: ['海涛', '志强', '立军', '晓东', '国辉', '春雷', '宏伟', '建军', '永刚', '德胜', '长青', '卫东', '红军', '庆丰', '景龙', '东旭', '伟', '军', '强', '刚', '勇', '峰'],
    female: ['丽娟', '晓燕', '海燕', '红梅', '艳华', '丽萍', '春艳', '玉梅', '秀云', '雪梅', '淑媛', '艳', '丽', '红', '静', '敏', '霞', '萍'],
  },
  younger: {
    male: ['浩', '鹏', '宇', '磊', '俊杰', '文博', '子豪', '博文', '天宇', '晨阳', '明轩', '嘉伟', '一鸣', '思远', '凯', '鑫', '超', '帅'],
    female: ['婷', '雪', '欣怡', '佳琪', '梦瑶', '雨涵', '思琪', '晓彤', '诗雨', '嘉欣', '丹', '颖', '楠', '璐', '悦', '月'],
  },
};

/** Names in the style of the province's Korean minority (朝鲜族), a small share. */
const KOREAN = {
  surnames: ['金', '朴', '崔', '李', '郑', '姜'],
  male: ['哲洙', '成浩', '永吉', '光日', '正男', '昌洙'],
  female: ['英爱', '顺姬', '贞淑', '美玉', '善花', '春子'],
};

const WEIGHTS_MOD11 = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function checkCharacter(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += WEIGHTS_MOD11[i] * Number(first17[i]);
  return CHECK[sum % 11];
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

/** A resident ID number with a real birth date, the sex digit matching and a valid check character. */
export function residentId(r, { birthYear, sex, areaCode }) {
  const area = areaCode ?? r.weighted(CHANGCHUN_AREA_CODES);
  const month = r.int(1, 12);
  const days = new Date(Date.UTC(birthYear, month, 0)).getUTCDate();
  const day = r.int(1, days);
  // 3-digit sequence; its last digit is odd for men, even for women.
  let seq = r.int(0, 99) * 10 + (sex === 'male' ? r.pick([1, 3, 5, 7, 9]) : r.pick([0, 2, 4, 6, 8]));
  if (seq === 0) seq = 2;
  const first17 = `${area}${birthYear}${pad(month)}${pad(day)}${pad(seq, 3)}`;
  return first17 + checkCharacter(first17);
}

/** Mobile numbers with a 0000 block, a landline in 0431 (长春) starting 8000: reserved-looking. */
export function phoneNumber(r, { landline = false } = {}) {
  if (landline) return `0431-8000${pad(r.int(0, 9999), 4)}`;
  const prefix = r.pick(['130', '131', '132', '135', '136', '138', '139', '150', '151', '155', '158', '177', '186', '187', '189']);
  const number = `${prefix}0000${pad(r.int(0, 9999), 4)}`;
  // Clerks type numbers as they hear them: now and then with spaces.
  return r.chance(0.06) ? `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}` : number;
}

export function personName(r, { birthYear, sex }) {
  if (r.chance(0.03)) {
    return r.pick(KOREAN.surnames) + r.pick(sex === 'male' ? KOREAN.male : KOREAN.female);
  }
  const era = birthYear < 1965 ? 'older' : birthYear < 1983 ? 'middle' : 'younger';
  return r.weighted(SURNAMES) + r.pick(GIVEN[era][sex]);
}

const VILLAGE_WORDS = ['永丰', '兴隆', '太平', '长岭', '新立', '双胜', '富民', '德胜', '三合', '前进', '丰收', '东升', '联合', '合兴', '宝山', '五星', '兴华', '新民', '团山', '腰屯', '榆树沟', '八家子', '四间房', '靠山', '红石'];
const COMMUNITY_HEADS = ['锦绣', '和顺', '春晖', '瑞景', '福泽', '嘉禾', '翠湖', '丽水', '鸿运', '金桂', '康宁', '润泽', '紫荆', '安泰', '馨悦', '怡和'];
const COMMUNITY_TAILS = ['家园', '花园', '小区', '嘉园', '华庭', '新城', '雅苑', '名居'];
const FIRM_CHARS = ['鑫', '瑞', '恒', '达', '宏', '盛', '泰', '隆', '禾', '丰', '昌', '裕', '兴', '诚', '远', '通', '嘉', '润', '锦', '晟', '祥', '顺'];
const ROAD_HEADS = ['春和', '瑞丰', '兴业', '长青', '锦程', '富源', '永安', '安达', '育才', '松苑', '柳荫', '和乐'];

export function village(r) {
  return `${r.pick(VILLAGE_WORDS)}村`;
}

export function community(r) {
  return `${r.pick(COMMUNITY_HEADS)}${r.pick(COMMUNITY_TAILS)}`;
}

export function road(r) {
  return `${r.pick(ROAD_HEADS)}${r.pick(['路', '街', '大街', '路'])}`;
}

function firmName(r) {
  const a = r.pick(FIRM_CHARS);
  let b = r.pick(FIRM_CHARS);
  while (b === a) b = r.pick(FIRM_CHARS);
  return a + b;
}

/** A fictional company: `长春市鑫泰建筑工程有限公司`. */
export function company(r, trade) {
  const t = trade ?? r.pick(['建筑工程', '机械制造', '食品加工', '汽车零部件', '物流', '商贸', '装饰工程', '塑料制品', '包装材料', '混凝土']);
  return `长春${r.chance(0.5) ? '市' : ''}${firmName(r)}${t}有限公司`;
}

/** A former district-owned factory, for restructuring and laid-off workers' cases. */
export function oldFactory(r) {
  return `原区属${firmName(r).slice(0, 1)}${r.pick(['光', '华', '新', '红'])}${r.pick(['机械厂', '橡胶厂', '纺织厂', '食品厂', '电器厂', '木材加工厂', '砖厂'])}`;
}

export function project(r, kind) {
  return `${r.pick(COMMUNITY_HEADS)}${kind ?? r.pick(['棚户区改造', '道路拓宽', '物流园', '产业园'])}项目`;
}

export function school(r) {
  return `绿园区${r.pick(['育才', '春晖', '新华', '明德', '启智', '博学'])}${r.pick(['小学', '小学', '中学', '实验学校'])}`;
}

export function hospital(r, area) {
  return area.kind === 'town' && r.chance(0.5) ? `${area.name}卫生院` : `长春${r.pick(['瑞康', '仁和', '康泰', '济民', '安和'])}医院`;
}

/** Where a person of `area` lives; `place` fixes the village or community for a group. */
export function address(r, area, place) {
  const base = '吉林省长春市绿园区';
  if (area.kind === 'town') {
    return `${base}${area.name}${place ?? village(r)}${r.int(1, 9)}组${r.chance(0.5) ? `${r.int(1, 120)}号` : ''}`;
  }
  if (area.kind === 'subdistrict' || r.chance(0.6)) {
    return `${base}${area.name}${place ?? community(r)}${r.int(1, 32)}栋${r.int(1, 6)}单元${r.int(1, 18)}0${r.int(1, 4)}室`;
  }
  return `${base}${area.name}${road(r)}${r.int(1, 999)}号`;
}
