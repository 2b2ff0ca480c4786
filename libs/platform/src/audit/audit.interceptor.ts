import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import { AUDIT_METADATA, type AuditSpec } from './audit.decorator';
import { AuditLog, STATE_CHANGING, type AuditedRequest } from './audit-log';

/**
 * Writes an audit entry for every state-changing request and every read declared with
 * `@Audit`, after the handler succeeded and before the response leaves: who, which roles,
 * what, which object, when, from where and the correlation id. Failed requests are audited
 * too when they are state changes; those refused before reaching a handler (by a guard, the
 * body parser or the size limit) are caught by the `onResponse` hook in `startService`.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
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
          await this.audit.recordRequest(request, spec, 'success', reply.statusCode, result);
          return result;
        } catch (error) {
          const status = (error as { status?: number; getStatus?: () => number }).getStatus?.() ?? (error as { status?: number }).status ?? 500;
          await this.audit.recordRequest(request, spec, 'failure', status, undefined);
          throw error;
        }
      })(),
    );
  }
}
