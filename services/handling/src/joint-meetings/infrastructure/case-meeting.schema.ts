import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';

/** One task the meeting gave a unit or a responsible body. */
export interface CaseMeetingTask {
  taskId: string;
  assignee: string;
  description: string;
  dueAt: Date;
}

const TaskSchema = new MongooseSchema<CaseMeetingTask>(
  {
    taskId: { type: String, required: true },
    assignee: { type: String, required: true },
    description: { type: String, required: true },
    dueAt: { type: Date, required: true },
  },
  { _id: false, versionKey: false },
);

/** A task routing announced done (routing.meeting.task-completed.v1). */
export interface CaseMeetingCompletion {
  taskId: string;
  completedAt: Date;
}

const CompletionSchema = new MongooseSchema<CaseMeetingCompletion>(
  { taskId: { type: String, required: true }, completedAt: { type: Date, required: true } },
  { _id: false, versionKey: false },
);

/**
 * A joint meeting's outcome as it concerns one case (routing.meeting.concluded.v1): one document
 * per meeting and case (`<meetingId>:<caseId>`), so a redelivery rewrites the same document.
 */
@Schema({ collection: 'case_meetings', versionKey: false })
export class CaseMeetingDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  caseId!: string;

  @Prop({ type: String, required: true })
  petitionId!: string;

  @Prop({ type: String, required: true })
  meetingId!: string;

  @Prop({ type: String, required: true, enum: WORK_UNITS })
  leadUnit!: WorkUnit;

  @Prop({ type: [TaskSchema], default: [] })
  tasks!: CaseMeetingTask[];

  @Prop({ type: Date, required: true })
  concludedAt!: Date;

  /** Tasks done so far; kept apart from `tasks` so a completion may arrive before the conclusion. */
  @Prop({ type: [CompletionSchema], default: [] })
  completions!: CaseMeetingCompletion[];

  @Prop({ type: String })
  sourceEventId?: string;
}

export const CaseMeetingSchema = SchemaFactory.createForClass(CaseMeetingDocument);
// The case view reads a case's meetings, oldest first.
CaseMeetingSchema.index({ caseId: 1, concludedAt: 1 });
