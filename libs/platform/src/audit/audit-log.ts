import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { trusted, type Connection, type Model } from 'mongoose';
import { SERVICE_NAME } from '../service-core.tokens';
import { AUDIT_EVENT_MODEL, auditEventSchema, type AuditEvent } from './audit-event.schema';

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
  private readonly model: Model<AuditEvent>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {
    this.model =
      (connection.models[AUDIT_EVENT_MODEL] as Model<AuditEvent> | undefined) ??
      connection.model<AuditEvent>(AUDIT_EVENT_MODEL, auditEventSchema);
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
    const [items, total] = await Promise.all([
      this.model
        .find(filter)
        .sort({ at: -1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean()
        .exec(),
      this.model.countDocuments(filter).exec(),
    ]);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
