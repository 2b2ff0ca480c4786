import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { DevTokenIssuer } from './dev-token-issuer';

const readJwks = (dir: string) => (JSON.parse(readFileSync(join(dir, 'jwks.json'), 'utf8')) as { keys: JWK[] }).keys;

describe('DevTokenIssuer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdmc-dev-issuer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a private key only its owner can read and publishes the public key alone', async () => {
    const issuer = await DevTokenIssuer.create({ dir });
    expect(statSync(join(dir, 'signing-key.private.json')).mode & 0o777).toBe(0o600);
    const keys = readJwks(dir);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toHaveProperty('d');
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: issuer.kid });
    expect(await calculateJwkThumbprint(keys[0], 'sha256')).toBe(issuer.kid);
    expect(issuer.jwksUrl).toBe(`file://${join(dir, 'jwks.json')}`);
    expect(issuer).toMatchObject({ issuer: 'https://auth.local.pdmc', audience: 'pdmc' });
  });

  it('loads the existing key pair from the folder instead of making a new one', async () => {
    const first = await DevTokenIssuer.create({ dir });
    const second = await DevTokenIssuer.create({ dir });
    expect(second.kid).toBe(first.kid);
    expect(readJwks(dir)).toHaveLength(1);
  });

  it('agrees on one key when several processes create it at once', async () => {
    const issuers = await Promise.all([1, 2, 3, 4].map(() => DevTokenIssuer.create({ dir })));
    expect(new Set(issuers.map((issuer) => issuer.kid)).size).toBe(1);
  });

  it('mints the claims the services read, signed with the current key', async () => {
    const issuer = await DevTokenIssuer.create({ dir, issuer: 'https://idp.test', audience: 'svc' });
    const token = await issuer.mint({
      sub: 'liaison-1',
      name: '李明',
      roles: ['responsible_body_liaison'],
      bodies: ['dept:justice'],
      responderUnit: 'r-1',
      expiresInSec: 120,
      notBeforeSec: 10,
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: issuer.kid, typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: 'liaison-1',
      name: '李明',
      roles: ['responsible_body_liaison'],
      bodies: ['dept:justice'],
      responder_unit: 'r-1',
      iss: 'https://idp.test',
      aud: 'svc',
    });
    const { iat = NaN, exp = NaN, nbf = NaN } = claims;
    expect(exp - iat).toBe(120);
    expect(nbf - iat).toBe(10);
    expect(typeof claims.jti).toBe('string');
  });

  it('keeps the new and the previous public key after a rotation, and only those', async () => {
    const issuer = await DevTokenIssuer.create({ dir });
    const first = issuer.kid;
    await issuer.rotate();
    const second = issuer.kid;
    expect(second).not.toBe(first);
    expect(readJwks(dir).map((key) => key.kid)).toEqual([second, first]);
    await issuer.rotate();
    expect(readJwks(dir).map((key) => key.kid)).toEqual([issuer.kid, second]);
    expect(statSync(join(dir, 'signing-key.private.json')).mode & 0o777).toBe(0o600);
    // A restart keeps the previous key published, so its tokens stay valid.
    const reloaded = await DevTokenIssuer.create({ dir });
    expect(reloaded.kid).toBe(issuer.kid);
    expect(readJwks(dir).map((key) => key.kid)).toEqual([issuer.kid, second]);
  });
});
