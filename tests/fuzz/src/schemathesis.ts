import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@pdmc/testing';

/** How long a run goes on and how it checks; see tools/fuzz/schemathesis.toml for the checks. */
export interface FuzzBudget {
  /** Test cases per operation and phase (schemathesis `--max-examples`). */
  maxExamples: number;
  /** `examples`, `coverage`, `fuzzing` (stateful needs links the documents do not have). */
  phases: readonly string[];
  /** Parallel requests. */
  workers: number;
  /** A fixed seed makes a bounded run repeat itself exactly. */
  seed?: number;
}

export interface FuzzRun {
  service: string;
  exitCode: number;
  /** What schemathesis printed (its summary names every failure with a curl reproduction). */
  output: string;
  requests: number;
  byStatus: Record<string, number>;
  /** `GET /petitions/{id}` -> status -> count. */
  byOperation: Record<string, Record<string, number>>;
}

/** The slowest answer the suite accepts, in seconds (issue 10: 2 s); `PDMC_FUZZ_MAX_RESPONSE_SECONDS` overrides it. */
export const MAX_RESPONSE_SECONDS = Number(process.env['PDMC_FUZZ_MAX_RESPONSE_SECONDS'] ?? 2);

/** The virtual environment tools/fuzz/setup.sh creates; made (or brought up to date) here if needed. */
export function schemathesisBinary(): string {
  const root = findRepoRoot();
  const venv = process.env['PDMC_FUZZ_VENV'] ?? join(root, '.local-stack', 'fuzz-venv');
  const setup = spawnSync('bash', [join(root, 'tools', 'fuzz', 'setup.sh')], {
    env: { ...process.env, PDMC_FUZZ_VENV: venv },
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (setup.status !== 0) throw new Error(`tools/fuzz/setup.sh failed:\n${setup.stderr}`);
  const binary = join(venv, 'bin', 'st');
  if (!existsSync(binary)) throw new Error(`${binary} is missing after tools/fuzz/setup.sh`);
  return binary;
}

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number };
}

/** Turns `/petitions/{id}/flags` into a matcher for concrete paths. */
function templateMatcher(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`));
  return new RegExp(`^${escaped.replace(/\{[^}]+\}/g, '[^/]+')}$`);
}

function countRequests(entries: HarEntry[], paths: string[]): Pick<FuzzRun, 'requests' | 'byStatus' | 'byOperation'> {
  // Literal paths before templated ones, so `/petitions/acceptance-queue` is not taken for `/petitions/{id}`.
  const matchers = [...paths]
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
    .map((p) => ({ template: p, re: templateMatcher(p) }));
  const byStatus: Record<string, number> = {};
  const byOperation: Record<string, Record<string, number>> = {};
  for (const { request, response } of entries) {
    const path = decodeURI(new URL(request.url).pathname);
    const template = matchers.find((m) => m.re.test(path))?.template ?? path;
    const operation = `${request.method} ${template}`;
    const status = String(response.status);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const row = (byOperation[operation] ??= {});
    row[status] = (row[status] ?? 0) + 1;
  }
  return { requests: entries.length, byStatus, byOperation };
}

/**
 * Runs schemathesis against one running service, generating requests from its OpenAPI document
 * (`/docs/json`) with a bearer token, and counts every request it sent from its HAR report.
 */
export async function fuzzService(service: string, baseUrl: string, token: string, budget: FuzzBudget): Promise<FuzzRun> {
  const root = findRepoRoot();
  const binary = schemathesisBinary();
  const reportDir = mkdtempSync(join(tmpdir(), `pdmc-fuzz-${service}-`));
  const args = [
    '--config-file',
    join(root, 'tools', 'fuzz', 'schemathesis.toml'),
    'run',
    `${baseUrl}/docs/json`,
    '--url',
    baseUrl,
    '--header',
    `Authorization: Bearer ${token}`,
    '--max-response-time',
    String(MAX_RESPONSE_SECONDS),
    '--max-examples',
    String(budget.maxExamples),
    '--phases',
    budget.phases.join(','),
    '--workers',
    String(budget.workers),
    '--generation-database',
    'none',
    // Hypothesis's health checks time data generation; on a busy machine they fail runs whose
    // requests were all answered correctly.
    '--suppress-health-check',
    'all',
    '--request-timeout',
    '10',
    '--report',
    'har',
    '--report-dir',
    reportDir,
    '--no-color',
    ...(budget.seed !== undefined ? ['--seed', String(budget.seed)] : []),
  ];
  try {
    const { exitCode, output } = await new Promise<{ exitCode: number; output: string }>((resolve, reject) => {
      const child = spawn(binary, args, { cwd: reportDir, env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ exitCode: code ?? 1, output }));
    });
    const document = (await (await fetch(`${baseUrl}/docs/json`)).json()) as { paths: Record<string, unknown> };
    const entries = readdirSync(reportDir)
      .filter((f) => f.startsWith('har'))
      .flatMap((f) => (JSON.parse(readFileSync(join(reportDir, f), 'utf8')) as { log: { entries: HarEntry[] } }).log.entries);
    return { service, exitCode, output, ...countRequests(entries, Object.keys(document.paths)) };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/** The counts as a table: status totals, then each operation's statuses. */
export function formatCounts(run: FuzzRun): string {
  const statuses = (row: Record<string, number>) =>
    Object.entries(row)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s}:${n}`)
      .join(' ');
  const lines = [`${run.service}: ${run.requests} requests; by status ${statuses(run.byStatus)}`];
  for (const [operation, row] of Object.entries(run.byOperation).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${operation.padEnd(56)} ${statuses(row)}`);
  }
  return lines.join('\n');
}
