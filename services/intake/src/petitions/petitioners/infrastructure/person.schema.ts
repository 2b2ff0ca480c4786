import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EncryptedField } from '@pdmc/privacy';

/**
 * The petitioner registry: one entry per person the centre could identify, every field
 * encrypted. Petitions point to it (`petitioners.personId`); the petitions are not copied here.
 */
@Schema({ collection: 'persons', versionKey: false })
export class PersonDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  /**
   * How the person is recognised: `id:<blind index of the ID number>`, or, for someone who gave
   * no ID number, `np:<blind index of the name>:<blind index of the phone>`.
   */
  @Prop({ required: true, unique: true })
  matchKey!: string;

  @Prop({ type: Object, required: true })
  name!: EncryptedField;

  @Prop({ type: Object })
  idNumber?: EncryptedField;

  /** The latest phone and address given. */
  @Prop({ type: Object })
  phone?: EncryptedField;

  @Prop({ type: Object })
  address?: EncryptedField;

  @Prop({ type: String })
  idNumberIndex?: string;

  /** Every phone the person has given, so any of them finds the person. */
  @Prop({ type: [String], default: [] })
  phoneIndexes!: string[];

  @Prop({ required: true })
  firstSeenAt!: Date;

  @Prop({ required: true })
  lastSeenAt!: Date;
}

export const PersonSchema = SchemaFactory.createForClass(PersonDocument);
PersonSchema.index({ idNumberIndex: 1 }, { sparse: true });
PersonSchema.index({ phoneIndexes: 1 });
