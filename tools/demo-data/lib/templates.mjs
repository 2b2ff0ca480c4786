// Petition templates, several per first-level class of the complaint taxonomy. Each names the
// taxonomy leaf its words belong to (level1/level2/level3, resolved to an id at start-up), the
// item class, where such matters arise (rural towns or urban sub-districts), how often they come
// as a group, who brings them (birth years) and how often a threat of extreme action is heard.
// subject(c)/body(c) write the text from the petition's context `c` (see petitions.mjs).
//
// Every company, village, estate, project and person is fictional.

import { company, hospital, oldFactory, project, road, school } from './identity.mjs';

const heatingSeason = (month) => month >= 10 || month <= 4;

/** @type {Array<Record<string, any>>} */
export const TEMPLATES = [
  // ── 城乡建设 ────────────────────────────────────────────────────────────────
  {
    key: 'heating-cold',
    cat: ['城乡建设', '城市建设和市政管理', '冬季采暖'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    season: heatingSeason,
    channels: { phone: 3, online: 2 },
    collective: 0.08,
    ages: [1945, 1995],
    prepare: (c) => ({ temp: c.r.int(11, 15), heatCo: company(c.r, '热力') }),
    subject: (c) => `${c.place}供暖温度不达标`,
    body: (c, v) =>
      `${c.lead}反映，其居住的${c.area.name}${c.place}${c.r.int(1, 30)}栋自今年开栓供暖以来，室内温度一直只有${v.temp}℃左右，低于18℃的供热标准。` +
      `已多次拨打${v.heatCo}客服电话，对方称"正在调试管网"，但至今没有改善。家中有老人和小孩，请求督促供热单位尽快入户测温并解决。`,
  },
  {
    key: 'property-fee',
    cat: ['城乡建设', '住房保障与房地产', '物业服务'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    collective: 0.2,
    people: [5, 25],
    ages: [1950, 1995],
    prepare: (c) => ({ pm: company(c.r, '物业服务'), from: (c.r.int(10, 16) / 10).toFixed(2), to: (c.r.int(17, 26) / 10).toFixed(2) }),
    subject: (c, v) => `${c.place}物业擅自上调物业费、服务不到位`,
    body: (c, v) =>
      `${c.lead}反映，${c.area.name}${c.place}由${v.pm}管理。该公司未经业主大会同意，自${c.monthAgo(2)}起将物业费从每平方米${v.from}元上调至${v.to}元，` +
      `同时小区垃圾清运不及时、楼道照明长期损坏、单元门禁无人维修。业主拒交上调部分后，物业以停止刷卡开门相威胁。请求主管部门调查物业费调价是否合规，督促物业履行合同。`,
  },
  {
    key: 'resettlement-overdue',
    cat: ['城乡建设', '国有土地上房屋征收与补偿', '回迁房'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    collective: 0.45,
    people: [6, 40],
    threat: 0.08,
    ages: [1942, 1985],
    prepare: (c) => {
      const k = c.r.int(1, 2); // due at the end of the year before last, or of last year
      return { proj: project(c.r, '棚户区改造'), due: c.yearsAgo(k), late: 12 * (k - 1) + c.month, fee: c.r.amount(600, 1500, 50) };
    },
    subject: (c, v) => `${v.proj}回迁房逾期${v.late}个月未交付`,
    body: (c, v) =>
      `${c.lead}反映，${v.due - 2}年其原住房所在地块纳入${v.proj}，按征收补偿协议应于${v.due}年底回迁，现已逾期${v.late}个月，楼体仍未完工。` +
      `过渡期临时安置费每月${v.fee}元自${c.monthAgo(4)}起停发，部分老人只能借住亲属家。请求区里明确回迁时间，补发临时安置费。`,
  },
  {
    key: 'illegal-extension',
    cat: ['城乡建设', '城乡规划', '违章建筑'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    channels: { online: 2, phone: 2 },
    collective: 0.05,
    ages: [1950, 1995],
    subject: (c) => `${c.place}一楼住户私建门市房`,
    body: (c) =>
      `${c.lead}反映，${c.area.name}${c.place}${c.r.int(1, 20)}栋一楼住户从${c.monthAgo(1)}开始拆除外墙、向外扩建约${c.r.int(15, 60)}平方米门市房，` +
      `占用了小区消防通道和绿地，施工噪音也很大。已向社区和物业反映，对方称无执法权。请求城管执法部门依法查处，恢复原状。`,
  },
  {
    key: 'contractor-arrears',
    cat: ['城乡建设', '建筑市场', '拖欠工程款'],
    itemClass: 'appeal',
    kinds: ['development_zone', 'industrial_zone', 'subdistrict'],
    collective: 0.15,
    people: [5, 15],
    threat: 0.06,
    ages: [1960, 1990],
    prepare: (c) => ({ gc: company(c.r, '建筑工程'), proj: project(c.r, c.r.pick(['商住楼', '厂房', '综合楼'])), amt: c.money(180000, 2600000, 1000) }),
    subject: (c, v) => `${v.gc}拖欠分包工程款${v.amt}`,
    body: (c, v) =>
      `${c.lead}反映，其以劳务分包方式承接${v.gc}总包的${v.proj}部分工程，工程已于${c.yearsAgo(1)}年竣工验收，经双方结算尚欠工程款${v.amt}。` +
      `总包方以"建设单位未付款"为由一直拖延，其垫付的材料款和工人工资无法支付。请求住建部门协调督促总包单位支付工程款。`,
  },
  {
    key: 'title-deed',
    cat: ['城乡建设', '住房保障与房地产', '房产证登记、办理'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    collective: 0.35,
    people: [5, 30],
    ages: [1950, 1990],
    prepare: (c) => ({ dev: company(c.r, '房地产开发'), households: c.r.int(120, 680) }),
    subject: (c) => `${c.place}业主购房多年无法办理不动产权证`,
    body: (c, v) =>
      `${c.lead}反映，其于${c.yearsAgo(c.r.int(5, 9))}年购买${v.dev}开发的${c.place}商品房，已全额付款入住多年，但因开发商欠缴土地出让金、未办理竣工验收备案，` +
      `小区${v.households}户业主至今办不了不动产权证，孩子上学落户都受影响。请求有关部门督促开发企业补办手续，为业主办证。`,
  },
  {
    key: 'collective-demolition',
    cat: ['城乡建设', '集体土地上房屋拆迁与补偿', '安置补偿'],
    itemClass: 'appeal',
    kinds: ['town'],
    collective: 0.3,
    people: [5, 35],
    threat: 0.1,
    ages: [1942, 1980],
    prepare: (c) => ({ proj: project(c.r, c.r.pick(['物流园', '产业园', '道路拓宽'])), area: c.r.int(80, 260), offer: c.money(90000, 380000, 1000) }),
    subject: (c, v) => `${c.place}${v.proj}房屋拆迁补偿标准过低`,
    body: (c, v) =>
      `${c.lead}反映，${v.proj}需拆除${c.area.name}${c.place}部分农房。其家有正房及附属房约${v.area}平方米，评估公司只给补偿${v.offer}，` +
      `评估时未入户丈量、附属物和院内果树未计入，与相邻地块补偿标准相差较大。请求公开评估依据和补偿标准，重新评估。`,
  },

  // ── 劳动和社会保障 ──────────────────────────────────────────────────────────
  {
    key: 'wage-arrears',
    cat: ['劳动和社会保障', '工资福利', '工资发放'],
    itemClass: 'appeal',
    kinds: ['industrial_zone', 'development_zone', 'subdistrict', 'town'],
    weight: 3,
    collective: 0.4,
    people: [5, 40],
    threat: 0.12,
    ages: [1965, 2000],
    prepare: (c) => ({ co: company(c.r), months: c.r.int(2, 8), workers: c.r.int(6, 60) }),
    subject: (c, v) => `${v.co}拖欠${v.workers}名工人${v.months}个月工资`,
    body: (c, v) =>
      `${c.lead}反映，${v.co}位于${c.area.name}，自${c.monthAgo(v.months)}起拖欠${v.workers}名工人工资，合计约${c.money(v.workers * 9000, v.workers * 32000, 100)}。` +
      `工人多次找老板讨要，老板称资金周转困难，现已联系不上。请求劳动保障监察部门介入，责令企业支付拖欠的工资。`,
  },
  {
    key: 'pension-late',
    cat: ['劳动和社会保障', '退休政策及待遇', '退休金发放'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'town', 'development_zone'],
    collective: 0.15,
    people: [5, 20],
    ages: [1940, 1963],
    prepare: (c) => ({ factory: oldFactory(c.r), amt: c.r.amount(1800, 3600, 10) }),
    subject: (c, v) => `${v.factory}退休职工养老金未按时足额发放`,
    body: (c, v) =>
      `${c.lead}反映，其系${v.factory}退休职工，每月养老金${v.amt}元。${c.monthAgo(3)}以来养老金多次推迟发放，且今年的调整部分至今未补发。` +
      `到社保经办机构咨询，答复是原单位欠缴统筹费用造成的。请求核实并按时足额发放。`,
  },
  {
    key: 'no-pension-insurance',
    cat: ['劳动和社会保障', '城镇职工社会保险', '职工养老保险'],
    itemClass: 'appeal',
    kinds: ['industrial_zone', 'development_zone', 'subdistrict'],
    collective: 0.1,
    people: [5, 12],
    ages: [1962, 1972],
    prepare: (c) => ({ co: company(c.r), years: c.r.int(4, 12) }),
    subject: (c, v) => `${v.co}未缴养老保险导致无法办理退休`,
    body: (c, v) =>
      `${c.lead}反映，其在${v.co}工作${v.years + c.r.int(2, 8)}年，企业有${v.years}年未给其缴纳养老保险费，现已到法定退休年龄，因缴费年限不足无法办理退休手续。` +
      `企业称当时双方口头约定"不上保险多发工资"，拒绝补缴。请求社保部门责令企业补缴。`,
  },
  {
    key: 'dismissal-compensation',
    cat: ['劳动和社会保障', '劳动关系', '辞职辞退'],
    itemClass: 'appeal',
    kinds: ['industrial_zone', 'development_zone', 'subdistrict'],
    channels: { online: 2 },
    ages: [1970, 2000],
    prepare: (c) => ({ co: company(c.r), years: c.r.int(2, 11) }),
    subject: (c, v) => `被${v.co}辞退未获经济补偿`,
    body: (c, v) =>
      `${c.lead}反映，其在${v.co}工作${v.years}年，${c.dateBefore(c.r.int(20, 90))}公司以"业务调整"为由口头通知其不用再来上班，没有出具解除劳动合同证明，也不支付经济补偿。` +
      `请求协调公司依法支付经济补偿金并出具离职证明。`,
  },
  {
    key: 'work-injury',
    cat: ['劳动和社会保障', '城镇职工社会保险', '职工工伤保险'],
    itemClass: 'appeal',
    kinds: ['industrial_zone', 'development_zone', 'town'],
    threat: 0.05,
    ages: [1965, 1998],
    prepare: (c) => ({ co: company(c.r), grade: c.r.pick(['七', '八', '九', '十']) }),
    subject: (c, v) => `工伤认定后${v.co}拒不支付工伤待遇`,
    body: (c, v) =>
      `${c.lead}反映，其${c.yearsAgo(1)}年在${v.co}车间作业时右手被设备挤伤，已被认定为工伤、劳动能力鉴定为${v.grade}级伤残。` +
      `因企业未参加工伤保险，应由企业支付一次性伤残补助金等待遇，但企业至今拒不支付，仅垫付了部分医药费。请求督促企业依法支付工伤待遇。`,
  },

  // ── 国土资源 ────────────────────────────────────────────────────────────────
  {
    key: 'requisition-compensation',
    cat: ['国土资源', '土地征收', '安置补偿'],
    itemClass: 'appeal',
    kinds: ['town'],
    weight: 2,
    collective: 0.45,
    people: [5, 40],
    threat: 0.08,
    ages: [1942, 1980],
    prepare: (c) => ({ proj: project(c.r, c.r.pick(['物流园', '产业园', '道路拓宽'])), mu: c.r.int(30, 420), price: c.r.amount(28000, 52000, 500) }),
    subject: (c, v) => `${c.place}${v.proj}征地补偿款未足额发放`,
    body: (c, v) =>
      `${c.lead}反映，${c.yearsAgo(2)}年区里为建设${v.proj}征收${c.area.name}${c.place}耕地${v.mu}亩，按协议每亩补偿${v.price}元，` +
      `但村民至今只领到约六成，剩余约${c.money(v.mu * v.price * 0.3, v.mu * v.price * 0.4, 1000)}不知去向，村委会也不公开补偿款使用明细。请求核查征地补偿款发放情况，把补偿款足额发放到户。`,
  },
  {
    key: 'landless-pension',
    cat: ['国土资源', '土地征收', '失地农民保障'],
    itemClass: 'appeal',
    kinds: ['town'],
    collective: 0.25,
    people: [5, 20],
    ages: [1945, 1970],
    subject: (c) => `${c.place}被征地农民养老保障未落实`,
    body: (c) =>
      `${c.lead}反映，其家承包地在${c.yearsAgo(c.r.int(3, 8))}年被全部征收，按政策应纳入被征地农民养老保障，但因"名单未报"至今没有办理。` +
      `同组还有多户情况相同，已失去土地收入，生活困难。请求核实并落实被征地农民社会保障。`,
  },
  {
    key: 'land-boundary',
    cat: ['国土资源', '土地资源管理', '土地权属纠纷'],
    itemClass: 'appeal',
    kinds: ['town'],
    collective: 0.15,
    people: [5, 15],
    ages: [1950, 1985],
    prepare: (c) => ({ other: c.village() }),
    subject: (c, v) => `${c.place}与${v.other}土地界址纠纷`,
    body: (c, v) =>
      `${c.lead}反映，${c.place}与相邻的${v.other}因一块约${c.r.int(20, 120)}亩的土地权属长期存在争议，今年春耕时${v.other}村民抢种，双方发生推搡。` +
      `${c.area.name}曾组织调解但没有结果。请求依据确权资料明确权属，防止矛盾激化。`,
  },
  {
    key: 'farmland-occupied',
    cat: ['国土资源', '土地资源管理', '耕地保护'],
    itemClass: 'accusation',
    kinds: ['town'],
    anonymous: 0.3,
    channels: { letter: 2, online: 2 },
    ages: [1950, 1990],
    subject: (c) => `${c.place}耕地被违法占用建厂房`,
    body: (c) =>
      `${c.lead}反映，${c.area.name}${c.place}村北有约${c.r.int(8, 40)}亩基本农田，${c.monthAgo(2)}起被人用铁皮围挡圈占，正在浇筑地基建厂房，` +
      `没有看到任何审批公示。请求自然资源部门现场核查，依法制止违法占地。`,
  },

  // ── 农村农业 ────────────────────────────────────────────────────────────────
  {
    key: 'contract-land-taken',
    cat: ['农村农业', '土地承包经营', '土地承包'],
    itemClass: 'appeal',
    kinds: ['town'],
    collective: 0.15,
    people: [5, 18],
    ages: [1945, 1985],
    prepare: (c) => ({ mu: c.r.int(3, 18) }),
    subject: (c, v) => `${c.place}二轮承包地被村里收回另行发包`,
    body: (c, v) =>
      `${c.lead}反映，其家在二轮土地延包时承包了${v.mu}亩耕地，有承包合同和经营权证。${c.yearsAgo(1)}年村委会以"统一规划"为由收回，另行发包给外村大户，` +
      `只给了一年的补偿。请求确认其土地承包经营权，返还承包地。`,
  },
  {
    key: 'rent-arrears',
    cat: ['农村农业', '土地承包经营', '土地流转'],
    itemClass: 'appeal',
    kinds: ['town'],
    weight: 2,
    collective: 0.45,
    people: [5, 40],
    threat: 0.05,
    ages: [1945, 1985],
    prepare: (c) => ({ co: company(c.r, c.r.pick(['农业科技', '种植专业合作社', '生态农业'])).replace('合作社有限公司', '合作社'), mu: c.r.int(200, 1800), fee: c.r.amount(500, 900, 50) }),
    subject: (c, v) => `${v.co}拖欠${c.place}土地流转费`,
    body: (c, v) =>
      `${c.lead}反映，${v.co}流转${c.area.name}${c.place}${v.mu}亩土地，约定每亩每年${v.fee}元，每年秋收后支付。${c.yearsAgo(1)}年度的流转费至今未付，` +
      `合计约${c.money(v.mu * v.fee * 0.9, v.mu * v.fee, 100)}，公司负责人已很少露面。村民担心今年的也要不回来，请求镇政府协调解决。`,
  },
  {
    key: 'village-finance',
    cat: ['农村农业', '村务管理', '集体财务公开'],
    itemClass: 'accusation',
    kinds: ['town'],
    anonymous: 0.25,
    collective: 0.1,
    people: [5, 12],
    ages: [1945, 1985],
    subject: (c) => `${c.place}村务财务长期不公开`,
    body: (c) =>
      `${c.lead}反映，${c.area.name}${c.place}近${c.r.int(2, 4)}年没有按规定公开村集体收支，集体鱼塘和机动地的承包费收入去向不明，村民多次要求查账被拒。` +
      `请求镇经管站对村集体账目进行审计并向村民公开。`,
  },
  {
    key: 'farm-subsidy',
    cat: ['农村农业', '惠农补贴', '粮食直补'],
    itemClass: 'appeal',
    kinds: ['town'],
    channels: { phone: 2 },
    ages: [1945, 1980],
    prepare: (c) => ({ mu: c.r.int(4, 30) }),
    subject: (c) => `${c.place}耕地地力保护补贴未发到户`,
    body: (c, v) =>
      `${c.lead}反映，其家在${c.place}有承包地${v.mu}亩，今年的耕地地力保护补贴别人家都已到账，其"一卡通"却一直没有收到。村会计说可能是面积核实时漏报了。` +
      `请求核实补贴面积并补发。`,
  },
  {
    key: 'homestead',
    cat: ['农村农业', '土地承包经营', '宅基地纠纷'],
    itemClass: 'appeal',
    kinds: ['town'],
    ages: [1945, 1990],
    subject: (c) => `与邻居宅基地界限纠纷`,
    body: (c) =>
      `${c.lead}反映，其与${c.place}邻居因宅基地东侧界限发生纠纷，邻居翻建房屋时将院墙向其一侧移了约${c.r.int(40, 150)}厘米，双方多次争吵，` +
      `村调委会调解未成。请求依据宅基地使用权证重新测量确界。`,
  },

  // ── 经济管理 ────────────────────────────────────────────────────────────────
  {
    key: 'restructuring',
    cat: ['经济管理', '国资监管', '企业改制'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'industrial_zone'],
    weight: 2,
    collective: 0.5,
    people: [6, 40],
    threat: 0.04,
    ages: [1945, 1968],
    prepare: (c) => ({ factory: oldFactory(c.r), year: c.r.int(2003, 2009), amt: c.r.amount(6000, 26000, 100) }),
    subject: (c, v) => `${v.factory}改制职工身份置换补偿金未兑现`,
    body: (c, v) =>
      `${c.lead}反映，${v.factory}于${v.year}年改制，当时承诺按工龄给职工发放身份置换经济补偿，每人平均约${v.amt}元，并为职工续缴养老保险。` +
      `改制后接收企业只发了一部分，之后经营不善停产，剩余补偿至今未兑现，不少老职工已年过六十。请求区国资部门落实改制方案中的职工安置承诺。`,
  },
  {
    key: 'illegal-fundraising',
    cat: ['经济管理', '金融财税', '集资融资'],
    itemClass: 'accusation',
    kinds: ['subdistrict', 'development_zone', 'town'],
    collective: 0.4,
    people: [6, 40],
    threat: 0.1,
    ages: [1942, 1975],
    prepare: (c) => ({ co: company(c.r, c.r.pick(['投资咨询', '养老服务', '农业科技'])), rate: c.r.int(12, 24) }),
    subject: (c, v) => `${v.co}以高息为诱饵吸收资金无法兑付`,
    body: (c, v) =>
      `${c.lead}反映，${v.co}在${c.area.name}租用门市，以"养老理财""年息${v.rate}%"为名向周边居民吸收资金，还组织免费旅游、发放鸡蛋吸引老年人。` +
      `${c.monthAgo(2)}起停止付息，门店关闭，其本人投入${c.money(30000, 400000, 1000)}无法取回，据了解受损群众有上百人。请求公安机关立案侦查、追赃挽损。`,
  },
  {
    key: 'bankruptcy-settlement',
    cat: ['经济管理', '企业破产', '依法破产'],
    itemClass: 'appeal',
    kinds: ['industrial_zone', 'subdistrict'],
    collective: 0.35,
    people: [5, 30],
    ages: [1955, 1980],
    prepare: (c) => ({ co: company(c.r, c.r.pick(['机械制造', '汽车零部件', '塑料制品'])) }),
    subject: (c, v) => `${v.co}破产清算中职工债权未清偿`,
    body: (c, v) =>
      `${c.lead}反映，${v.co}已进入破产程序，职工被拖欠的工资和经济补偿金已经申报为职工债权，但管理人称资产变现后要先清偿抵押债权，` +
      `职工债权何时清偿没有说法。请求有关部门督促管理人依法优先清偿职工债权并公开资产处置进度。`,
  },

  // ── 政法 ────────────────────────────────────────────────────────────────────
  {
    key: 'judgment-enforcement',
    cat: ['政法', '仲裁与调解', '生效法律文书执行'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'town', 'development_zone'],
    weight: 2,
    threat: 0.05,
    ages: [1950, 1990],
    prepare: (c) => ({ amt: c.money(30000, 860000, 1000) }),
    subject: (c, v) => `民事判决生效多年执行款${v.amt}未到位`,
    body: (c, v) =>
      `${c.lead}反映，其与他人民间借贷纠纷一案，法院于${c.yearsAgo(c.r.int(2, 5))}年判决对方偿还借款本金及利息共计${v.amt}，判决生效后其申请强制执行，` +
      `法院以"被执行人无可供执行财产"为由终结本次执行程序，但其发现被执行人仍在经营饭店、开新车。请求督促法院恢复执行。`,
  },
  {
    key: 'assault-handling',
    cat: ['政法', '社会治安', '治安案件'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'town'],
    ages: [1955, 1995],
    subject: (c) => `被邻居殴打后派出所处理不公`,
    body: (c) =>
      `${c.lead}反映，${c.dateBefore(c.r.int(10, 50))}其与邻居因停车问题发生争执，被对方打伤，经鉴定为轻微伤。派出所出警后仅对双方进行调解，` +
      `对方至今未赔偿医药费${c.money(1500, 9000, 10)}，也未受到处罚。请求公安机关依法处理。`,
  },
  {
    key: 'traffic-accident',
    cat: ['政法', '交通管理', '交通事故'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'town', 'development_zone'],
    ages: [1950, 1995],
    subject: () => `交通事故赔偿长期得不到解决`,
    body: (c) =>
      `${c.lead}反映，其家属${c.yearsAgo(1)}年在${road(c.r)}被一辆货车撞伤，交警认定对方负主要责任。肇事车辆仅投保交强险，车主称无力赔偿，` +
      `医疗费和后续治疗费已超过${c.money(80000, 260000, 1000)}。请求有关部门协调赔偿，并告知申请道路交通事故社会救助基金的途径。`,
  },
  {
    key: 'hukou',
    cat: ['政法', '户籍证件', '户籍管理'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    channels: { online: 2, phone: 2 },
    ages: [1975, 1998],
    subject: () => `子女落户手续办理受阻`,
    body: (c) =>
      `${c.lead}反映，其在${c.area.name}购房并取得不动产权证，按政策可将子女户口迁入，但到派出所办理时被告知还需原籍开具"无犯罪记录"等多项证明，` +
      `往返多次仍未办成，影响孩子入学。请求明确所需材料并尽快办理。`,
  },
  {
    key: 'legal-aid',
    cat: ['政法', '法律服务', '法律援助'],
    itemClass: 'appeal',
    kinds: ['town', 'subdistrict'],
    ages: [1945, 1990],
    subject: () => `申请法律援助未获答复`,
    body: (c) =>
      `${c.lead}反映，其为城乡低保对象，因赡养纠纷准备起诉子女，${c.dateBefore(c.r.int(20, 45))}向区法律援助中心提交了申请，至今没有收到是否给予援助的答复。` +
      `请求尽快审查并指派律师。`,
  },

  // ── 民政 ────────────────────────────────────────────────────────────────────
  {
    key: 'urban-dibao',
    cat: ['民政', '社会救助', '城镇低保'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    ages: [1945, 1985],
    subject: () => `城镇最低生活保障被停发`,
    body: (c) =>
      `${c.lead}反映，其本人患慢性病无劳动能力，一直享受城镇低保。${c.monthAgo(2)}社区复核时以"家中有车辆"为由停发了低保金，` +
      `但该车辆系其子名下、且其子已分户另住。请求重新核查家庭经济状况，恢复低保。`,
  },
  {
    key: 'rural-dibao',
    cat: ['民政', '社会救助', '农村低保'],
    itemClass: 'appeal',
    kinds: ['town'],
    ages: [1942, 1980],
    subject: (c) => `${c.place}农村低保评定不公`,
    body: (c) =>
      `${c.lead}反映，其家中二人均为残疾人，无稳定收入，连续两年申请农村低保都未通过，而村里个别经济条件较好的村干部亲属却享受低保。` +
      `请求镇政府重新评议并公示低保名单。`,
  },
  {
    key: 'veteran',
    cat: ['民政', '优抚', '老退役军人待遇'],
    itemClass: 'appeal',
    kinds: ['any'],
    collective: 0.2,
    people: [5, 20],
    ages: [1940, 1960],
    subject: () => `退役军人优抚待遇未落实`,
    body: (c) =>
      `${c.lead}反映，其系${c.r.int(1958, 1978)}年入伍的退役军人，按政策应享受定期生活补助，但因档案中入伍时间记载不一致，区里一直未给认定。` +
      `请求调阅档案核实，落实相应待遇。`,
  },
  {
    key: 'cemetery-fee',
    cat: ['民政', '社会服务', '殡葬管理'],
    itemClass: 'appeal',
    kinds: ['any'],
    channels: { phone: 2, online: 2 },
    ages: [1950, 1990],
    subject: () => `经营性公墓收取高额管理费`,
    body: (c) =>
      `${c.lead}反映，其家人安葬在区内一处经营性公墓，购墓时已一次性交了20年管理费，今年公墓又要求补交"维护费"${c.money(800, 3000, 100)}，` +
      `否则不让祭扫。请求民政部门核查收费是否合规。`,
  },
  {
    key: 'village-election',
    cat: ['民政', '基层选举和社区建设', '村委会选举'],
    itemClass: 'accusation',
    kinds: ['town'],
    collective: 0.3,
    people: [5, 25],
    ages: [1945, 1985],
    subject: (c) => `${c.place}村委会换届选举程序违规`,
    body: (c) =>
      `${c.lead}反映，${c.place}村委会换届选举中，选民登记遗漏了在外务工人员，投票时流动票箱无人监督，有人代写选票。` +
      `选举结果公布后村民向镇里反映，至今没有答复。请求依法调查，必要时重新选举。`,
  },

  // ── 环境保护 ────────────────────────────────────────────────────────────────
  {
    key: 'night-noise',
    cat: ['环境保护', '环境污染', '噪音污染'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    channels: { phone: 3, online: 2 },
    collective: 0.05,
    ages: [1950, 1998],
    prepare: (c) => ({ co: company(c.r) }),
    subject: (c, v) => `${v.co}夜间生产噪音扰民`,
    body: (c, v) =>
      `${c.lead}反映，${c.area.name}${c.place}旁的${v.co}每天晚上10点到凌晨2点持续生产，设备噪音和货车进出声音很大，周边居民无法休息。` +
      `已多次拨打热线，白天检查时企业停机，晚上照常生产。请求生态环境部门夜间执法检测。`,
  },
  {
    key: 'odour',
    cat: ['环境保护', '环境污染', '大气污染'],
    itemClass: 'appeal',
    kinds: ['industrial_zone', 'development_zone', 'town'],
    collective: 0.15,
    people: [5, 20],
    ages: [1950, 1995],
    prepare: (c) => ({ co: company(c.r, c.r.pick(['塑料制品', '包装材料', '化工'])) }),
    subject: (c, v) => `${v.co}排放刺鼻异味`,
    body: (c, v) =>
      `${c.lead}反映，${c.area.name}的${v.co}近期经常在傍晚和夜间排放刺鼻气味，附近${c.place}居民开窗就能闻到，有老人孩子出现咳嗽、头晕。` +
      `请求对该企业废气排放进行监测，查处违法排污。`,
  },
  {
    key: 'river-sewage',
    cat: ['环境保护', '环境污染', '水污染'],
    itemClass: 'appeal',
    kinds: ['town', 'industrial_zone'],
    ages: [1950, 1990],
    subject: (c) => `${c.place}附近河道被排入污水`,
    body: (c) =>
      `${c.lead}反映，${c.area.name}${c.place}东侧的排水沟近一个月来经常排出发黑发臭的污水，流入下游河道，河边出现死鱼，村民担心影响灌溉和地下水。` +
      `怀疑是上游一家养殖场或加工厂偷排。请求查明排污来源并依法处理。`,
  },
  {
    key: 'build-before-approval',
    cat: ['环境保护', '建设项目审批', '未批先建'],
    itemClass: 'accusation',
    kinds: ['subdistrict', 'development_zone', 'industrial_zone'],
    channels: { online: 3 },
    anonymous: 0.2,
    ages: [1960, 1998],
    prepare: (c) => ({ proj: project(c.r, c.r.pick(['沥青搅拌站', '垃圾转运站', '混凝土搅拌站'])) }),
    subject: (c, v) => `${v.proj}未批先建`,
    body: (c, v) =>
      `${c.lead}反映，在${c.area.name}${c.place}以北约300米处正在建设${v.proj}，距离居民楼很近，现场未见环评公示，也没有征求周边居民意见。` +
      `请求核实该项目是否依法取得环评审批，未批的应当责令停止建设。`,
  },

  // ── 卫生计生 ────────────────────────────────────────────────────────────────
  {
    key: 'medical-dispute',
    cat: ['卫生计生', '医患纠纷', '医疗事故争议'],
    itemClass: 'appeal',
    kinds: ['any'],
    weight: 2,
    collective: 0.1,
    people: [5, 12],
    threat: 0.12,
    ages: [1950, 1995],
    prepare: (c) => ({ hosp: hospital(c.r, c.area) }),
    subject: (c, v) => `在${v.hosp}手术后出现严重并发症`,
    body: (c, v) =>
      `${c.lead}反映，其家属${c.monthAgo(3)}在${v.hosp}做${c.r.pick(['胆囊切除', '腰椎', '膝关节置换', '阑尾切除'])}手术，术后出现严重并发症转院治疗，花费${c.money(60000, 320000, 1000)}。` +
      `家属认为医院术前检查不充分、术后观察不及时，医院只同意象征性补偿。请求组织医疗事故技术鉴定或人民调解，依法赔偿。`,
  },
  {
    key: 'only-child-award',
    cat: ['卫生计生', '人口计生', '独生子女父母奖励政策'],
    itemClass: 'appeal',
    kinds: ['any'],
    collective: 0.15,
    people: [5, 20],
    ages: [1948, 1964],
    prepare: (c) => ({ factory: oldFactory(c.r) }),
    subject: () => `企业退休人员独生子女父母奖励费未兑现`,
    body: (c, v) =>
      `${c.lead}反映，其系${v.factory}职工，退休时领取了《独生子女父母光荣证》，按规定应一次性发放独生子女父母奖励费，但原单位已改制、无人负责。` +
      `请求明确发放主体并兑现奖励。`,
  },
  {
    key: 'lost-only-child',
    cat: ['卫生计生', '人口计生', '失独家庭'],
    itemClass: 'appeal',
    kinds: ['any'],
    collective: 0.25,
    people: [5, 20],
    ages: [1948, 1966],
    subject: () => `失独家庭特别扶助金及养老问题`,
    body: (c) =>
      `${c.lead}反映，其独生子女于${c.yearsAgo(c.r.int(3, 12))}年因病去世，夫妻二人年老多病，现每月领取的特别扶助金难以维持生活。` +
      `请求提高扶助标准，并在就医、养老机构入住方面给予优先照顾。`,
  },
  {
    key: 'unlicensed-clinic',
    cat: ['卫生计生', '医政监管', '非法行医'],
    itemClass: 'accusation',
    kinds: ['town', 'subdistrict'],
    anonymous: 0.35,
    channels: { phone: 2, online: 2 },
    ages: [1955, 1995],
    subject: (c) => `${c.place}附近一诊所疑似无证行医`,
    body: (c) =>
      `${c.lead}反映，${c.area.name}${c.place}附近一家门诊没有悬挂执业许可证，坐诊人员自称"老中医"，给老人输液、推销高价药品，有老人输液后出现不良反应。` +
      `请求卫生健康部门检查其执业资质。`,
  },

  // ── 教育文体 ────────────────────────────────────────────────────────────────
  {
    key: 'substitute-teachers',
    cat: ['教育文体', '教师队伍和待遇', '原民办代课教师'],
    itemClass: 'appeal',
    kinds: ['town'],
    collective: 0.4,
    people: [5, 30],
    ages: [1945, 1962],
    prepare: (c) => ({ years: c.r.int(8, 22) }),
    subject: () => `原民办代课教师要求落实教龄补助`,
    body: (c, v) =>
      `${c.lead}反映，其曾在${c.area.name}${c.place}小学任民办代课教师${v.years}年，后被清退，按照有关政策应按教龄给予生活补助，` +
      `但因当年任教证明材料缺失，区教育部门一直不予认定。请求通过查阅学校档案、同事证明等方式认定教龄，落实补助。`,
  },
  {
    key: 'school-fees',
    cat: ['教育文体', '教育收费', '乱收费'],
    itemClass: 'accusation',
    kinds: ['subdistrict', 'town', 'development_zone'],
    anonymous: 0.3,
    channels: { online: 3 },
    ages: [1978, 1995],
    prepare: (c) => ({ sch: school(c.r) }),
    subject: (c, v) => `${v.sch}以班费名义收取资料费`,
    body: (c, v) =>
      `${c.lead}反映，${v.sch}部分班级以"班费"名义要求每名学生交${c.r.int(200, 600)}元，用于统一购买教辅资料和校服以外的服装，没有收据，不交的学生被点名。` +
      `请求教育部门调查并清退违规收费。`,
  },
  {
    key: 'tutoring-refund',
    cat: ['教育文体', '教育行政管理', '校外机构管理'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    collective: 0.35,
    people: [5, 30],
    ages: [1978, 1995],
    prepare: (c) => ({ org: `${c.r.pick(['启航', '博睿', '学而', '智远'])}教育培训学校` }),
    subject: (c, v) => `${v.org}停业后预收学费无法退还`,
    body: (c, v) =>
      `${c.lead}反映，${c.area.name}的${v.org}${c.monthAgo(1)}突然停课关门，家长此前预交的课时费从几千元到两万余元不等，共涉及上百名学生。` +
      `负责人电话关机。请求教育和市场监管部门督促退费。`,
  },
  {
    key: 'culture-square',
    cat: ['教育文体', '文化', '公共文化'],
    itemClass: 'suggestion',
    kinds: ['subdistrict', 'town'],
    channels: { online: 4, letter: 2 },
    ages: [1945, 1985],
    subject: (c) => `建议在${c.place}周边建设文化活动场所`,
    body: (c) =>
      `${c.lead}建议，${c.area.name}${c.place}周边居民较多，但没有室内文化活动场所，老年人只能在路边跳广场舞，存在交通安全隐患。` +
      `建议利用闲置的社区用房建设文化活动室和图书角。`,
  },

  // ── 商贸旅游 ────────────────────────────────────────────────────────────────
  {
    key: 'elevator',
    cat: ['商贸旅游', '质监检验检疫', '特种设备管理'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    collective: 0.1,
    people: [5, 15],
    ages: [1945, 1995],
    subject: (c) => `${c.place}电梯频繁故障困人`,
    body: (c) =>
      `${c.lead}反映，${c.place}${c.r.int(1, 20)}号楼电梯近两个月已发生${c.r.int(3, 9)}次停梯困人，维保单位只是简单重启，电梯检验合格标志也已过期。` +
      `楼内有多位高龄老人。请求特种设备安全监管部门检查电梯安全状况。`,
  },
  {
    key: 'prepaid-card',
    cat: ['商贸旅游', '市场监管', '其他'],
    itemClass: 'appeal',
    kinds: ['subdistrict', 'development_zone'],
    collective: 0.3,
    people: [5, 25],
    ages: [1960, 1998],
    prepare: (c) => ({ shop: `${c.r.pick(['悦动', '康体', '美颜', '优品'])}${c.r.pick(['健身会所', '美容院', '游泳馆'])}` }),
    subject: (c, v) => `${v.shop}闭店后预付卡无法退费`,
    body: (c, v) =>
      `${c.lead}反映，${c.area.name}的${v.shop}${c.monthAgo(1)}突然闭店，会员预付卡余额无法使用，其本人卡内余额${c.money(2000, 18000, 100)}，` +
      `会员群里统计受影响人员有两百多人。请求市场监管部门介入，督促经营者退费。`,
  },
  {
    key: 'defective-product',
    cat: ['商贸旅游', '市场监管', '商品质量'],
    itemClass: 'appeal',
    kinds: ['any'],
    channels: { online: 3, phone: 2 },
    ages: [1960, 2000],
    subject: () => `购买的电动自行车电池质量问题商家拒不退换`,
    body: (c) =>
      `${c.lead}反映，其${c.dateBefore(c.r.int(30, 80))}在${c.area.name}一家电动车门店购买电动自行车，使用不到两个月电池即无法充电，` +
      `商家以"人为损坏"为由拒绝退换。请求市场监管部门调解处理。`,
  },
  {
    key: 'pyramid',
    cat: ['商贸旅游', '市场监管', '传销'],
    itemClass: 'accusation',
    kinds: ['any'],
    anonymous: 0.3,
    ages: [1955, 1990],
    subject: () => `亲属疑被骗入传销组织`,
    body: (c) =>
      `${c.lead}反映，其${c.r.pick(['儿子', '女儿', '侄子'])}今年被网上认识的人以介绍工作为名叫到外地，被收走手机、要求交钱"入股"并发展下线，近期与家里联系时言语异常。` +
      `请求公安和市场监管部门协助查找解救。`,
  },

  // ── 交通运输 ────────────────────────────────────────────────────────────────
  {
    key: 'taxi-overcharge',
    cat: ['交通运输', '出租车管理', '运价监管'],
    itemClass: 'appeal',
    kinds: ['any'],
    channels: { phone: 4, online: 2 },
    ages: [1955, 2000],
    subject: () => `出租车绕路多收费`,
    body: (c) =>
      `${c.lead}反映，其${c.dateBefore(c.r.int(2, 20))}晚乘坐出租车从长春站回${c.area.name}，司机不打表、故意绕路，收费${c.r.int(60, 120)}元，明显高于正常价格，` +
      `已记下车牌号。请求交通运输部门查处并退还多收的费用。`,
  },
  {
    key: 'road-potholes',
    cat: ['交通运输', '建设管理', '设施维护'],
    itemClass: 'appeal',
    kinds: ['any'],
    channels: { phone: 3, online: 3 },
    collective: 0.05,
    ages: [1950, 1998],
    prepare: (c) => ({ rd: road(c.r) }),
    subject: (c, v) => `${v.rd}路面塌陷坑洼长期未修`,
    body: (c, v) =>
      `${c.lead}反映，${c.area.name}${v.rd}靠近${c.place}路段路面塌陷，形成多个深坑，雨天积水看不清，已有电动车摔倒。` +
      `请求尽快修复并在修复前设置警示标志。`,
  },
  {
    key: 'bus-line',
    cat: ['交通运输', '客货运输', '旅客运输'],
    itemClass: 'suggestion',
    kinds: ['town'],
    channels: { letter: 2, online: 2 },
    collective: 0.1,
    people: [5, 20],
    ages: [1945, 1990],
    subject: (c) => `${c.place}至城区客运班线停运，村民出行困难`,
    body: (c) =>
      `${c.lead}反映，${c.area.name}${c.place}至城区的客运班车自${c.monthAgo(2)}起停运，村里老人看病、孩子上学只能搭乘私家车或步行到${c.r.int(3, 8)}公里外的站点。` +
      `建议恢复班线或开通镇村公交。`,
  },

  // ── 纪检监察 ────────────────────────────────────────────────────────────────
  {
    key: 'embezzlement',
    cat: ['纪检监察', '贪污贿赂', '贪污'],
    itemClass: 'accusation',
    kinds: ['town'],
    anonymous: 0.5,
    channels: { letter: 4, online: 2 },
    collective: 0.1,
    people: [5, 15],
    ages: [1945, 1985],
    subject: (c) => `举报${c.place}村干部侵占集体资金`,
    body: (c) =>
      `${c.lead}举报，${c.area.name}${c.place}原村委会主任张某某在任期间，将村集体机动地承包费、征地补偿款中的${c.money(200000, 1500000, 1000)}存入个人账户，` +
      `并以虚列工程的方式套取资金。请求纪检监察机关调查核实。`,
  },
  {
    key: 'bureaucratism',
    cat: ['纪检监察', '干部作风', '官僚主义'],
    itemClass: 'accusation',
    kinds: ['any'],
    anonymous: 0.3,
    channels: { online: 3, phone: 2 },
    ages: [1955, 1998],
    subject: () => `办事窗口工作人员推诿扯皮`,
    body: (c) =>
      `${c.lead}反映，其到${c.area.name}便民服务中心办理${c.r.pick(['养老保险转移', '低保申请', '残疾证', '房屋翻建审批'])}，前后跑了${c.r.int(4, 8)}次，每次都被要求补充不同材料，` +
      `工作人员态度生硬，一次性告知制度形同虚设。请求查处推诿扯皮的作风问题。`,
  },
  {
    key: 'favouritism',
    cat: ['纪检监察', '滥用职权', '以权谋私'],
    itemClass: 'accusation',
    kinds: ['town', 'subdistrict'],
    anonymous: 0.45,
    channels: { letter: 3 },
    ages: [1945, 1985],
    subject: (c) => `举报${c.place}干部在低保评定中优亲厚友`,
    body: (c) =>
      `${c.lead}举报，${c.area.name}${c.place}负责民政工作的李某某，将其亲属${c.r.int(3, 7)}户不符合条件的家庭纳入低保，而真正困难的家庭却被拒之门外。` +
      `请求调查处理。`,
  },
  {
    key: 'bid-bribery',
    cat: ['纪检监察', '贪污贿赂', '行贿受贿索贿'],
    itemClass: 'accusation',
    kinds: ['any'],
    anonymous: 0.6,
    channels: { letter: 3, online: 2 },
    ages: [1960, 1990],
    prepare: (c) => ({ proj: project(c.r, c.r.pick(['道路改造', '老旧小区改造', '排水管网'])) }),
    subject: (c, v) => `举报${v.proj}招投标中收受好处费`,
    body: (c, v) =>
      `${c.lead}举报，${v.proj}在招标前，中标单位已在工地备料，有关工作人员收受中标单位好处费，招标过程走过场。` +
      `请求纪检监察机关调查核实。`,
  },

  // ── 党务政务 ────────────────────────────────────────────────────────────────
  {
    key: 'trade-union',
    cat: ['党务政务', '群众团体', '工会工作'],
    itemClass: 'appeal',
    kinds: ['industrial_zone', 'development_zone'],
    ages: [1965, 1998],
    prepare: (c) => ({ co: company(c.r) }),
    subject: (c, v) => `${v.co}职工要求依法组建工会`,
    body: (c, v) =>
      `${c.lead}反映，${v.co}有职工${c.r.int(120, 600)}人，一直未组建工会，职工加班费、劳动保护等问题没有渠道协商。请求区总工会指导企业依法建会。`,
  },
  {
    key: 'domestic-violence',
    cat: ['党务政务', '群众团体', '妇联工作'],
    itemClass: 'appeal',
    kinds: ['any'],
    channels: { phone: 3, visit: 2 },
    sex: 'female',
    ages: [1965, 1998],
    subject: () => `遭受家庭暴力请求妇联帮助`,
    body: (c) =>
      `${c.lead}反映，其长期遭受丈夫殴打和辱骂，${c.dateBefore(c.r.int(5, 30))}又被打伤，已报警。现带孩子在娘家居住，担心人身安全。` +
      `请求妇联协助申请人身安全保护令，并提供法律帮助。`,
  },
  {
    key: 'online-rumour',
    cat: ['党务政务', '宣传舆论', '互联网信息监管'],
    itemClass: 'appeal',
    kinds: ['any'],
    channels: { online: 4 },
    ages: [1970, 2000],
    subject: () => `自媒体账号发布不实信息损害名誉`,
    body: (c) =>
      `${c.lead}反映，某短视频平台账号发布视频，捏造其经营的店铺"使用过期食材"，视频播放量已超过${c.r.int(2, 30)}万次，店铺生意受到严重影响。` +
      `已向平台投诉未果。请求网信部门依法处置。`,
  },
  {
    key: 'civility-suggestion',
    cat: ['党务政务', '宣传舆论', '精神文明建设'],
    itemClass: 'suggestion',
    kinds: ['any'],
    channels: { online: 4, letter: 2 },
    ages: [1945, 1995],
    subject: () => `建议整治红白事大操大办`,
    body: (c) =>
      `${c.lead}建议，${c.area.name}近年红白事大操大办、随礼攀比现象较重，群众负担大。建议由村（居）委会制定红白理事会章程，倡导移风易俗。`,
  },

  // ── 科技与信息产业 ──────────────────────────────────────────────────────────
  {
    key: 'carrier-charges',
    cat: ['科技与信息产业', '电信', '运营商监管'],
    itemClass: 'appeal',
    kinds: ['any'],
    channels: { phone: 3, online: 3 },
    ages: [1945, 1985],
    subject: () => `运营商擅自为老人办理增值业务扣费`,
    body: (c) =>
      `${c.lead}反映，其父亲年过七旬，手机号近半年每月被扣${c.r.int(20, 60)}元增值业务费，营业厅称是本人办理，但老人根本不会操作。` +
      `请求通信管理部门督促运营商退还费用。`,
  },
  {
    key: 'no-signal',
    cat: ['科技与信息产业', '电信', '通信保障'],
    itemClass: 'suggestion',
    kinds: ['town'],
    channels: { online: 3, phone: 2 },
    collective: 0.05,
    ages: [1960, 1995],
    subject: (c) => `${c.place}手机信号差、宽带无法接入`,
    body: (c) =>
      `${c.lead}反映，${c.area.name}${c.place}手机信号时有时无，宽带也一直没有覆盖，村民网上缴费、孩子上网课都受影响。建议协调运营商增建基站。`,
  },
  {
    key: 'personal-data-leak',
    cat: ['科技与信息产业', '信息化建设', '互联网运营管理'],
    itemClass: 'appeal',
    kinds: ['any'],
    channels: { online: 4 },
    ages: [1970, 2000],
    subject: () => `个人信息疑被泄露频繁接到推销电话`,
    body: (c) =>
      `${c.lead}反映，其在某购房平台登记看房后，每天接到十几个推销电话，对方能准确说出其姓名和住址。请求调查相关平台是否泄露个人信息。`,
  },
  {
    key: 'patent',
    cat: ['科技与信息产业', '知识产权', '知识产权保护'],
    itemClass: 'appeal',
    kinds: ['industrial_zone', 'development_zone'],
    ages: [1965, 1995],
    prepare: (c) => ({ co: company(c.r, c.r.pick(['机械制造', '环保科技'])) }),
    subject: (c, v) => `实用新型专利被${v.co}仿冒`,
    body: (c, v) =>
      `${c.lead}反映，其持有的一项农机配件实用新型专利被${v.co}仿制销售，价格低于其产品，造成较大损失。请求知识产权管理部门调查处理。`,
  },
];

/** Relative weight of each first-level class among a district's petitions. */
export const CLASS_WEIGHTS = {
  城乡建设: 19,
  劳动和社会保障: 16,
  政法: 10,
  农村农业: 9,
  国土资源: 8,
  民政: 7,
  经济管理: 6,
  环境保护: 6,
  卫生计生: 5,
  教育文体: 5,
  商贸旅游: 4,
  纪检监察: 4,
  交通运输: 3,
  党务政务: 2,
  科技与信息产业: 2,
};
