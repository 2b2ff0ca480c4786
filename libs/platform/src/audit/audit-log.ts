import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InjectConnection } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { trusted, type Connection, type Model } from 'mongoose';
import { findPage, modelOn } from '@pdmc/persistence';
import { SERVICE_NAME } from '../service-core.tokens';
import type { AuditSpec } from './audit.decorator';
import { AUDIT_EVENT_MODEL, auditEventSchema, type AuditEvent } from './audit-event.schema';

export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuditedRequest extends FastifyRequest {
  principal?: { subject: string; roles: string[] };
  correlationId?: string;
  /** Set once the request has its audit entry, so it is never written twice. */
  auditRecorded?: boolean;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/**
 * The service's audit trail. Append-only by construction: this class can insert and read,
 * nothing else in the code base touches the collection, and there is no endpoint to change or
 * delete an entry. Entries are kept indefinitely (no TTL).
 */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('Audit');
  private readonly model: Model<AuditEvent>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {
    this.model = modelOn(connection, AUDIT_EVENT_MODEL, auditEventSchema);
  }

  /**
   * The entry for one HTTP request: who, what, which object, outcome, from where. A failure
   * to write is logged loudly but does not change the answer, which is already decided.
   */
  async recordRequest(
    request: AuditedRequest,
    spec: AuditSpec | undefined,
    outcome: 'success' | 'failure',
    status: number,
    result: unknown,
  ): Promise<void> {
    if (request.auditRecorded) return;
    request.auditRecorded = true;
    const route = request.routeOptions?.url ?? request.url.split('?')[0];
    try {
      await this.record({
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
      this.logger.error({ msg: 'audit entry could not be written', route, error: String(error) });
    }
  }

  async record(entry: Omit<AuditEvent, '_id' | 'at' | 'service'>): Promise<void> {
    await this.model.create({ _id: randomUUID(), at: new Date(), service: this.service, ...entry });
  }

  async find(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number; page: number; pageSize: number }> {
    const filter: Record<string, unknown> = {};
    if (query.actor) filter['actor.subject'] = query.actor;
    if (query.action) filter['action'] = query.action;
    if (query.objectId) filter['objectId'] = query.objectId;
    if (query.from || query.to) {
      // Operators built here, not taken from input, are marked trusted for sanitizeFilter.
      filter['at'] = trusted({ ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) });
    }
    return findPage<AuditEvent>(this.model, filter, { sort: { at: -1, _id: 1 }, page: query.page, pageSize: query.pageSize });
  }
}

function objectIdOf(spec: AuditSpec | undefined, request: AuditedRequest, result: unknown): string | undefined {
  const source = spec?.objectId ?? 'body:id';
  const [where, key] = source.split(':') as ['param' | 'body', string];
  const holder = where === 'param' ? (request.params as Record<string, unknown>) : (result as Record<string, unknown>);
  const value = holder && typeof holder === 'object' ? holder[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
