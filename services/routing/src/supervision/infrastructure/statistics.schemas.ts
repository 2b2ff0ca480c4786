import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { WorkUnit } from '@pdmc/contracts';

/**
 * What statistics must remember of a petition to attribute later events to its month and
 * dimensions (town, category, channel, unit): `_id` is the petition id. `counted` holds a key
 * per contribution already made (`closed`, `overdue:<obligation>` ...), so a redelivered event
 * counts nothing twice. No personal data.
 */
@Schema({ collection: 'supervision_petitions', versionKey: false })
export class PetitionFactsDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, default: null })
  caseNumber!: string | null;

  /** The Beijing month of receipt: the cohort every counter of this petition goes to. */
  @Prop({ type: String, default: null })
  period!: string | null;

  @Prop({ type: String, default: null })
  townCode!: string | null;

  @Prop({ type: String, default: null })
  category!: string | null;

  @Prop({ type: String, default: null })
  channel!: string | null;

  /** The first unit the case reached; counts made before it was known are added to it then. */
  @Prop({ type: String, default: null })
  workUnit!: WorkUnit | null;

  @Prop({ type: [String], default: [] })
  caseIds!: string[];

  @Prop({ type: Object, default: {} })
  flags!: Record<string, boolean>;

  /** The written decision's outcome, to tell at cessation whether the case was resolved. */
  @Prop({ type: String, default: null })
  outcome!: string | null;

  @Prop({ type: [String], default: [] })
  counted!: string[];

  /** Metrics counted before the petition was described (its registration handled): added to its month then. */
  @Prop({ type: Object, default: {} })
  pending!: Record<string, number>;

  /** Metrics counted before the unit was known: added to the unit's counters when it is. */
  @Prop({ type: Object, default: {} })
  beforeUnit!: Record<string, number>;
}

export const PetitionFactsSchema = SchemaFactory.createForClass(PetitionFactsDocument);
PetitionFactsSchema.index({ caseIds: 1 });

/** One month × dimension × value: `_id` is `<YYYY-MM>|<dimension>|<value>`, `c` the counters. */
@Schema({ collection: 'supervision_counters', versionKey: false })
export class CounterDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  period!: string;

  @Prop({ required: true })
  dimension!: string;

  @Prop({ required: true })
  value!: string;

  @Prop({ type: Object, default: {} })
  c!: Record<string, number>;
}

export const CounterSchema = SchemaFactory.createForClass(CounterDocument);
// A statistics query: the months of a range for one dimension.
CounterSchema.index({ dimension: 1, period: 1 });
