import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { timingSafeEqual } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { SERVICE_CONFIG } from '@pdmc/platform';
import { phoneLast4 } from '@pdmc/privacy';
import { modelOn } from '@pdmc/persistence';
import type { IntakeConfig } from '../../config/intake.config';
import { PetitionerProtection } from '../../petitions/petitioners/application/petitioner-protection';
import { PetitionDocument } from '../../petitions/infrastructure/petition.schema';
import { LOOKUP_LOCK_MODEL, lookupLockSchema, type LookupLock } from '../infrastructure/lookup-lock.schema';
import { LockedError, NoMatchError } from './errors';

/** What a petitioner proves who they are with: the query code and the last four phone digits. */
export interface PetitionerCredentials {
  queryCode: string;
  phoneLast4: string;
}

/** The stored petition as read for a verified petitioner (without its outbox). */
export type VerifiedPetition = Omit<PetitionDocument, 'outbox'>;

function sameDigits(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * The petitioner's two factors: the query code (查询码) on the acceptance notice and the last four
 * digits of a phone given at registration, compared in constant time. Every failure counts
 * towards the code's lock (`LOOKUP_MAX_FAILURES` failures lock it for `LOOKUP_LOCK_MINUTES`, even
 * for the right digits), whichever public endpoint it came through; a success clears the count.
 */
@Injectable()
export class PetitionerVerification {
  private readonly locks: Model<LookupLock>;

  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @InjectConnection() connection: Connection,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    private readonly protection: PetitionerProtection,
  ) {
    this.locks = modelOn(connection, LOOKUP_LOCK_MODEL, lookupLockSchema);
  }

  /** The petition the two factors open, or NoMatchError (404) / LockedError (429). */
  async verify(queryCode: string, digits: string): Promise<VerifiedPetition> {
    const code = queryCode.toUpperCase();
    const lock = await this.locks.findById(code).lean().exec();
    if (lock?.lockedUntil && lock.lockedUntil > new Date()) throw new LockedError(lock.lockedUntil);

    const doc = await this.petitions.findOne({ queryCode: code }, { outbox: 0 }).lean().exec();
    const phones = (doc?.petitioners ?? []).flatMap((p) => {
      const phone = this.protection.reveal(p).phone;
      return phone ? [phoneLast4(phone)] : [];
    });
    if (!doc || !phones.some((known) => sameDigits(known, digits))) {
      await this.recordFailure(code);
      throw new NoMatchError();
    }
    if (lock) await this.locks.deleteOne({ _id: code }).exec();
    return doc;
  }

  /** Counts a failure atomically; the attempt that reaches the limit locks the code. */
  private async recordFailure(code: string): Promise<void> {
    const now = new Date();
    const after = await this.locks
      .findOneAndUpdate(
        { _id: code },
        { $inc: { failures: 1 }, $set: { updatedAt: now } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean()
      .exec();
    if (after && after.failures >= this.config.LOOKUP_MAX_FAILURES) {
      const lockedUntil = new Date(now.getTime() + this.config.LOOKUP_LOCK_MINUTES * 60_000);
      await this.locks.updateOne({ _id: code }, { $set: { failures: 0, lockedUntil } }).exec();
    }
  }
}
