import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { timingSafeEqual } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { DomainError, SERVICE_CONFIG } from '@pdmc/platform';
import { phoneLast4 } from '@pdmc/privacy';
import { modelOn } from '@pdmc/persistence';
import type { IntakeConfig } from '../config/intake.config';
import { PetitionerProtection } from '../petitions/application/petitioner-protection';
import { PetitionDocument } from '../petitions/infrastructure/petition.schema';
import { LOOKUP_LOCK_MODEL, lookupLockSchema, type LookupLock } from './lookup-lock.schema';
import type { PetitionStatusQueryDto, PetitionStatusView } from './petition-status.query';

/** Unknown code and wrong second factor get the same answer, so codes cannot be probed. */
class NoMatchError extends DomainError {
  constructor() {
    super('INTAKE.LOOKUP_NO_MATCH', 'No petition matches this query code and phone digits', 404);
  }
}

class LockedError extends DomainError {
  constructor(until: Date) {
    super('INTAKE.LOOKUP_LOCKED', `Too many failed attempts; try again after ${until.toISOString()}`, 429);
  }
}

function sameDigits(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A petitioner looks up progress with the query code and the last four digits of their phone. */
@Injectable()
export class LookUpStatusHandler {
  private readonly locks: Model<LookupLock>;

  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @InjectConnection() connection: Connection,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    private readonly protection: PetitionerProtection,
  ) {
    this.locks = modelOn(connection, LOOKUP_LOCK_MODEL, lookupLockSchema);
  }

  async execute(query: PetitionStatusQueryDto): Promise<PetitionStatusView> {
    const code = query.queryCode.toUpperCase();
    const lock = await this.locks.findById(code).lean().exec();
    if (lock?.lockedUntil && lock.lockedUntil > new Date()) throw new LockedError(lock.lockedUntil);

    const doc = await this.petitions.findOne({ queryCode: code }, { outbox: 0 }).lean().exec();
    const phones = (doc?.petitioners ?? []).flatMap((p) => {
      const phone = this.protection.reveal(p).phone;
      return phone ? [phoneLast4(phone)] : [];
    });
    if (!doc || !phones.some((digits) => sameDigits(digits, query.phoneLast4))) {
      await this.recordFailure(code);
      throw new NoMatchError();
    }
    if (lock) await this.locks.deleteOne({ _id: code }).exec();
    return {
      caseNumber: doc.caseNumber,
      status: doc.status,
      channel: doc.channel,
      category: { level1: doc.category.level1, level2: doc.category.level2, level3: doc.category.level3 },
      receivedAt: doc.receivedAt,
      registeredAt: doc.registeredAt,
    };
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
