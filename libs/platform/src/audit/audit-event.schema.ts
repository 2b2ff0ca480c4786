import { Schema } from 'mongoose';

export type AuditOutcome = 'success' | 'failure';

/** One audited act: a state change or a read of personal data. */
export interface AuditEvent {
  _id: string;
  at: Date;
  service: string;
  actor: { subject: string; roles: string[] };
  action: string;
  objectType: string;
  objectId?: string;
  outcome: AuditOutcome;
  status: number;
  method: string;
  path: string;
  ip: string;
  correlationId: string;
}

export const AUDIT_EVENT_MODEL = 'AuditEvent';

export const auditEventSchema = new Schema<AuditEvent>(
  {
    _id: { type: String },
    at: { type: Date, required: true },
    service: { type: String, required: true },
    actor: { subject: { type: String, required: true }, roles: { type: [String], default: [] } },
    action: { type: String, required: true },
    objectType: { type: String, required: true },
    objectId: { type: String },
    outcome: { type: String, required: true },
    status: { type: Number, required: true },
    method: { type: String, required: true },
    path: { type: String, required: true },
    ip: { type: String, required: true },
    correlationId: { type: String, required: true },
  },
  { collection: 'audit_events', versionKey: false },
);
auditEventSchema.index({ at: -1 });
auditEventSchema.index({ 'actor.subject': 1, at: -1 });
auditEventSchema.index({ objectId: 1, at: -1 });
auditEventSchema.index({ action: 1, at: -1 });
