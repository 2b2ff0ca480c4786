import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticationError } from '../authentication-error';
import type { Principal } from '../principal';
import type { Permission } from '../roles';
import { TokenVerifier } from '../token-verifier';
import { PUBLIC_KEY, REQUIRED_PERMISSIONS_KEY, type AuthenticatedRequest } from './auth.decorators';

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** The one reply method the guard needs; Fastify's reply (and Express's response) have it. */
interface HttpReply {
  header(name: string, value: string): unknown;
}

/** `Bearer <token>`; the scheme is case-insensitive (RFC 7235). */
const BEARER = /^Bearer +(\S+)\s*$/i;
const REALM = 'pdmc';

/** What a route declared. */
type Access = { kind: 'public' } | { kind: 'permissions'; permissions: readonly Permission[] } | { kind: 'undeclared' };

/**
 * Deny-by-default guard for HTTP routes:
 * 1. `@Public()` routes pass without a token.
 * 2. Otherwise a valid `Authorization: Bearer <jwt>` is required, else 401 `AUTH.UNAUTHENTICATED`
 *    with a `WWW-Authenticate` challenge; the principal goes to `request.principal`.
 * 3. A route that declared nothing is closed: 403 `AUTH.NO_PERMISSION_DECLARED`.
 * 4. The principal needs at least one of the declared permissions, else 403 `AUTH.FORBIDDEN`.
 *
 * Message handlers (non-HTTP contexts) pass: the bus authenticates its clients itself.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.accessOf(context);
    if (access.kind === 'public') return true;

    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const principal = await this.authenticate(request, http.getResponse<HttpReply>());
    request.principal = principal;

    if (access.kind === 'undeclared') {
      // Loud: a route without a declaration is a programming error, caught here rather than in production data.
      this.logger.warn(`Route ${context.getClass().name}.${context.getHandler().name} declares no permission; refused`);
      throw new ForbiddenException({
        code: 'AUTH.NO_PERMISSION_DECLARED',
        message: 'This route declares no permission and is closed to everyone',
      });
    }
    if (!access.permissions.some((permission) => principal.permissions.has(permission))) {
      throw new ForbiddenException({
        code: 'AUTH.FORBIDDEN',
        message: `Requires one of the permissions: ${access.permissions.join(', ')}`,
      });
    }
    return true;
  }

  /** The handler's own declaration wins; the controller's applies to handlers that have none. */
  private accessOf(context: ExecutionContext): Access {
    for (const target of [context.getHandler(), context.getClass()]) {
      const permissions = this.reflector.get<readonly Permission[] | undefined>(REQUIRED_PERMISSIONS_KEY, target);
      // Declared permissions beat `@Public()` at the same level: the stricter reading of a contradiction.
      if (permissions?.length) return { kind: 'permissions', permissions };
      if (this.reflector.get<boolean | undefined>(PUBLIC_KEY, target)) return { kind: 'public' };
    }
    return { kind: 'undeclared' };
  }

  private async authenticate(request: HttpRequest, reply: HttpReply): Promise<Principal> {
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    try {
      if (!header) throw new AuthenticationError('token_missing');
      if (!match) throw new AuthenticationError('token_malformed');
      return await this.verifier.verify(match[1]);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      // RFC 6750 §3.1: a request without credentials gets the bare challenge, a bad token the error code.
      reply.header(
        'WWW-Authenticate',
        error.reason === 'token_missing' ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="invalid_token"`,
      );
      if (error.reason !== 'token_missing' && error.reason !== 'token_expired') {
        this.logger.warn(`Bearer token refused: ${error.reason}`);
      }
      throw new UnauthorizedException({
        code: 'AUTH.UNAUTHENTICATED',
        message: error.reason === 'token_expired' ? 'The bearer token has expired' : 'A valid bearer token is required',
      });
    }
  }
}
