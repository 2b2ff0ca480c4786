import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type KeyLike,
} from 'jose';
import type { WorkUnit } from '@pdmc/contracts';
import type { Role } from '../roles';

/** Options of {@link DevTokenIssuer.create}. */
export interface DevTokenIssuerOptions {
  /** Folder for the key pair and `jwks.json`; created when missing. */
  dir: string;
  issuer?: string;
  audience?: string;
}

/** What {@link DevTokenIssuer.mint} puts into a token. */
export interface MintOptions {
  sub: string;
  name?: string;
  roles: readonly Role[];
  units?: readonly WorkUnit[];
  bodies?: readonly string[];
  responderUnit?: string;
  /** Lifetime from now; a negative value mints an already expired token (for tests). */
  expiresInSec?: number;
  /** When set, the token becomes valid only this many seconds from now (`nbf`). */
  notBeforeSec?: number;
  /** Overrides the issuer's audience (to test refusals). */
  audience?: string;
  /** Overrides the issuer's `iss` (to test refusals). */
  issuer?: string;
}

const ALG = 'ES256';
const PRIVATE_KEY_FILE = 'signing-key.private.json';
const JWKS_FILE = 'jwks.json';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

/**
 * A token issuer for the local stack and tests ONLY: it stands in for the centre's identity
 * provider, signing staff tokens with an ES256 key kept in a plain file. Services trust it by
 * pointing `AUTH_JWKS_URL` at its `jwks.json` (`file://`). Never point a production service at
 * its keys: whoever can read the folder can mint any role.
 */
export class DevTokenIssuer {
  private constructor(
    private readonly dir: string,
    /** `iss` of minted tokens. */
    readonly issuer: string,
    /** `aud` of minted tokens. */
    readonly audience: string,
    private current: SigningKey,
    private previous: JWK | undefined,
  ) {}

  /**
   * Loads the key pair in `dir`, or creates one there, and (re)writes `dir/jwks.json` with its
   * public key and the key it replaced, if any.
   */
  static async create({ dir, issuer = 'https://auth.local.pdmc', audience = 'pdmc' }: DevTokenIssuerOptions): Promise<DevTokenIssuer> {
    const folder = resolve(dir);
    // Readable folder: services (possibly another uid) must read jwks.json; the key file itself is 0600.
    await mkdir(folder, { recursive: true, mode: 0o755 });
    const current = (await loadSigningKey(folder)) ?? (await createSigningKey(folder));
    const published = await readJwks(join(folder, JWKS_FILE));
    const previous = published.find((key) => key.kid !== current.kid);
    const issuerInstance = new DevTokenIssuer(folder, issuer, audience, current, previous);
    await issuerInstance.writeJwks();
    return issuerInstance;
  }

  /** `file://` URL of the published public keys, for `AUTH_JWKS_URL`. */
  get jwksUrl(): string {
    return pathToFileURL(join(this.dir, JWKS_FILE)).href;
  }

  /** `kid` (RFC 7638 thumbprint) of the key new tokens are signed with. */
  get kid(): string {
    return this.current.kid;
  }

  /** Signs a staff token with the current key. */
  async mint(options: MintOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      roles: [...options.roles],
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.units?.length ? { units: [...options.units] } : {}),
      ...(options.bodies?.length ? { bodies: [...options.bodies] } : {}),
      ...(options.responderUnit !== undefined ? { responder_unit: options.responderUnit } : {}),
    };
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: this.current.kid, typ: 'JWT' })
      .setSubject(options.sub)
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setIssuedAt(now)
      .setJti(randomUUID())
      .setExpirationTime(now + (options.expiresInSec ?? 3600));
    if (options.notBeforeSec !== undefined) jwt.setNotBefore(now + options.notBeforeSec);
    return jwt.sign(this.current.privateKey);
  }

  /**
   * Replaces the signing key. `jwks.json` then holds the new key and the one it replaced, so
   * tokens minted before the rotation stay valid until they expire.
   */
  async rotate(): Promise<void> {
    const replaced = this.current;
    this.current = await createSigningKey(this.dir, { replace: true });
    this.previous = replaced.publicJwk;
    await this.writeJwks();
  }

  private async writeJwks(): Promise<void> {
    const keys = [this.current.publicJwk, ...(this.previous ? [this.previous] : [])];
    await writeAtomically(join(this.dir, JWKS_FILE), `${JSON.stringify({ keys }, null, 2)}\n`, 0o644);
  }
}

async function loadSigningKey(dir: string): Promise<SigningKey | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, PRIVATE_KEY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const privateJwk = JSON.parse(text) as JWK;
  return signingKeyFrom(privateJwk);
}

/**
 * Generates a key pair and stores the private key (mode 0600). Without `replace` it never
 * overwrites: when another process created a key first, that key is used, so services started
 * together agree on one key.
 */
async function createSigningKey(dir: string, { replace = false } = {}): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const path = join(dir, PRIVATE_KEY_FILE);
  const text = `${JSON.stringify(privateJwk)}\n`;
  if (replace) {
    await writeAtomically(path, text, 0o600);
    return signingKeyFrom(privateJwk);
  }
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails when the target exists, unlike rename(): the first writer wins.
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = await loadSigningKey(dir);
    if (existing) return existing;
    throw error;
  } finally {
    await unlink(temporary);
  }
  return signingKeyFrom(privateJwk);
}

async function signingKeyFrom(privateJwk: JWK): Promise<SigningKey> {
  const { kty, crv, x, y } = privateJwk;
  const publicOnly: JWK = { kty, crv, x, y };
  const kid = await calculateJwkThumbprint(publicOnly, 'sha256');
  const privateKey = (await importJWK(privateJwk, ALG)) as KeyLike;
  return { kid, privateKey, publicJwk: { ...publicOnly, kid, alg: ALG, use: 'sig' } };
}

async function readJwks(path: string): Promise<JWK[]> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { keys?: unknown };
    return Array.isArray(parsed.keys) ? (parsed.keys as JWK[]).filter((key) => typeof key?.kid === 'string' && !('d' in key)) : [];
  } catch {
    // Missing or unreadable: it is rewritten from the private key anyway.
    return [];
  }
}

/** Readers (the token verifier) see the old file or the new one, never half of one. */
async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, text, { mode, flag: 'wx' });
  await chmod(temporary, mode);
  await rename(temporary, path);
}
