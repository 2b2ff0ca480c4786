// What the demo-data generator and the benchmarks share: the repository root, the loopback-only
// rule, staff tokens from the local issuer, and JSON over HTTP with a time limit.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Exits with a message: for bad options and refused hosts. */
export function fail(message, code = 2) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/**
 * The URL, if it points at a 127.0.0.0/8 address over plain HTTP; anything else is refused, so
 * these tools can never load or fill a shared or production system by mistake.
 */
export function loopbackUrl(text, option = '--url') {
  let url;
  try {
    url = new URL(text);
  } catch {
    fail(`${option}: not a URL: ${text}`);
  }
  const octets = url.hostname.split('.');
  const isLoopback =
    octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
  if (url.protocol !== 'http:' || !isLoopback) {
    fail(`${option}: refusing ${url.origin}: only http://127.x.x.x addresses (the local stack) are allowed`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** Mints staff tokens with the local stack's issuer (libs/auth/src/dev/dev-token-issuer.ts). */
export async function localIssuer(authDir) {
  const dir = resolve(ROOT, authDir);
  // DevTokenIssuer.create would make a new key pair in an empty folder, which no service trusts.
  if (!existsSync(join(dir, 'signing-key.private.json'))) {
    fail(`no token issuer key in ${dir}: start the local stack (npm start) first, or pass --auth-dir`);
  }
  let auth;
  try {
    auth = createRequire(join(ROOT, 'package.json'))('@pdmc/auth');
  } catch (error) {
    fail(`cannot load the built @pdmc/auth (${error.message}): run npm start or npx nx run auth:build first`);
  }
  const issuer = await auth.DevTokenIssuer.create({ dir });
  return { mint: (options) => issuer.mint({ expiresInSec: 3600, ...options }) };
}

/**
 * One JSON request with a time limit. Never throws: `{ status, body, ms }`, status 0 on a
 * network error or time-out (`error` says which).
 */
export async function requestJson(method, url, { token, headers = {}, body, timeoutMs = 10_000 } = {}) {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, ms: performance.now() - started };
  } catch (error) {
    const reason = error?.name === 'TimeoutError' ? 'timeout' : (error?.cause?.code ?? error?.message ?? 'error');
    return { status: 0, body: undefined, error: reason, ms: performance.now() - started };
  }
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once. */
export async function pool(count, concurrency, task) {
  let nextIndex = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (nextIndex < count) {
      const i = nextIndex++;
      await task(i);
    }
  });
  await Promise.all(workers);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Integer option within bounds, or exit with a message. */
export function intOption(values, name, fallback, min, max) {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}
