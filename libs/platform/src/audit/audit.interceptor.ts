import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import { AUDIT_METADATA, type AuditSpec } from './audit.decorator';
import { AuditLog } from './audit-log';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface AuditedRequest extends FastifyRequest {
  principal?: { subject: string; roles: string[] };
  correlationId?: string;
}

/**
 * Writes an audit entry for every state-changing request and every read declared with
 * `@Audit`, after the handler succeeded and before the response leaves: who, which roles,
 * what, which object, when, from where and the correlation id. Failed requests are audited
 * too when they are state changes, so refused attempts leave a trace.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const spec = this.reflector.getAllAndOverride<AuditSpec | undefined>(AUDIT_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!spec && !STATE_CHANGING.has(request.method)) return next.handle();

    return from(
      (async () => {
        try {
          const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
          await this.write(request, spec, 'success', reply.statusCode, result);
          return result;
        } catch (error) {
          const status = (error as { status?: number; getStatus?: () => number }).getStatus?.() ?? (error as { status?: number }).status ?? 500;
          await this.write(request, spec, 'failure', status, undefined);
          throw error;
        }
      })(),
    );
  }

  private async write(
    request: AuditedRequest,
    spec: AuditSpec | undefined,
    outcome: 'success' | 'failure',
    status: number,
    result: unknown,
  ): Promise<void> {
    const route = request.routeOptions?.url ?? request.url.split('?')[0];
    try {
      await this.audit.record({
        actor: { subject: request.principal?.subject ?? 'anonymous', roles: request.principal?.roles ?? [] },
        action: spec?.action ?? `${request.method} ${route}`,
        objectType: spec?.objectType ?? route.split('/')[1] ?? 'unknown',
        objectId: objectIdOf(spec, request, result),
        outcome,
        status,
        method: request.method,
        path: request.url.split('?')[0],
        ip: request.ip,
        correlationId: request.correlationId ?? 'none',
      });
    } catch (error) {
      // The act itself succeeded or failed already; losing its audit entry is logged loudly.
      this.logger.error({ msg: 'audit entry could not be written', route, error: String(error) });
    }
  }
}

function objectIdOf(spec: AuditSpec | undefined, request: AuditedRequest, result: unknown): string | undefined {
  const source = spec?.objectId ?? 'body:id';
  const [where, key] = source.split(':') as ['param' | 'body', string];
  const holder = where === 'param' ? (request.params as Record<string, unknown>) : (result as Record<string, unknown>);
  const value = holder && typeof holder === 'object' ? holder[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
