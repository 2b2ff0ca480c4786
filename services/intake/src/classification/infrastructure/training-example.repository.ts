import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { duplicateKeyMeansDone } from '@pdmc/persistence';
import type { TrainingExample } from '../domain/training-example';
import { TrainingExampleDocument } from './training-example.schema';

const toDocument = ({ id, ...fields }: TrainingExample): TrainingExampleDocument => ({ _id: id, ...fields });

const toExample = ({ _id, ...fields }: TrainingExampleDocument): TrainingExample => {
  const example: TrainingExample = { id: _id, ...fields } as TrainingExample;
  for (const key of ['level2', 'level3', 'categoryId', 'petitionId'] as const) if (example[key] === null) delete example[key];
  return example;
};

@Injectable()
export class TrainingExampleRepository {
  constructor(@InjectModel(TrainingExampleDocument.name) private readonly examples: Model<TrainingExampleDocument>) {}

  /**
   * Stores the example unless one with the same id is newer: the latest choice wins, whatever
   * order concurrent writes arrive in. False when a newer one was kept.
   */
  async keepLatest(example: TrainingExample): Promise<boolean> {
    const { _id, ...fields } = toDocument(example);
    const unset = Object.fromEntries((['level2', 'level3', 'categoryId'] as const).filter((k) => fields[k] === undefined).map((k) => [k, '']));
    // A duplicate key: the upsert's insert collided with an existing, newer example of this petition.
    return duplicateKeyMeansDone(() =>
      this.examples
        .updateOne(
          { _id, at: trusted({ $lte: example.at }) },
          { $set: fields, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
          { upsert: true },
        )
        .exec(),
    );
  }

  /** Inserts the examples not yet stored (by id), leaving stored ones as they are; returns how many were new. */
  async insertNew(examples: readonly TrainingExample[]): Promise<number> {
    if (!examples.length) return 0;
    const result = await this.examples.bulkWrite(
      examples.map(toDocument).map(({ _id, ...fields }) => ({
        updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true },
      })),
      { ordered: false },
    );
    return result.upsertedCount;
  }

  /** The most recent `limit` examples, oldest first: what a model is trained on. */
  async latest(limit: number): Promise<TrainingExample[]> {
    const docs = await this.examples.find().sort({ at: -1 }).limit(limit).lean().exec();
    return docs.reverse().map((d) => toExample(d as TrainingExampleDocument));
  }

  async count(): Promise<number> {
    return this.examples.countDocuments().exec();
  }

  async get(id: string): Promise<TrainingExample | undefined> {
    const doc = await this.examples.findById(id).lean().exec();
    return doc ? toExample(doc as TrainingExampleDocument) : undefined;
  }
}
