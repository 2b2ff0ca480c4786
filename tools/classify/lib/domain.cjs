// Loads intake's classification domain (plain TypeScript, no Nest, no database) straight from
// source, compiled in memory by SWC as the tests do, so the tool measures exactly the code that
// serves and needs no build. Only type imports leave the domain folder, and SWC drops those.
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const ROOT = resolve(__dirname, '../../..');
const DOMAIN = join(ROOT, 'services/intake/src/classification/domain');

if (!Module._extensions['.ts']) {
  Module._extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}

/** The taxonomy as intake reads it: id → { id, level1, level2, level3 }. */
function loadTaxonomy() {
  const csv = readFileSync(join(ROOT, 'data/reference/complaint-taxonomy.csv'), 'utf8');
  const taxonomy = new Map();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [id, level1, level2, level3] = line.split(',');
    taxonomy.set(Number(id), { id: Number(id), level1, level2, level3 });
  }
  return taxonomy;
}

module.exports = {
  ROOT,
  loadTaxonomy,
  keywords: () => require(join(DOMAIN, 'category-keywords.ts')),
  keywordRules: () => require(join(DOMAIN, 'keyword-rules.ts')),
  suggest: () => require(join(DOMAIN, 'suggest-category.ts')),
  selection: () => require(join(DOMAIN, 'selection.ts')),
  evaluation: () => require(join(DOMAIN, 'evaluation.ts')),
  combination: () => require(join(DOMAIN, 'combination.ts')),
  learnedModel: () => require(join(DOMAIN, 'learned-model.ts')),
};
