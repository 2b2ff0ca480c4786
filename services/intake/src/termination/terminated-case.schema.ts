import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A case handling terminated (终结): its petition's matter is not accepted again on the same facts. */
@Schema({ collection: 'terminated_cases', versionKey: false })
export class TerminatedCaseDocument {
  /** The terminated case's petition (the original of any repeat chain). */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  caseId!: string;

  @Prop({ type: String, required: true })
  caseNumber!: string;

  @Prop({ type: String, required: true })
  ground!: string;

  @Prop({ type: Date, required: true })
  terminatedAt!: Date;
}

export const TerminatedCaseSchema = SchemaFactory.createForClass(TerminatedCaseDocument);

/** A petition intake refused because its matter was terminated, with the terminated case's number. */
@Schema({ collection: 'termination_refusals', versionKey: false })
export class TerminationRefusalDocument {
  /** The refused petition. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  terminatedPetitionId!: string;

  @Prop({ type: String, required: true })
  terminatedCaseNumber!: string;

  @Prop({ type: Date, required: true })
  refusedAt!: Date;
}

export const TerminationRefusalSchema = SchemaFactory.createForClass(TerminationRefusalDocument);
