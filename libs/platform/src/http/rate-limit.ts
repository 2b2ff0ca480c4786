import { applyDecorators, type CanActivate, type ExecutionContext, Inject, Injectable, Logger, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import { InjectConnection } from '@nestjs/mongoose';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Schema, trusted, type Connection, type Model } from 'mongoose';
import { modelOn } from '@pdmc/persistence';
import { DomainError } from './api-error';
import { SERVICE_CONFIG } from '../service-core.tokens';

export interface RateLimitSpec {
  /** Requests allowed per client address within the window, or the configuration key holding it. */
  limit: number | string;
  windowSeconds: number;
}

export const RATE_LIMIT_METADATA = 'pdmc:rate-limit';

/** Limits how often one client address may call an endpoint (public endpoints above all). */
export const RateLimit = (spec: RateLimitSpec) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_METADATA, spec),
    ApiTooManyRequestsResponse({ description: 'Too many requests from this client; try again later.' }),
  );

interface RateWindow {
  /** `sha256(route | client address)`: the address itself is not kept. */
  _id: string;
  count: number;
  /** When the window is over; expired windows are deleted. */
  endsAt: Date;
}

const rateWindowSchema = new Schema<RateWindow>(
  { _id: { type: String }, count: { type: Number, required: true }, endsAt: { type: Date, required: true } },
  { collection: 'rate_limits', versionKey: false },
);
rateWindowSchema.index({ endsAt: 1 });

/** How often an instance deletes expired windows (no TTL index: FerretDB has none). */
const SWEEP_EVERY_MS = 60_000;

/**
 * A window per (route, client address) that starts at the client's first request, counted in
 * the service's database with single-document atomic updates, so every instance behind the load
 * balancer counts into the same window: scaling out does not multiply the limit. The client address is stored only as
 * a hash with the route. If the count cannot be kept (database unreachable), the request is let
 * through and the failure logged: the endpoint needs the database anyway.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');
  private readonly windows: Model<RateWindow>;
  private lastSweep = 0;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) private readonly config: Record<string, unknown>,
    @InjectConnection() connection: Connection,
  ) {
    this.windows = modelOn(connection, 'RateWindow', rateWindowSchema);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
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
    const client = createHash('sha256').update(`${request.routeOptions?.url ?? request.url}|${request.ip}`).digest('base64url');
    let window: RateWindow | undefined;
    try {
      window = await this.count(client, now, windowMs);
    } catch (error) {
      this.logger.warn({ msg: 'rate limit not counted; request let through', error: String(error) });
    }
    if (!window) return true;
    const count = window.count;
    void this.sweep(now);
    reply.header('x-ratelimit-limit', limit).header('x-ratelimit-remaining', Math.max(0, limit - count));
    if (count > limit) {
      const retryAfter = Math.max(1, Math.ceil((new Date(window.endsAt).getTime() - now) / 1000));
      reply.header('retry-after', retryAfter);
      throw new DomainError('RATE_LIMITED', `Too many requests; try again in ${retryAfter} s`, 429);
    }
    return true;
  }

  /**
   * Counts the request into the client's current window, which starts at its first request:
   * `$inc` while the window lasts, else a reset to a new window. Both are single-document
   * conditional updates; when two requests reset at once, the loser's upsert collides on `_id`
   * and it counts into the winner's window on the next turn.
   */
  private async count(client: string, now: number, windowMs: number): Promise<RateWindow | undefined> {
    const at = new Date(now);
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.windows
        .findOneAndUpdate({ _id: client, endsAt: trusted({ $gt: at }) }, { $inc: { count: 1 } }, { returnDocument: 'after' })
        .lean()
        .exec();
      if (current) return current;
      try {
        const fresh = await this.windows
          .findOneAndUpdate(
            { _id: client, endsAt: trusted({ $lte: at }) },
            { $set: { count: 1, endsAt: new Date(now + windowMs) } },
            { upsert: true, returnDocument: 'after' },
          )
          .lean()
          .exec();
        if (fresh) return fresh;
      } catch {
        // Another request started the window meanwhile: count into it.
      }
    }
    return undefined;
  }

  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    try {
      await this.windows.deleteMany({ endsAt: trusted({ $lt: new Date(now) }) }).exec();
    } catch (error) {
      this.logger.warn({ msg: 'expired rate-limit windows not deleted; will retry', error: String(error) });
    }
  }
}
