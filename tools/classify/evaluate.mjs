#!/usr/bin/env node
// Measures the category suggester on a centre's own labelled archive before the centre trusts
// it: k-fold cross-validated top-1 and top-3 accuracy of the keyword rules, the learned model
// and the combination the service would serve, per level and per first-level class, and a
// confusion table. Nothing is sent anywhere; the file is read, the domain code of intake runs
// in this process.
//
//   npm run classify:evaluate -- --file examples.csv [--folds 5] [--confusion combination|rules|model]

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { readExamples } from './lib/csv.mjs';

const require = createRequire(import.meta.url);
const domain = require('./lib/domain.cjs');

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    folds: { type: 'string', default: '5' },
    confusion: { type: 'string', default: 'combination' },
  },
});
const fail = (message) => {
  console.error(message);
  process.exit(2);
};
if (!values.file) fail('usage: npm run classify:evaluate -- --file examples.csv [--folds 5] [--confusion combination|rules|model]');
const folds = Number(values.folds);
if (!Number.isInteger(folds) || folds < 2 || folds > 20) fail('--folds must be a whole number from 2 to 20');
if (!['combination', 'rules', 'model'].includes(values.confusion)) fail('--confusion must be combination, rules or model');

const taxonomy = domain.loadTaxonomy();
let examples;
try {
  examples = readExamples(readFileSync(values.file, 'utf8'), taxonomy);
} catch (error) {
  fail(`${values.file}: ${error.message}`);
}
const { compileKeywordRules } = domain.keywordRules();
const { CATEGORY_KEYWORDS } = domain.keywords();
const { suggestCategories } = domain.suggest();
const { trainAndSelect, minimumExamples } = domain.selection();
const { accuracyReport, confusionTable, NO_SUGGESTION } = domain.evaluation();
const { combine, policyName } = domain.combination();

const rules = compileKeywordRules(CATEGORY_KEYWORDS, taxonomy);
const rulesSuggest = (subject, description) => suggestCategories(subject, description, rules, taxonomy, 3);
// The file's order is its time order (oldest first), as the service splits by time.
const timed = examples.map((e, i) => ({ ...e, at: new Date(Date.UTC(2000, 0, 1) + i * 60_000) }));
if (timed.length < folds * 2 || timed.length - Math.ceil(timed.length / folds) < minimumExamples()) {
  fail(`${timed.length} examples are too few for ${folds} folds: a model needs ${minimumExamples()} to learn from`);
}

const cases = { rules: [], model: [], combination: [] };
const chosen = [];
const trainMs = [];
const suggestMs = [];
const suggestCpuMs = [];
const truthOf = (e) => ({ level1: e.level1, ...(e.level2 ? { level2: e.level2 } : {}), ...(e.categoryId !== undefined ? { categoryId: e.categoryId } : {}) });
for (let k = 0; k < folds; k++) {
  const train = timed.filter((_, i) => i % folds !== k);
  const test = timed.filter((_, i) => i % folds === k);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const trained = await trainAndSelect(train, rulesSuggest, taxonomy, undefined, async () => {});
  const used = process.cpuUsage(cpu);
  trainMs.push({ wall: performance.now() - started, cpu: (used.user + used.system) / 1000 });
  if (!trained) fail(`fold ${k + 1}: too few examples or classes to train`);
  const { model, report } = trained;
  chosen.push(policyName(report.policy));
  const testCpu = process.cpuUsage();
  for (const e of test) {
    const t0 = performance.now();
    const fromRules = rulesSuggest(e.subject, e.description);
    const prediction = model.predict(e.subject, e.description, 3);
    const served = combine(fromRules, prediction, report.policy).map((c) => c.rule ?? c.learned);
    suggestMs.push(performance.now() - t0);
    cases.rules.push({ truth: truthOf(e), ranked: fromRules });
    cases.model.push({ truth: truthOf(e), ranked: prediction.suggestions });
    cases.combination.push({ truth: truthOf(e), ranked: served });
  }
  const testUsed = process.cpuUsage(testCpu);
  suggestCpuMs.push((testUsed.user + testUsed.system) / 1000 / test.length);
}

const reports = Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, accuracyReport(c)]));
const pct = (x) => (x === null ? '   —  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const width = (s) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (s, n) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s, n) => ' '.repeat(Math.max(0, n - width(s))) + s;

const withLevel2 = timed.filter((e) => e.level2).length;
const withLeaf = timed.filter((e) => e.categoryId !== undefined).length;
console.log(`${values.file}: ${timed.length} examples (${withLevel2} with level 2, ${withLeaf} with a leaf), ${folds}-fold cross-validation`);
console.log(`combination served per fold: ${chosen.join(', ')}`);
console.log('');
console.log('               level 1          level 2          leaf');
console.log('               top-1   top-3    top-1   top-3    top-1   top-3');
for (const [name, r] of Object.entries(reports)) {
  console.log(`${pad(name, 13)}  ${pct(r.level1.top1Rate)}  ${pct(r.level1.top3Rate)}   ${pct(r.level2.top1Rate)}  ${pct(r.level2.top3Rate)}   ${pct(r.leaf.top1Rate)}  ${pct(r.leaf.top3Rate)}`);
}
console.log('');
console.log('Per first-level class, top-1 (top-3):');
console.log(`${pad('class', 18)} ${padStart('n', 5)}   ${pad('rules', 16)}${pad('model', 16)}combination`);
for (const cls of Object.keys(reports.rules.perClass)) {
  const cell = (name) => {
    const c = reports[name].perClass[cls];
    return pad(`${pct(c.top1Rate).trim()} (${pct(c.top3Rate).trim()})`, 16);
  };
  console.log(`${pad(cls, 18)} ${padStart(String(reports.rules.perClass[cls].n), 5)}   ${cell('rules')}${cell('model')}${cell('combination').trim()}`);
}
console.log('');
const table = confusionTable(cases[values.confusion]);
const classes = [...new Set([...table.keys(), ...[...table.values()].flatMap((row) => [...row.keys()])])].sort();
const short = (c) => (c === NO_SUGGESTION ? c : [...c].slice(0, 2).join(''));
console.log(`Confusion of the ${values.confusion} (rows: clerk's class; columns: first suggestion's class, first two characters):`);
console.log(pad('', 18) + classes.map((c) => padStart(short(c), 5)).join(''));
for (const cls of [...table.keys()].sort()) {
  const row = table.get(cls);
  console.log(pad(cls, 18) + classes.map((c) => padStart(row.get(c) ? String(row.get(c)) : '.', 5)).join(''));
}
console.log('');
const sorted = [...suggestMs].sort((a, b) => a - b);
const p = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
// CPU time as well as elapsed time: on a shared machine the elapsed time mostly measures the others.
console.log(`training and choosing the policy (per fold, ${train0()} examples): ${trainMs.map((t) => `${(t.cpu / 1000).toFixed(2)} s CPU (${(t.wall / 1000).toFixed(2)} s elapsed)`).join(', ')}`);
const cpuMean = suggestCpuMs.reduce((a, b) => a + b, 0) / suggestCpuMs.length;
console.log(`suggestion (rules + model + combination): ${cpuMean.toFixed(2)} ms CPU on average; elapsed median ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`);

function train0() {
  return timed.length - Math.ceil(timed.length / folds);
}
