// Matters the keyword table reads poorly, written for this tool: commerce and tourism (商贸旅游)
// and transport (交通运输), which mention roads, shops and estates and so draw urban
// construction keywords, plus short messages with a single weak word. Each has several ways of
// saying the same thing, so that a model must generalise rather than memorise one sentence.
// Every place, company and person is fictional; nothing here is taken from a real collection.

const pick = (r, list) => list[Math.floor(r.float() * list.length)];

const ESTATES = ['春城花园', '绿园新城', '合心家园', '西新嘉苑', '锦程小区', '城西丽景', '铁北新村', '富民里'];
const ROADS = ['青年路', '正阳街', '皓月大路', '西环城路', '春城大街', '普阳街', '景阳大路'];
const SHOPS = ['好邻居超市', '鑫源便利店', '万家福生活超市', '美佳健身会所', '童趣教育培训中心', '丽人美容院', '顺达家电城'];
const AGENCIES = ['长白山旅行社', '春游天下旅行社', '畅行国旅', '悦途旅行社'];
const SIGHTS = ['净月潭', '长白山', '查干湖', '伪满皇宫', '南湖公园'];
const LINES = ['13路', '62路', '122路', '232路', '261路', 'G11路'];
const COURIERS = ['顺捷快递', '中远速运', '通达快运', '极速物流'];

/** @type {Array<{ cat: [string, string, string], subjects: Array<(r, v) => string>, bodies: Array<(r, v) => string>, vars?: (r) => object }>} */
export const LOCAL_MATTERS = [
  {
    cat: ['商贸旅游', '市场监管', '其他'],
    vars: (r) => ({ shop: pick(r, SHOPS), estate: pick(r, ESTATES), amount: 500 + Math.floor(r.float() * 30) * 100 }),
    subjects: [(r, v) => `${v.shop}关门跑路，预付卡无法退款`, (r, v) => `${v.estate}附近${v.shop}预付费卡卷款`, () => '办的会员卡商家跑路了'],
    bodies: [
      (r, v) => `我在${v.estate}门口的${v.shop}办了储值卡，充值${v.amount}元，上周店铺突然关门，老板电话打不通，卡里余额还有一大半，请求帮助追回。`,
      (r, v) => `${v.shop}去年推销会员卡，说充得多送得多，我充了${v.amount}元。现在门店贴了停业通知，几十名会员的钱没有着落，请市场监管部门处理。`,
      () => '商家收了预付款后不履行承诺，也不退钱，多次协商无果。',
    ],
  },
  {
    cat: ['商贸旅游', '市场监管', '物价监督'],
    vars: (r) => ({ shop: pick(r, SHOPS), estate: pick(r, ESTATES) }),
    subjects: [(r, v) => `${v.shop}标价与结账价格不一致`, () => '超市明码标价不实', (r, v) => `${v.estate}菜市场乱涨价`],
    bodies: [
      (r, v) => `在${v.shop}购物，货架上标的是特价，结账时却按原价收费，店员说价签没来得及换，已经不是第一次了，怀疑价格欺诈。`,
      (r, v) => `${v.estate}旁边的菜市场几个摊位节前把蔬菜价格翻倍，也不挂价签，问价时随口报价，请物价部门检查。`,
      () => '商场打折活动先提价后打折，实际没有优惠，欺骗消费者。',
    ],
  },
  {
    cat: ['商贸旅游', '市场监管', '商品质量'],
    vars: (r) => ({ shop: pick(r, SHOPS) }),
    subjects: [(r, v) => `在${v.shop}买到过期食品`, () => '买的电器质量有问题商家不给换', () => '网购商品是假货'],
    bodies: [
      (r, v) => `昨天在${v.shop}买的酸奶和面包回家发现已经过了保质期，孩子吃了以后肚子疼，找商家只给退货不给赔偿。`,
      (r, v) => `在${v.shop}买的洗衣机用了不到一个月就漏水，商家推给厂家，厂家推给商家，要求退换被拒绝。`,
      () => '收到的商品与宣传不符，怀疑是假冒伪劣产品，商家拒绝退款。',
    ],
  },
  {
    cat: ['商贸旅游', '旅游管理', '旅游市场管理'],
    vars: (r) => ({ agency: pick(r, AGENCIES), sight: pick(r, SIGHTS), days: 2 + Math.floor(r.float() * 5) }),
    subjects: [(r, v) => `${v.agency}低价团强制购物`, (r, v) => `参加${v.agency}${v.sight}${v.days}日游被甩团`, () => '导游辱骂游客'],
    bodies: [
      (r, v) => `我们老两口报名${v.agency}的${v.sight}${v.days}日游，行程中导游带到玉器店和保健品店，不买东西不让上车，还威胁加收团费。`,
      (r, v) => `报了${v.agency}的旅游团，第二天导游说人数不够把我们扔在${v.sight}，旅行社至今不退团费，请文旅部门查处。`,
      () => '跟团旅游时导游擅自改变行程，减少景点，增加自费项目，投诉到旅行社不予理睬。',
    ],
  },
  {
    cat: ['商贸旅游', '旅游管理', '景区管理'],
    vars: (r) => ({ sight: pick(r, SIGHTS) }),
    subjects: [(r, v) => `${v.sight}景区门票乱收费`, (r, v) => `${v.sight}节假日游客拥挤无人疏导`],
    bodies: [
      (r, v) => `${v.sight}景区在大门票之外又设置了多个收费点，观光车和索道强制捆绑销售，老人免票政策也不落实。`,
      (r, v) => `国庆期间到${v.sight}游玩，景区超量售票，排队几个小时，现场没有工作人员疏导，存在安全隐患。`,
    ],
  },
  {
    cat: ['交通运输', '出租车管理', '行业监管'],
    vars: (r) => ({ road: pick(r, ROADS), fare: 20 + Math.floor(r.float() * 40) }),
    subjects: [() => '出租车拒载绕路', (r, v) => `${v.road}出租车不打表`, () => '的士司机态度恶劣'],
    bodies: [
      (r, v) => `晚上在${v.road}打车，连续几辆出租车问了去向后拒载，好不容易上了一辆，司机故意绕远，收了${v.fare}元。`,
      (r, v) => `在${v.road}火车站附近出租车不打表，一口价要${v.fare}元，还拼客，请交通部门整治。`,
      () => '乘坐出租车时司机边开车边打电话，乘客提醒后被辱骂，已记下车牌号。',
    ],
  },
  {
    cat: ['交通运输', '出租车管理', '网约车问题'],
    vars: (r) => ({ fare: 30 + Math.floor(r.float() * 60) }),
    subjects: [() => '网约车平台乱扣费', () => '网约车司机半路加价', () => '顺风车平台不退款'],
    bodies: [
      (r, v) => `通过手机app叫的网约车，行程结束后平台多扣了${v.fare}元，客服一直说在核实，已经半个月没有结果。`,
      () => '网约车司机接单后让取消订单改为线下付款，途中又要求加价，不同意就让下车。',
      () => '在平台上预约的车辆迟到一个多小时，导致误机，平台只愿意补偿优惠券。',
    ],
  },
  {
    cat: ['交通运输', '客货运输', '旅客运输'],
    vars: (r) => ({ line: pick(r, LINES), estate: pick(r, ESTATES) }),
    subjects: [(r, v) => `${v.line}公交车发车间隔太长`, (r, v) => `${v.estate}居民出行难，希望增开公交线路`, (r, v) => `${v.line}公交司机不到站停车`],
    bodies: [
      (r, v) => `${v.line}公交车早高峰发车间隔将近四十分钟，车上拥挤不堪，上班族和学生经常迟到，希望增加班次。`,
      (r, v) => `${v.estate}入住两千多户，附近没有公交站点，老人看病要走两公里，请求调整${v.line}线路或增设站点。`,
      (r, v) => `${v.line}公交车司机经常不进站停车，站台等车的老人追不上，投诉电话打了也没有回音。`,
    ],
  },
  {
    cat: ['交通运输', '邮政管理', '快递市场管理'],
    vars: (r) => ({ courier: pick(r, COURIERS), estate: pick(r, ESTATES) }),
    subjects: [(r, v) => `${v.courier}丢失包裹拒不赔偿`, (r, v) => `${v.estate}快递不送货上门`],
    bodies: [
      (r, v) => `寄出的包裹在${v.courier}中转时丢失，价值两千多元，快递网点只同意按运费的三倍赔偿。`,
      (r, v) => `${v.estate}的快递员把包裹都放在驿站，还要收取保管费，电话要求送上门被拒，请邮政管理部门监管。`,
    ],
  },
  {
    cat: ['交通运输', '建设管理', '设施维护'],
    vars: (r) => ({ road: pick(r, ROADS) }),
    subjects: [(r, v) => `${v.road}公路坑洼不平`, (r, v) => `${v.road}红绿灯时间设置不合理`],
    bodies: [
      (r, v) => `${v.road}出城方向的公路路面坑洼，雨天积水看不清，已经发生多起电动车摔倒事故，请求尽快养护。`,
      (r, v) => `${v.road}路口红绿灯时长太短，行人过不去马路，高峰期车辆排长队，希望交通部门重新调整。`,
    ],
  },
];

/** One example from a local matter: the matter, its words, and sometimes only a short message. */
export function localExample(r) {
  const m = pick(r, LOCAL_MATTERS);
  const v = m.vars ? m.vars(r) : {};
  const subject = pick(r, m.subjects)(r, v);
  const description = pick(r, m.bodies)(r, v);
  return { cat: m.cat, subject, description };
}
