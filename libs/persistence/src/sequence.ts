import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from './model-on';

interface Counter {
  _id: string;
  value: number;
}

const counterSchema = new Schema<Counter>(
  { _id: { type: String }, value: { type: Number, required: true } },
  { collection: 'counters', versionKey: false },
);

/**
 * Gap-free per-key sequences (e.g. case numbers per year) from one atomic
 * `findOneAndUpdate($inc, upsert)`, which is single-document and so safe without transactions.
 */
export class Sequences {
  private readonly model: Model<Counter>;

  constructor(connection: Connection) {
    this.model = modelOn(connection, 'Counter', counterSchema);
  }

  async next(key: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.model
          .findOneAndUpdate({ _id: key }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' })
          .lean()
          .exec();
        return doc!.value;
      } catch (error) {
        // Two first-ever upserts can race on the unique _id; the loser simply retries.
        if ((error as { code?: number }).code === 11000 && attempt < 3) continue;
        throw error;
      }
    }
  }
}
