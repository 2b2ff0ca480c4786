#!/usr/bin/env node
// Writes a CSV of fictional, labelled petitions (subject, description, level1, level2, level3,
// at) for `evaluate.mjs` and for importing as historical examples. The words come from the demo
// templates (tools/demo-data) and from this tool's own matters (lib/local-matters.mjs); some
// messages are cut to their first sentence or to the subject alone, as short hotline notes are.
//
//   node tools/classify/generate-examples.mjs --count 800 --seed centre-a --out examples.csv

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPetitionGenerator, loadReference } from '../demo-data/lib/petitions.mjs';
import { Random } from '../demo-data/lib/random.mjs';
import { fail, intOption, ROOT } from '../demo-data/lib/local.mjs';
import { toCsv } from './lib/csv.mjs';
import { localExample } from './lib/local-matters.mjs';

const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    seed: { type: 'string', default: 'examples' },
    'local-share': { type: 'string', default: '0.3' },
    'short-share': { type: 'string', default: '0.15' },
    out: { type: 'string' },
  },
});
const count = intOption(values, 'count', 600, 1, 20_000);
const share = (name) => {
  const v = Number(values[name]);
  if (!(v >= 0 && v <= 1)) fail(`--${name} must be a number from 0 to 1`);
  return v;
};
const localShare = share('local-share');
const shortShare = share('short-share');

const { taxonomy, gazetteer } = loadReference(ROOT);
const now = Date.parse('2026-11-28T10:00:00+08:00');
const demo = createPetitionGenerator({ seed: values.seed, now, taxonomy, gazetteer, keyPrefix: 'examples' });
const r = new Random(`pdmc-examples:${values.seed}`);
const levelsOf = new Map([...taxonomy].map(([path, id]) => [id, path.split('/')]));
const firstSentence = (text) => text.split(/[。！？]/)[0] + '。';

const rows = [['subject', 'description', 'level1', 'level2', 'level3', 'at']];
for (let i = 0; i < count; i++) {
  let subject, description, levels;
  if (r.chance(localShare)) {
    const local = localExample(r);
    [subject, description, levels] = [local.subject, local.description, local.cat];
  } else {
    const { body } = demo.next();
    [subject, description, levels] = [body.subject, body.description, levelsOf.get(body.categoryId)];
  }
  if (r.chance(shortShare)) description = r.chance(0.5) ? '' : firstSentence(description);
  // One a few hours apart, oldest first: the order a centre's archive has.
  const at = new Date(now - (count - i) * 3 * 3_600_000).toISOString();
  rows.push([subject, description, ...levels, at]);
}
const csv = toCsv(rows);
if (values.out) {
  writeFileSync(values.out, csv);
  console.error(`${count} examples written to ${values.out}`);
} else process.stdout.write(csv);
