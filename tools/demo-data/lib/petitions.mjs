// Builds registration bodies for POST /petitions (services/intake RegisterPetitionDto) from the
// templates: reproducible for a seed, item i never depends on how many items are asked for.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random, shortHash } from './random.mjs';
import { address, community, personName, phoneNumber, residentId, village } from './identity.mjs';
import { CLASS_WEIGHTS, TEMPLATES } from './templates.mjs';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const LEAD = '\u0000LEAD\u0000';

/** Reads the taxonomy (path → leaf id) and the gazetteer from data/reference. */
export function loadReference(root) {
  const csv = readFileSync(join(root, 'data/reference/complaint-taxonomy.csv'), 'utf8');
  const taxonomy = new Map();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [id, l1, l2, l3] = line.split(',');
    taxonomy.set(`${l1}/${l2}/${l3}`, Number(id));
  }
  const gazetteer = JSON.parse(readFileSync(join(root, 'data/reference/gazetteer.json'), 'utf8'));
  return { taxonomy, gazetteer };
}

const BASE_CHANNELS = { visit: 34, online: 26, phone: 20, letter: 12, transferred: 6, fax: 2 };
const COLLECTIVE_CHANNELS = [['visit', 80], ['letter', 12], ['transferred', 8]];
/** How completely each channel records a petitioner: ID number, phone, address. */
const COMPLETENESS = {
  visit: [0.95, 0.95, 0.9],
  phone: [0.3, 1, 0.55],
  letter: [0.5, 0.75, 0.98],
  online: [0.9, 1, 0.7],
  fax: [0.7, 0.9, 0.9],
  transferred: [0.9, 0.9, 0.95],
};
const AREA_WEIGHT = { town: 8, subdistrict: 12, development_zone: 6, industrial_zone: 4 };
const OFFICE_CHANNELS = new Set(['visit', 'letter', 'fax', 'transferred']);
const THREATS = ['到市委门前讨说法', '采取极端方式', '喝药', '从楼上跳下去', '去北京"讨个说法"，不惜一切代价'];
const HIGHER = [['长春市信访局', 70], ['吉林省信访局', 22], ['国家信访局', 8]];
/** What happened since the earlier petition, by how many days ago it was. */
const PROGRESS = [
  [0, '当时答复正在协调处理，但至今没有结果'],
  [0, '至今没有人联系'],
  [10, '镇（街）曾组织调解，但对方没有履行'],
  [20, '有关部门受理后超过期限未给书面答复'],
  [30, '对当时的处理意见不满意'],
];

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** `+08:00` ISO text of an instant, as a clerk's system in China would send it. */
export function chinaIso(ms) {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

function chinaParts(ms) {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), wd: d.getUTCDay() };
}

function formatMoney(n) {
  n = Math.round(n);
  if (n >= 10000) {
    const wan = n / 10000;
    return `${Number.isInteger(wan) ? wan : wan.toFixed(wan >= 100 ? 0 : 2).replace(/\.?0+$/, '')}万元`;
  }
  return `${n}元`;
}

export function idempotencyKey(seed, index, prefix = 'demo') {
  return `${prefix}-${shortHash(seed)}-${pad(index, 6)}`;
}

/**
 * @param {{ seed: string, now?: number, taxonomy: Map<string, number>, gazetteer: any, collectiveThreshold?: number, keyPrefix?: string }} options
 */
export function createPetitionGenerator({ seed, now = Date.now(), taxonomy, gazetteer, collectiveThreshold = 5, keyPrefix = 'demo' }) {
  const r = new Random(`pdmc-demo:${seed}`);
  const areas = gazetteer.areas;
  const byClass = new Map();
  for (const t of TEMPLATES) {
    const path = t.cat.join('/');
    const id = taxonomy.get(path);
    if (id === undefined) throw new Error(`template ${t.key}: ${path} is not a leaf of the complaint taxonomy`);
    t.categoryId = id;
    if (!byClass.has(t.cat[0])) byClass.set(t.cat[0], []);
    byClass.get(t.cat[0]).push(t);
  }
  const classes = Object.keys(CLASS_WEIGHTS);
  for (const c of classes) if (!byClass.has(c)) throw new Error(`no template for class ${c}`);
  // The first items cover every first-level class once, in an order the seed decides.
  const opening = r.sample(classes, classes.length);
  const history = [];
  let index = 0;

  const chinaToday = chinaParts(now);
  const dayStart = (daysAgo) => Date.UTC(chinaToday.y, chinaToday.m - 1, chinaToday.d - daysAgo) - CHINA_OFFSET_MS;

  /** A receipt time `daysAgo` days back, during hours that fit the channel, never later than now. */
  function receivedAt(daysAgo, channel) {
    const office = OFFICE_CHANNELS.has(channel);
    const weekend = (day) => [0, 6].includes(chinaParts(dayStart(day) + 12 * 3_600_000).wd);
    let day = daysAgo;
    if (office && weekend(day)) {
      // The centre is closed: one of the working days around it instead.
      const near = [];
      for (let d = Math.max(0, day - 6); d <= Math.min(59, day + 6); d++) if (!weekend(d)) near.push(d);
      day = r.pick(near);
    }
    const [from, to] = office ? [8.5, 16.75] : channel === 'phone' ? [7.5, 21] : [0, 24];
    for (;;) {
      const start = dayStart(day);
      const latest = Math.min(start + to * 3_600_000, now - 5 * 60_000);
      const earliest = start + from * 3_600_000;
      if (latest > earliest && !(office && weekend(day))) {
        const ms = earliest + Math.floor(r.float() * (latest - earliest));
        return Math.floor(ms / 1000) * 1000;
      }
      day += 1; // too early today for these hours, or a closed day: the day before
    }
  }

  function pickChannel(template, collective) {
    if (collective) return r.weighted(COLLECTIVE_CHANNELS);
    const weights = Object.entries(BASE_CHANNELS).map(([ch, w]) => [ch, w * (template.channels?.[ch] ?? 1)]);
    return r.weighted(weights);
  }

  function pickArea(template) {
    const kinds = template.kinds ?? ['any'];
    const fit = kinds.includes('any') ? areas : areas.filter((a) => kinds.includes(a.kind));
    return r.weighted(fit.map((a) => [a, (AREA_WEIGHT[a.kind] ?? 5) * (a.code === 'HX' ? 1.25 : 1)]));
  }

  function person(template, area, place, { channel, first }) {
    const [lo, hi] = template.ages ?? [1950, 1995];
    const birthYear = r.int(Math.max(1940, lo), Math.min(2000, hi));
    const sex = first && template.sex ? template.sex : r.chance(0.55) ? 'male' : 'female';
    const [pId, pPhone, pAddress] = COMPLETENESS[channel];
    const p = { name: personName(r, { birthYear, sex }) };
    if (r.chance(pId)) p.idNumber = residentId(r, { birthYear, sex });
    if (r.chance(pPhone)) p.phone = phoneNumber(r, { landline: birthYear < 1960 ? r.chance(0.2) : r.chance(0.04) });
    if (r.chance(pAddress)) p.address = address(r, area, place);
    return p;
  }

  function lead(channel, petitioners, headcount, collective) {
    const name = petitioners[0]?.name;
    if (!name) {
      return { visit: '来访人', letter: '匿名来信', phone: '匿名来电', online: '匿名网民', fax: '匿名来件', transferred: '转来匿名件' }[channel];
    }
    if (collective) {
      if (channel === 'letter') return `${name}等${headcount}人联名来信`;
      if (channel === 'transferred') return `${name}等${headcount}名群众`;
      return `${name}等${headcount}人集体来访`;
    }
    const others = headcount > 1 && channel === 'visit' ? `（同来${headcount - 1}人）` : '';
    return { visit: `来访人${name}${others}`, letter: `来信人${name}`, phone: `来电人${name}`, online: `网民${name}`, fax: `${name}来件`, transferred: name }[channel];
  }

  function flagsAndNotes({ template, channel, collective, repeat, petitioners, headcount, received }) {
    const appeal = template.itemClass === 'appeal';
    let escalated = r.chance(
      (channel === 'transferred' ? 0.35 : channel === 'visit' ? (collective ? 0.12 : 0.04) : 0.01) * (repeat ? 2 : 1),
    );
    const abnormal =
      appeal && r.chance((channel === 'transferred' ? 0.06 : channel === 'visit' ? (collective ? 0.04 : 0.008) : 0.002) * (repeat ? 2 : 1));
    const heard = channel === 'visit' || channel === 'phone' || channel === 'transferred';
    const threat = appeal && heard && r.chance((template.threat ?? 0.01) * (repeat ? 1.5 : 1) * (collective ? 1.3 : 1));
    const notes = [];
    const before = [];
    let referral;
    if (channel === 'transferred') {
      const from = abnormal ? '国家信访局' : r.weighted(HIGHER);
      if (from !== '长春市信访局') escalated = true;
      const year = chinaParts(received).y;
      const reference = `${from.slice(0, 2)}信转〔${year}〕${r.int(100, 9999)}号`;
      before.push(`（${from}转送，转办编号${reference}）`);
      // Items from Beijing, and reported abnormal ones, come as assignments that want a report.
      const assignment = from === '国家信访局' || abnormal;
      referral = {
        kind: assignment ? 'assignment' : 'transfer',
        authority: from,
        authorityLevel: { 长春市信访局: 'city', 吉林省信访局: 'province', 国家信访局: 'national' }[from],
        reference,
        ...(assignment ? { dueAt: chinaIso(received + 30 * DAY_MS) } : {}),
        reportRequired: assignment,
        ...(abnormal ? { abnormalReported: true } : {}),
      };
      if (escalated) notes.push(`信访人未向区、市两级反映，直接到${from}反映，现按属地管理转回办理。`);
      if (abnormal) notes.push(`【上级通报】信访人曾于${dateText(received - r.int(5, 40) * DAY_MS)}到北京非信访接待场所走访，已劝返。`);
    } else {
      if (escalated) notes.push(`信访人此前未向${'镇（街）'}反映，越级到市信访局上访，经引导回区里办理。`);
      if (abnormal) notes.push('【接待人员记录】来访人员在中心门前聚集、拉横幅，经劝导后进入接待大厅。');
    }
    if (collective && channel === 'visit') notes.push(`来访群众推选${petitioners.length}名代表反映诉求。`);
    if (threat) {
      const who = channel === 'phone' ? '来电人' : collective ? '部分来访人员' : '来访人';
      notes.push(`【接待人员记录】${who}情绪激动，扬言如果问题${r.pick(['一周内', '月底前', '年前'])}得不到解决就${r.pick(THREATS)}。`);
    }
    return { escalated, abnormal, threat, referral, before: before.join(''), notes: notes.join('') };
  }

  function dateText(ms) {
    const p = chinaParts(ms);
    return `${p.y}年${p.m}月${p.d}日`;
  }

  function context(area, place, received) {
    const p = chinaParts(received);
    return {
      r,
      area,
      place,
      lead: LEAD,
      village: () => village(r),
      money: (min, max, step = 100) => formatMoney(r.amount(Math.round(min), Math.round(max), step)),
      monthAgo: (k) => {
        const m = p.m - k;
        return m >= 1 ? `今年${m}月` : `去年${m + 12}月`;
      },
      month: p.m,
      yearsAgo: (k) => p.y - k,
      dateBefore: (days) => dateText(received - days * DAY_MS).replace(`${p.y}年`, ''),
    };
  }

  function render(raw, leadText) {
    return raw.replace(LEAD, leadText);
  }

  function newMatter(daysAgo, className) {
    const received0 = dayStart(daysAgo) + 12 * 3_600_000;
    const month = chinaParts(received0).m;
    const fitting = byClass.get(className).filter((t) => !t.season || t.season(month));
    const template = r.weighted(fitting.map((t) => [t, t.weight ?? 1]));
    const collective = r.chance(template.collective ?? 0.02);
    const channel = pickChannel(template, collective);
    const received = receivedAt(daysAgo, channel);
    const area = pickArea(template);
    const place = area.kind === 'town' ? village(r) : community(r);

    let headcount = 1;
    if (collective) {
      const [lo, hi] = template.people ?? [5, 20];
      const min = Math.max(lo, collectiveThreshold);
      headcount = min + Math.floor((Math.max(hi, min) - min + 1) * r.float() ** 2);
    } else if (channel === 'visit') {
      headcount = r.weighted([[1, 65], [2, 25], [3, 8], [4, 2]]);
    }
    const anonymous =
      template.itemClass === 'accusation' && !collective && ['letter', 'online', 'phone'].includes(channel) && r.chance(template.anonymous ?? 0);
    let count = 0;
    if (!anonymous) {
      if (collective) count = channel === 'visit' ? r.int(3, 5) : r.int(1, 3);
      else count = headcount >= 2 && r.chance(0.4) ? 2 : 1;
      count = Math.min(count, headcount, 5);
    }
    const petitioners = [];
    for (let i = 0; i < count; i++) petitioners.push(person(template, area, place, { channel, first: i === 0 }));

    const c = context(area, place, received);
    const v = template.prepare ? template.prepare(c) : {};
    const subject = template.subject(c, v);
    const raw = template.body(c, v);
    return { template, collective, channel, received, area, headcount, petitioners, subject, raw, anonymous };
  }

  function repeatOf(orig, daysAgo) {
    const channel = orig.collective ? r.weighted(COLLECTIVE_CHANNELS) : r.weighted([['visit', 50], ['phone', 15], ['online', 15], ['letter', 10], ['transferred', 10]]);
    const received = receivedAt(daysAgo, channel);
    const headcount = orig.collective ? Math.max(collectiveThreshold, orig.headcount + r.int(-3, 8)) : channel === 'visit' ? orig.headcount : 1;
    const petitioners = orig.petitioners.map((p) => ({ ...p }));
    if (!orig.collective && petitioners.length > headcount) petitioners.length = headcount;
    const how = { visit: '来访', letter: '来信', phone: '来电', online: '网上', fax: '传真', transferred: '经上级转送' }[orig.channel];
    const prefix = `曾于${dateText(orig.received)}就同一问题${how}反映，${r.pick(PROGRESS.filter(([days]) => received - orig.received >= days * DAY_MS).map(([, text]) => text))}。现再次反映：`;
    const subject = `${r.pick(['再次反映：', '重复反映：', '第二次反映：'])}${orig.subject.replace(/^(再次反映：|重复反映：|第二次反映：)/, '')}`;
    // The original words again, after the new lead and what happened since.
    const core = orig.core ?? orig.raw.replace(LEAD, '').replace(/^(反映|举报|建议)，/, '');
    const raw = `${LEAD}${prefix}${core}`;
    return { ...orig, channel, received, headcount, petitioners, subject, raw, core, repeatOf: orig.index };
  }

  /** The next item: `{ index, key, body, meta }`. */
  function next() {
    const i = index++;
    const daysAgo = Math.min(59, Math.floor(r.float() * 60));
    let matter;
    const candidates = history.filter((h) => h.daysAgo >= daysAgo + 7 && h.petitioners.length > 0);
    if (i >= opening.length && candidates.length && r.chance(0.12)) {
      matter = repeatOf(r.pick(candidates), daysAgo);
    } else {
      const className = i < opening.length ? opening[i] : r.weighted(Object.entries(CLASS_WEIGHTS));
      matter = newMatter(daysAgo, className);
    }
    const repeat = matter.repeatOf !== undefined;
    const f = flagsAndNotes({ ...matter, repeat });
    const leadText = lead(matter.channel, matter.petitioners, matter.headcount, matter.collective);
    const description = `${f.before}${render(matter.raw, leadText)}${f.notes}`;
    const body = {
      channel: matter.channel,
      itemClass: matter.template.itemClass,
      categoryId: matter.template.categoryId,
      townCode: matter.area.code,
      subject: matter.subject,
      description,
      headcount: matter.headcount,
      receivedAt: chinaIso(matter.received),
      ...(f.escalated ? { escalated: true } : {}),
      ...(f.abnormal ? { abnormal: true } : {}),
      ...(f.threat ? { threatOfExtremeAction: true } : {}),
      ...(matter.petitioners.length ? { petitioners: matter.petitioners } : {}),
      ...(f.referral ? { referral: f.referral } : {}),
    };
    history.push({ ...matter, index: i, daysAgo: Math.round((now - matter.received) / DAY_MS) });
    return {
      index: i,
      key: idempotencyKey(seed, i, keyPrefix),
      body,
      meta: {
        template: matter.template.key,
        level1: matter.template.cat[0],
        collective: matter.headcount >= collectiveThreshold,
        repeatOf: matter.repeatOf,
        anonymous: matter.petitioners.length === 0,
      },
    };
  }

  return { next };
}
