import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { outboxPlugin, type OutboxEntry } from '@pdmc/persistence';
import { HANDLING_OUTCOMES, WORK_UNITS, type HandlingOutcome, type WorkUnit } from '@pdmc/contracts';
import {
  EXTENSION_STATUSES,
  REQUEST_CHANNELS,
  RESOLUTION_KINDS,
  REVIEW_OUTCOMES,
  TASK_STATUSES,
  type BodyTask,
  type Extension,
  type HistoryEntry,
  type ResolutionRecord,
  type ReviewRecord,
  type SupersededDecision,
} from '../domain/case';
import { CASE_STATES, type CaseState } from '../domain/case-lifecycle';
import { TIMER_ACTIONS, type TimerAction } from '../domain/case-rules';

/** The written handling decision, stored in its case. */
@Schema({ _id: false, versionKey: false })
export class CaseDecisionRecord {
  @Prop({ type: String, required: true })
  id!: string;

  @Prop({ type: String, required: true, enum: HANDLING_OUTCOMES })
  outcome!: HandlingOutcome;

  @Prop({ type: String, required: true })
  request!: string;

  @Prop({ type: String, required: true })
  facts!: string;

  @Prop({ type: String, required: true })
  legalBasis!: string;

  @Prop({ type: Boolean, required: true })
  mediationAgreement!: boolean;

  @Prop({ type: Date, required: true })
  decidedAt!: Date;

  @Prop({ type: String, required: true })
  decidedBy!: string;

  @Prop({ type: Date, required: true })
  reviewRequestDueAt!: Date;
}

const CaseDecisionSchema = SchemaFactory.createForClass(CaseDecisionRecord);

const opt = { _id: false, versionKey: false } as const;

const SupersededDecisionSchema = new MongooseSchema(
  {
    id: { type: String, required: true },
    outcome: { type: String, required: true, enum: HANDLING_OUTCOMES },
    request: { type: String, required: true },
    facts: { type: String, required: true },
    legalBasis: { type: String, required: true },
    mediationAgreement: { type: Boolean, required: true },
    decidedAt: { type: Date, required: true },
    decidedBy: { type: String, required: true },
    reviewRequestDueAt: { type: Date, required: true },
    supersededAt: { type: Date, required: true },
    supersededBy: { type: String, required: true },
    correctionReason: { type: String, required: true },
  },
  opt,
);

const ResolutionSchema = new MongooseSchema<ResolutionRecord>(
  {
    id: { type: String, required: true },
    kind: { type: String, required: true, enum: RESOLUTION_KINDS },
    summary: { type: String, required: true },
    parties: { type: [String], default: [] },
    terms: { type: String, default: null },
    heldOn: { type: String, default: null },
    referredTo: { type: String, default: null },
    recordedAt: { type: Date, required: true },
    recordedBy: { type: String, required: true },
  },
  opt,
);

const ExtensionSchema = new MongooseSchema<Extension>(
  {
    id: { type: String, required: true },
    days: { type: Number, required: true },
    reason: { type: String, required: true },
    status: { type: String, required: true, enum: EXTENSION_STATUSES },
    requestedBy: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    decidedBy: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    refusalReason: { type: String, default: null },
    previousDueAt: { type: Date, default: null },
    newDueAt: { type: Date, default: null },
  },
  opt,
);

const TaskSchema = new MongooseSchema<BodyTask>(
  {
    id: { type: String, required: true },
    body: { type: String, required: true },
    instructions: { type: String, required: true },
    dueAt: { type: Date, required: true },
    status: { type: String, required: true, enum: TASK_STATUSES },
    issuedAt: { type: Date, required: true },
    issuedBy: { type: String, required: true },
    reports: {
      type: [
        new MongooseSchema(
          {
            findings: { type: String, required: true },
            actions: { type: String, required: true },
            reportedAt: { type: Date, required: true },
            reportedBy: { type: String, required: true },
          },
          opt,
        ),
      ],
      default: [],
    },
    sentBackReason: { type: String, default: null },
    acceptedAt: { type: Date, default: null },
  },
  opt,
);

const ReviewSchema = new MongooseSchema<ReviewRecord>(
  {
    requestedAt: { type: Date, required: true },
    requestedBy: { type: String, required: true },
    channel: { type: String, required: true, enum: REQUEST_CHANNELS },
    grounds: { type: String, required: true },
    dueAt: { type: Date, required: true },
    outcome: { type: String, default: null, enum: [...REVIEW_OUTCOMES, null] },
    reasoning: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    decidedBy: { type: String, default: null },
    servedAt: { type: Date, default: null },
    nextRequestDueAt: { type: Date, default: null },
  },
  opt,
);

const HistorySchema = new MongooseSchema<HistoryEntry>(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true },
    roles: { type: [String], default: [] },
    action: { type: String, required: true },
    from: { type: String, default: null },
    to: { type: String, required: true },
    what: { type: String, required: true },
  },
  opt,
);

/**
 * A case and everything done on it, in one document: every change is one conditional write on
 * `version` that also appends its history line and its events (outbox), so no state change can
 * lose its record or its announcement, and no two changes can interleave.
 */
@Schema({ collection: 'cases', versionKey: 'version' })
export class CaseDocument {
  /** Derived from the petition id (decision 0011): redelivery cannot open a second case. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, unique: true })
  petitionId!: string;

  @Prop({ required: true })
  caseNumber!: string;

  @Prop({ type: String, required: true, enum: WORK_UNITS })
  workUnit!: WorkUnit;

  @Prop({ required: true })
  responsibleBody!: string;

  @Prop({ type: String, required: true, enum: CASE_STATES })
  status!: CaseState;

  @Prop({ required: true })
  openedAt!: Date;

  @Prop({ required: true })
  acceptedAt!: Date;

  @Prop({ required: true })
  assignedAt!: Date;

  @Prop({ required: true })
  dueAt!: Date;

  /** The Beijing date of the limit's last day, from which an extension counts on. */
  @Prop({ type: String, required: true })
  dueLastDay!: string;

  /** The routing decision the case follows: a new one moves the case. */
  @Prop({ type: String, default: null })
  routingDecisionId!: string | null;

  @Prop({ required: true })
  sourceEventId!: string;

  /** Units that may read the case: its unit, and REVIEW once a review was requested. */
  @Prop({ type: [String], default: [] })
  units!: string[];

  /** Bodies whose liaisons may read the case: the responsible body and every body given a task. */
  @Prop({ type: [String], default: [] })
  bodies!: string[];

  /** The REVIEW unit while it works (or worked) the case; the original unit keeps reading only. */
  @Prop({ type: String, default: null })
  reviewUnit!: string | null;

  @Prop({ type: String, default: null })
  handler!: string | null;

  /** The queue holding the case and its current deadline (see `queuePlacement`). */
  @Prop({ type: String, default: null })
  queueUnit!: WorkUnit | null;

  @Prop({ type: Date, default: null })
  queueDueAt!: Date | null;

  /** The earliest deadline of a task still waiting for a body's report. */
  @Prop({ type: Date, default: null })
  openTaskDueAt!: Date | null;

  /** The clock-driven step the case waits for (cease, terminate) and when it is due. */
  @Prop({ type: String, default: null, enum: [...TIMER_ACTIONS, null] })
  timerAction!: TimerAction | null;

  @Prop({ type: Date, default: null })
  timerDueAt!: Date | null;

  @Prop({ type: CaseDecisionSchema, required: false })
  decision?: CaseDecisionRecord;

  @Prop({ type: [SupersededDecisionSchema], default: [] })
  supersededDecisions!: SupersededDecision[];

  @Prop({ type: Date, default: null })
  servedAt!: Date | null;

  @Prop({ type: [ResolutionSchema], default: [] })
  resolutions!: ResolutionRecord[];

  @Prop({ type: ExtensionSchema, default: null })
  extension!: Extension | null;

  @Prop({ type: [TaskSchema], default: [] })
  tasks!: BodyTask[];

  @Prop({ type: ReviewSchema, default: null })
  review!: ReviewRecord | null;

  @Prop({ type: ReviewSchema, default: null })
  reexamination!: ReviewRecord | null;

  @Prop({ type: String, default: null })
  returnReason!: string | null;

  /** Append-only: written with `$push` only. */
  @Prop({ type: [HistorySchema], default: [] })
  history!: HistoryEntry[];

  version!: number;

  outbox!: OutboxEntry[];
}

export const CaseSchema = SchemaFactory.createForClass(CaseDocument);
CaseSchema.plugin(outboxPlugin);
CaseSchema.index({ workUnit: 1, status: 1, dueAt: 1 });
// The unit's queue: overdue first, then the nearest deadline; and per handler.
CaseSchema.index({ queueUnit: 1, queueDueAt: 1, _id: 1 });
CaseSchema.index({ queueUnit: 1, handler: 1, queueDueAt: 1 });
CaseSchema.index({ queueUnit: 1, status: 1, queueDueAt: 1 });
// Read scope and the case list.
CaseSchema.index({ units: 1, openedAt: -1 });
CaseSchema.index({ bodies: 1, openedAt: -1 });
// Overdue tasks and the timer job.
CaseSchema.index({ openTaskDueAt: 1 });
CaseSchema.index({ timerDueAt: 1 });
