import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { OBLIGATION_KINDS, WORK_UNITS, type ObligationKind, type WorkUnit } from '@pdmc/contracts';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import type { AlertStage } from '../domain/obligation';

export type ObligationState = 'open' | 'met' | 'lapsed';

/**
 * One watched deadline. `_id` is derived from the facts that created it (obligation-ids.ts).
 * The timer lives here: `nextAlertAt` is when the next warning or the overdue moment is due
 * (null when nothing is left to announce), indexed, so the scan reads only what is due. An
 * announcement moves the marker in the same conditional write that stores its event in `outbox`.
 */
@Schema({ collection: 'supervision_obligations', versionKey: false })
export class ObligationDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, enum: OBLIGATION_KINDS, required: true })
  kind!: ObligationKind;

  @Prop({ type: String, default: null })
  petitionId!: string | null;

  @Prop({ type: String, default: null })
  caseNumber!: string | null;

  @Prop({ type: String, default: null })
  caseId!: string | null;

  @Prop({ type: String, enum: [...WORK_UNITS, null], default: null })
  workUnit!: WorkUnit | null;

  @Prop({ type: String, default: null })
  assignee!: string | null;

  @Prop({ type: Date, default: null })
  startsAt!: Date | null;

  @Prop({ type: Date, default: null })
  periodStart!: Date | null;

  @Prop({ type: Date, default: null })
  dueAt!: Date | null;

  @Prop({ type: String, default: null })
  lastDay!: string | null;

  @Prop({ type: Boolean, default: false })
  reportRequired!: boolean;

  @Prop({ type: String, enum: ['open', 'met', 'lapsed'], required: true })
  state!: ObligationState;

  @Prop({ type: [{ stage: String, share: Number, at: Date, _id: false }], default: [] })
  plan!: AlertStage[];

  /** The last stage announced (index into `plan`), -1 before the first. */
  @Prop({ type: Number, default: -1 })
  stageIndex!: number;

  @Prop({ type: Date, default: null })
  nextAlertAt!: Date | null;

  /** When the overdue moment was announced; set once. */
  @Prop({ type: Date, default: null })
  overdueAt!: Date | null;

  @Prop({ type: Number, default: 0 })
  warnings!: number;

  @Prop({ type: Date, default: null })
  metAt!: Date | null;

  @Prop({ type: Boolean, default: null })
  metInTime!: boolean | null;

  @Prop({ type: Number, default: 0 })
  revision!: number;

  outbox!: OutboxEntry[];
}

export const ObligationSchema = SchemaFactory.createForClass(ObligationDocument);
ObligationSchema.plugin(outboxPlugin);
// The deadline scan: only what is due, oldest first.
ObligationSchema.index({ nextAlertAt: 1 });
// The supervision queue: open obligations, overdue (earliest due) first; by unit or kind.
ObligationSchema.index({ state: 1, dueAt: 1 });
ObligationSchema.index({ state: 1, workUnit: 1, dueAt: 1 });
ObligationSchema.index({ state: 1, kind: 1, dueAt: 1 });
// A case's or a petition's obligations (the order desk, the case view).
ObligationSchema.index({ petitionId: 1 });
