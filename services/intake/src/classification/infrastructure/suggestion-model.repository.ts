import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertIfAbsent } from '@pdmc/persistence';
import type { LearnedModelData } from '../domain/learned-model';
import type { ModelReport } from '../domain/selection';
import { decodeModel, encodeModel } from './model-codec';
import {
  SuggestionModelDocument,
  SuggestionModelPartDocument,
} from './suggestion-model.schema';

/** A stored model version without its classifiers. */
export interface ModelVersion {
  version: string;
  seq: number;
  trainedAt: Date;
  rulesVersion: string;
  trainingSize: number;
  heldOutSize: number;
  examplesUpTo?: Date;
  report: ModelReport;
  bytes: number;
}

const toVersion = (doc: SuggestionModelDocument): ModelVersion => {
  const report = doc.report as unknown as ModelReport & { heldOutFrom?: string };
  return {
    version: doc._id,
    seq: doc.seq,
    trainedAt: doc.trainedAt,
    rulesVersion: doc.rulesVersion,
    trainingSize: doc.trainingSize,
    heldOutSize: doc.heldOutSize,
    ...(doc.examplesUpTo ? { examplesUpTo: doc.examplesUpTo } : {}),
    report: { ...report, ...(report.heldOutFrom ? { heldOutFrom: new Date(report.heldOutFrom) } : {}) },
    bytes: doc.bytes,
  };
};

@Injectable()
export class SuggestionModelRepository {
  constructor(
    @InjectModel(SuggestionModelDocument.name) private readonly models: Model<SuggestionModelDocument>,
    @InjectModel(SuggestionModelPartDocument.name) private readonly parts: Model<SuggestionModelPartDocument>,
  ) {}

  /**
   * Stores a new version numbered after the latest; undefined when another instance took the
   * number meanwhile (its model is then the one to load).
   */
  async save(
    meta: { trainedAt: Date; rulesVersion: string; examplesUpTo?: Date; report: ModelReport },
    data: LearnedModelData,
  ): Promise<ModelVersion | undefined> {
    const latest = await this.latest();
    const seq = (latest?.seq ?? 0) + 1;
    const id = `m${seq}`;
    const chunks = encodeModel(data);
    // Parts first, under a key of this attempt: an instance racing for the same number cannot
    // overwrite them, and parts of a lost race are never read.
    const partsKey = `${id}:${randomUUID()}`;
    await Promise.all(chunks.map((data, i) => this.parts.create({ _id: `${partsKey}:${i}`, data })));
    const doc: SuggestionModelDocument = {
      _id: id,
      seq,
      trainedAt: meta.trainedAt,
      rulesVersion: meta.rulesVersion,
      trainingSize: meta.report.trainingSize,
      heldOutSize: meta.report.heldOutSize,
      ...(meta.examplesUpTo ? { examplesUpTo: meta.examplesUpTo } : {}),
      report: JSON.parse(JSON.stringify(meta.report)) as Record<string, unknown>,
      partsKey,
      parts: chunks.length,
      bytes: chunks.reduce((n, c) => n + c.length, 0),
    };
    return (await insertIfAbsent(this.models, doc)) ? toVersion(doc) : undefined;
  }

  async latest(): Promise<ModelVersion | undefined> {
    const [doc] = await this.models.find().sort({ seq: -1 }).limit(1).lean().exec();
    return doc ? toVersion(doc as SuggestionModelDocument) : undefined;
  }

  /** The newest versions first, or the one named. */
  async list(limit: number, version?: string): Promise<ModelVersion[]> {
    if (version) {
      const doc = await this.models.findById(version).lean().exec();
      return doc ? [toVersion(doc as SuggestionModelDocument)] : [];
    }
    const docs = await this.models.find().sort({ seq: -1 }).limit(limit).lean().exec();
    return docs.map((d) => toVersion(d as SuggestionModelDocument));
  }

  async load(version: string): Promise<LearnedModelData | undefined> {
    const doc = await this.models.findById(version, { parts: 1, partsKey: 1 }).lean().exec();
    if (!doc) return undefined;
    const parts = await Promise.all(
      Array.from({ length: doc.parts }, (_, i) => this.parts.findById(`${doc.partsKey}:${i}`).lean().exec()),
    );
    if (parts.some((p) => !p)) throw new Error(`model ${version}: a stored part is missing`);
    return decodeModel(parts.map((p) => (p as SuggestionModelPartDocument).data));
  }
}
