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
 * Per-key counters in one document each, safe without transactions:
 * - `next` hands out unique, increasing values from one atomic `findOneAndUpdate($inc, upsert)`;
 *   a caller that fails after taking a value leaves a gap, so it suits numbers that may skip
 *   (merged-case numbers), not gap-free ones;
 * - `current` and `raise` (`$max`, never lowers) keep a "highest used" mark that a gap-free
 *   numbering reads as a hint (see intake's CaseNumbering).
 */
export class Sequences {
  private readonly model: Model<Counter>;

  constructor(connection: Connection) {
    this.model = modelOn(connection, 'Counter', counterSchema);
  }

  async next(key: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      // An increment of an existing counter, never an upsert: the embedded store may answer a
      // lost first-insert race of concurrent upserts with no document although it applied the
      // increment (decision 0010), which would lose that number.
      const doc = await this.model.findOneAndUpdate({ _id: key }, { $inc: { value: 1 } }, { returnDocument: 'after' }).lean().exec();
      if (doc) return doc.value;
      if (attempt >= 3) throw new Error(`sequence ${key}: the counter could not be created`);
      // First use: create it at 0; of concurrent first callers one insert wins, the rest find it.
      await this.model.collection.insertOne({ _id: key, value: 0 } as never).catch((error: unknown) => {
        if ((error as { code?: number }).code !== 11000) throw error;
      });
    }
  }

  /** The key's value, 0 when it has none yet. */
  async current(key: string): Promise<number> {
    return (await this.model.findById(key).lean().exec())?.value ?? 0;
  }

  /** Raises the key's value to `value` if it is lower; never lowers it. */
  async raise(key: string, value: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.model.updateOne({ _id: key }, { $max: { value } }, { upsert: true }).exec();
        return;
      } catch (error) {
        if ((error as { code?: number }).code === 11000 && attempt < 3) continue;
        throw error;
      }
    }
  }
}
