import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from '../principal';
import type { Permission } from '../roles';

/** Metadata key of {@link RequirePermission}. */
export const REQUIRED_PERMISSIONS_KEY = 'pdmc:auth:permissions';
/** Metadata key of {@link Public}. */
export const PUBLIC_KEY = 'pdmc:auth:public';

/**
 * Declares what a route (or every route of a controller) requires: the caller needs at least
 * one of the listed permissions. The declaration on the handler wins over the controller's.
 */
export const RequirePermission = (...permissions: [Permission, ...Permission[]]) =>
  SetMetadata(REQUIRED_PERMISSIONS_KEY, permissions);

/**
 * Opens a route (or every route of a controller) to unauthenticated callers: health checks and
 * the like. A `@RequirePermission` on a handler of a public controller still closes that handler.
 */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The request as the auth guard leaves it. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/**
 * Injects the caller's {@link Principal}. Used on a route that did not authenticate (a
 * `@Public()` one) it throws, so code written for a principal never runs without one.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('@CurrentPrincipal() used on a route without an authenticated principal');
  return principal;
});
