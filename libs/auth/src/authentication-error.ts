/** Why a bearer token was refused; stable values, safe to log and to count. */
export const AUTH_FAILURE_REASONS = [
  'token_missing',
  'token_malformed',
  'token_expired',
  'token_not_yet_valid',
  'signature_invalid',
  'wrong_issuer',
  'wrong_audience',
  'algorithm_not_allowed',
  'key_unknown',
] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

const MESSAGES: Record<AuthFailureReason, string> = {
  token_missing: 'No bearer token was presented',
  token_malformed: 'The token is malformed or lacks a required claim',
  token_expired: 'The token has expired',
  token_not_yet_valid: 'The token is not valid yet',
  signature_invalid: 'The token signature is invalid',
  wrong_issuer: 'The token was issued by an untrusted issuer',
  wrong_audience: 'The token was issued for another audience',
  algorithm_not_allowed: 'The token signing algorithm is not allowed',
  key_unknown: 'The token was signed with an unknown key',
};

/**
 * A refused token. The message is fixed per reason and never contains the token or its claims,
 * so the error can be logged as it is.
 */
export class AuthenticationError extends Error {
  constructor(readonly reason: AuthFailureReason) {
    super(MESSAGES[reason]);
    this.name = 'AuthenticationError';
  }
}
