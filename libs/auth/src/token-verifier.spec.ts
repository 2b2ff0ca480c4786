import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { AuthenticationError, type AuthFailureReason } from './authentication-error';
import { DevTokenIssuer, type MintOptions } from './dev/dev-token-issuer';
import { TokenVerifier } from './token-verifier';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

async function reasonOf(promise: Promise<unknown>): Promise<AuthFailureReason> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthenticationError) return error.reason;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('TokenVerifier', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdmc-auth-spec-'));
    dirs.push(dir);
    return dir;
  };
  let issuer: DevTokenIssuer;
  let verifier: TokenVerifier;
  const user: MintOptions = { sub: 'clerk-01', name: '王芳', roles: ['intake_clerk'], units: ['LABOUR'], bodies: ['area:HX'] };

  beforeEach(async () => {
    issuer = await DevTokenIssuer.create({ dir: tempDir() });
    verifier = new TokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl });
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('turns a valid token into its principal', async () => {
    const principal = await verifier.verify(await issuer.mint(user));
    expect(principal).toMatchObject({ subject: 'clerk-01', name: '王芳', roles: ['intake_clerk'], units: ['LABOUR'], bodies: ['area:HX'] });
    expect(principal.permissions.has('petition.register')).toBe(true);
  });

  it('refuses a missing or malformed token', async () => {
    expect(await reasonOf(verifier.verify(''))).toBe('token_missing');
    expect(await reasonOf(verifier.verify(undefined))).toBe('token_missing');
    expect(await reasonOf(verifier.verify('not-a-jwt'))).toBe('token_malformed');
    expect(await reasonOf(verifier.verify('a.b.c'))).toBe('token_malformed');
    expect(await reasonOf(verifier.verify(`${'a'.repeat(20_000)}.b.c`))).toBe('token_malformed');
  });

  it('refuses an expired token, beyond the clock tolerance', async () => {
    expect(await reasonOf(verifier.verify(await issuer.mint({ ...user, expiresInSec: -60 })))).toBe('token_expired');
    // Within the 30 s tolerance a just-expired token still passes (clock skew between hosts).
    await expect(verifier.verify(await issuer.mint({ ...user, expiresInSec: -5 }))).resolves.toMatchObject({ subject: 'clerk-01' });
  });

  it('refuses a token that is not valid yet', async () => {
    expect(await reasonOf(verifier.verify(await issuer.mint({ ...user, notBeforeSec: 600 })))).toBe('token_not_yet_valid');
  });

  it('refuses a token signed by another key pair', async () => {
    const stranger = await DevTokenIssuer.create({ dir: tempDir() });
    expect(await reasonOf(verifier.verify(await stranger.mint(user)))).toBe('key_unknown');

    // The same forgery but claiming the trusted key's id: the signature does not match.
    const forged = await stranger.mint(user);
    const [, payload, signature] = forged.split('.');
    const header = b64url(JSON.stringify({ alg: 'ES256', kid: issuer.kid, typ: 'JWT' }));
    expect(await reasonOf(verifier.verify(`${header}.${payload}.${signature}`))).toBe('signature_invalid');
  });

  it('refuses a token with a tampered payload', async () => {
    const [header, , signature] = (await issuer.mint(user)).split('.');
    const payload = b64url(
      JSON.stringify({ sub: 'clerk-01', roles: ['centre_director'], iss: issuer.issuer, aud: issuer.audience, exp: Math.floor(Date.now() / 1000) + 600 }),
    );
    expect(await reasonOf(verifier.verify(`${header}.${payload}.${signature}`))).toBe('signature_invalid');
  });

  it('refuses a token for another audience or from another issuer', async () => {
    expect(await reasonOf(verifier.verify(await issuer.mint({ ...user, audience: 'other-app' })))).toBe('wrong_audience');
    expect(await reasonOf(verifier.verify(await issuer.mint({ ...user, issuer: 'https://evil.example' })))).toBe('wrong_issuer');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = b64url(JSON.stringify({ sub: 'x', roles: ['centre_director'], iss: issuer.issuer, aud: issuer.audience, exp: now + 600 }));
    expect(await reasonOf(verifier.verify(`${header}.${payload}.`))).toBe('algorithm_not_allowed');
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwks = JSON.parse(readFileSync(new URL(issuer.jwksUrl), 'utf8')) as { keys: unknown[] };
    const secret = Buffer.from(JSON.stringify(jwks.keys[0]));
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: issuer.kid }));
    const payload = b64url(JSON.stringify({ sub: 'x', roles: ['centre_director'], iss: issuer.issuer, aud: issuer.audience, exp: now + 600 }));
    const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    expect(await reasonOf(verifier.verify(`${header}.${payload}.${signature}`))).toBe('algorithm_not_allowed');
  });

  it('refuses a signed token without exp', async () => {
    // A token without `exp` would be valid forever; the dev issuer cannot mint one, so sign by hand.
    const { SignJWT, importJWK } = await import('jose');
    const privateJwk = JSON.parse(readFileSync(new URL('signing-key.private.json', issuer.jwksUrl), 'utf8'));
    const token = await new SignJWT({ roles: ['auditor'] })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.kid })
      .setSubject('u')
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .sign(await importJWK(privateJwk, 'ES256'));
    expect(await reasonOf(verifier.verify(token))).toBe('token_malformed');
  });

  it('never echoes the token in its error', async () => {
    const token = await issuer.mint({ ...user, expiresInSec: -60 });
    const error: unknown = await verifier.verify(token).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    const { message, stack } = error as AuthenticationError;
    expect(JSON.stringify({ message, stack, ...(error as object) })).not.toContain(token.split('.')[1]);
  });

  it('keeps verifying across a key rotation: new tokens and those signed before it', async () => {
    const before = await issuer.mint(user);
    await verifier.verify(before);
    await issuer.rotate();
    const after = await issuer.mint(user);
    await expect(verifier.verify(after)).resolves.toMatchObject({ subject: 'clerk-01' });
    await expect(verifier.verify(before)).resolves.toMatchObject({ subject: 'clerk-01' });
  });

  it('re-reads the key file for an unknown kid at most once every 5 s', async () => {
    await verifier.verify(await issuer.mint(user));
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    await issuer.rotate();
    await verifier.verify(await issuer.mint(user));
    await issuer.rotate();
    const newest = await issuer.mint(user);
    expect(await reasonOf(verifier.verify(newest))).toBe('key_unknown');
    clock.mockReturnValue(start + 5_001);
    await expect(verifier.verify(newest)).resolves.toMatchObject({ subject: 'clerk-01' });
  });

  it('refuses bad configuration at construction', () => {
    expect(() => new TokenVerifier({ issuer: '', audience: 'a', jwksUrl: 'https://x/jwks.json' })).toThrow(/issuer/);
    expect(() => new TokenVerifier({ issuer: 'i', audience: 'a', jwksUrl: 'ftp://x/jwks.json' })).toThrow(/scheme/);
    expect(() => new TokenVerifier({ issuer: 'i', audience: 'a', jwksUrl: 'jwks.json' })).toThrow(/jwksUrl/);
  });
});
