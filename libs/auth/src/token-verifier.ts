import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { AuthenticationError, type AuthFailureReason } from './authentication-error';
import { principalFromClaims, type Principal } from './principal';

/** Where tokens come from and where their signing keys are published. */
export interface TokenVerifierOptions {
  /** Required `iss`. */
  issuer: string;
  /** Required `aud` (one of the token's audiences). */
  audience: string;
  /**
   * The issuer's JWKS: `https://` (or `http://` inside a trusted network) is fetched and cached
   * with rotation handled by jose; `file://` is read from disk (local stack and tests).
   */
  jwksUrl: string;
  /** Allowed clock skew for `exp` and `nbf`, in seconds. */
  clockToleranceSec?: number;
}

/** Only asymmetric algorithms: `none` and HMAC (which a public key could forge) are refused. */
const ALGORITHMS = ['RS256', 'ES256'];
/** A remote JWKS is fetched again for an unknown `kid` at most this often. */
const REMOTE_COOLDOWN_MS = 30_000;
const REMOTE_TIMEOUT_MS = 5_000;
/** A JWKS file is re-read for an unknown `kid` at most this often. */
const FILE_RELOAD_INTERVAL_MS = 5_000;
/** Far above any real access token; stops oversized input before any parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Verifies staff bearer tokens (JWT, RS256 or ES256) against the issuer's published keys and
 * turns them into a {@link Principal}. `iss`, `aud` and `exp` are required. Every refusal is an
 * {@link AuthenticationError} with a machine reason; key-source outages (JWKS unreachable or
 * unreadable) are thrown as they are, because they are the server's fault, not the caller's.
 */
export class TokenVerifier {
  private readonly issuer: string;
  private readonly audience: string;
  private readonly clockToleranceSec: number;
  private readonly getKey: JWTVerifyGetKey;

  constructor({ issuer, audience, jwksUrl, clockToleranceSec = 30 }: TokenVerifierOptions) {
    if (!issuer) throw new Error('TokenVerifier: issuer is required');
    if (!audience) throw new Error('TokenVerifier: audience is required');
    if (!Number.isFinite(clockToleranceSec) || clockToleranceSec < 0) {
      throw new Error('TokenVerifier: clockToleranceSec must be a non-negative number');
    }
    this.issuer = issuer;
    this.audience = audience;
    this.clockToleranceSec = clockToleranceSec;
    this.getKey = keySource(jwksUrl);
  }

  /** Verifies `token` (the compact JWT, without `Bearer `) and returns its principal. */
  async verify(token: string | undefined | null): Promise<Principal> {
    if (!token) throw new AuthenticationError('token_missing');
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw new AuthenticationError('token_malformed');
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.getKey, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.clockToleranceSec,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      const reason = failureReason(error);
      if (reason) throw new AuthenticationError(reason);
      throw error;
    }
    return principalFromClaims(claims);
  }
}

/** Maps jose's errors to a reason; `undefined` for errors that are not the token's fault. */
function failureReason(error: unknown): AuthFailureReason | undefined {
  if (error instanceof errors.JWTExpired) return 'token_expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing' || error.reason === 'invalid') {
      return error.claim === 'iss' ? 'wrong_issuer' : error.claim === 'aud' ? 'wrong_audience' : 'token_malformed';
    }
    switch (error.claim) {
      case 'iss':
        return 'wrong_issuer';
      case 'aud':
        return 'wrong_audience';
      case 'nbf':
      case 'iat':
        return 'token_not_yet_valid';
      default:
        return 'token_malformed';
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm_not_allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature_invalid';
  // No key with the token's `kid`, or no `kid` and several candidates: either way no trusted key.
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'key_unknown';
  // A key of the wrong type for the declared algorithm, an unsupported header or bad encoding.
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return 'token_malformed';
  }
  return undefined;
}

function keySource(jwksUrl: string): JWTVerifyGetKey {
  let url: URL;
  try {
    url = new URL(jwksUrl);
  } catch {
    throw new Error('TokenVerifier: jwksUrl must be an absolute https://, http:// or file:// URL');
  }
  switch (url.protocol) {
    case 'https:':
    case 'http:':
      return createRemoteJWKSet(url, { cooldownDuration: REMOTE_COOLDOWN_MS, timeoutDuration: REMOTE_TIMEOUT_MS });
    case 'file:':
      return fileKeySource(fileURLToPath(url));
    default:
      throw new Error(`TokenVerifier: unsupported jwksUrl scheme ${url.protocol}`);
  }
}

/**
 * A JWKS file, read on first use and kept. A token whose `kid` is not in it makes the file be
 * read again (the issuer may have rotated), at most once per interval, so tokens with made-up
 * `kid`s cannot turn every request into a disk read.
 */
function fileKeySource(path: string): JWTVerifyGetKey {
  let keys: JWTVerifyGetKey | undefined;
  let loading: Promise<JWTVerifyGetKey> | undefined;
  let lastReloadAt = Number.NEGATIVE_INFINITY;

  const load = (): Promise<JWTVerifyGetKey> => {
    // Concurrent requests share one read.
    loading ??= readFile(path, 'utf8')
      .then((text) => {
        keys = createLocalJWKSet(JSON.parse(text) as JSONWebKeySet);
        return keys;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };

  return async (header, token) => {
    const current = keys ?? (await load());
    try {
      return await current(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      const now = Date.now();
      if (now - lastReloadAt < FILE_RELOAD_INTERVAL_MS) throw error;
      lastReloadAt = now;
      return (await load())(header, token);
    }
  };
}
