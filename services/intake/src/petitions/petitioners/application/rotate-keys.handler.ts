import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { PetitionerProtection } from './petitioner-protection';
import { PetitionDocument } from '../../infrastructure/petition.schema';

export interface RotationReport {
  scanned: number;
  reencrypted: number;
  /** Petitions changed by someone else during the pass; run again to finish them. */
  skipped: number;
}

/**
 * Re-encrypts petitioners still under an old key with the active key (step 3 of the rotation
 * procedure in docs/security.md). Walks petitions in id order in batches; each update is
 * conditional on the version read, so a concurrent change is never overwritten.
 */
@Injectable()
export class RotateKeysHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    private readonly protection: PetitionerProtection,
  ) {}

  async execute(batchSize = 200): Promise<RotationReport> {
    const report: RotationReport = { scanned: 0, reencrypted: 0, skipped: 0 };
    let after: string | undefined;
    for (;;) {
      const docs = await this.petitions
        .find(after ? { _id: trusted({ $gt: after }) } : {}, { petitioners: 1, version: 1 })
        .sort({ _id: 1 })
        .limit(batchSize)
        .lean()
        .exec();
      if (docs.length === 0) return report;
      for (const doc of docs) {
        report.scanned += 1;
        const stored = doc.petitioners ?? [];
        if (!stored.some((p) => this.protection.needsRotation(p))) continue;
        const version = (doc as unknown as { version?: number }).version ?? 0;
        const result = await this.petitions
          .updateOne(
            { _id: doc._id, version },
            { $set: { petitioners: stored.map((p) => this.protection.rotate(p)) }, $inc: { version: 1 } },
          )
          .exec();
        if (result.modifiedCount === 1) report.reencrypted += 1;
        else report.skipped += 1;
      }
      after = docs[docs.length - 1]._id;
    }
  }
}
