import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './api-error';
import { SERVICE_CONFIG } from '../service-core.tokens';

export interface RateLimitSpec {
  /** Requests allowed per client address within the window, or the configuration key holding it. */
  limit: number | string;
  windowSeconds: number;
}

export const RATE_LIMIT_METADATA = 'pdmc:rate-limit';

/** Limits how often one client address may call an endpoint (public endpoints above all). */
export const RateLimit = (spec: RateLimitSpec) => SetMetadata(RATE_LIMIT_METADATA, spec);

/**
 * Fixed-window counter per (route, client address), kept in this process. Behind several
 * instances each counts alone, so the effective limit is per instance; the reverse proxy should
 * limit too. Old windows are swept as new ones start, so memory stays bounded by active clients.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = Date.now();

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) private readonly config: Record<string, unknown>,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const spec = this.reflector.getAllAndOverride<RateLimitSpec | undefined>(RATE_LIMIT_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!spec) return true;
    const limit = typeof spec.limit === 'number' ? spec.limit : Number(this.config[spec.limit]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const now = Date.now();
    const windowMs = spec.windowSeconds * 1000;
    this.sweep(now, windowMs);
    const key = `${request.routeOptions?.url ?? request.url}|${request.ip}`;
    const current = this.windows.get(key);
    const window = current && now - current.start < windowMs ? current : { start: now, count: 0 };
    window.count += 1;
    this.windows.set(key, window);
    const remaining = Math.max(0, limit - window.count);
    reply.header('x-ratelimit-limit', limit).header('x-ratelimit-remaining', remaining);
    if (window.count > limit) {
      const retryAfter = Math.ceil((window.start + windowMs - now) / 1000);
      reply.header('retry-after', retryAfter);
      throw new DomainError('RATE_LIMITED', `Too many requests; try again in ${retryAfter} s`, 429);
    }
    return true;
  }

  private sweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.start >= windowMs) this.windows.delete(key);
  }
}
