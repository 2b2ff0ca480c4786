#!/usr/bin/env node
// Adds up Jest's per-project "Tests:" lines from a test log and prints one closing line,
// "tests: N passed, N failed", so CI shows the whole run's count at a glance.
import { readFileSync } from 'node:fs';

const log = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
let projects = 0;
for (const line of log.split('\n')) {
  const match = /Tests:\s+(.*\d+ total)/.exec(line);
  if (!match) continue;
  projects += 1;
  for (const [, count, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    if (kind === 'passed') passed += Number(count);
    else if (kind === 'failed') failed += Number(count);
    else skipped += Number(count);
  }
}
process.stdout.write(`\n${projects} test projects\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
