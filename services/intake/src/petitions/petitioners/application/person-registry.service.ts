import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { BlindIndex } from '@pdmc/privacy';
import type { Petitioner } from '../domain/petitioner';
import { PetitionerProtection } from './petitioner-protection';
import { PersonDocument } from '../infrastructure/person.schema';

/**
 * Recognises petitioners across petitions. A person is the same person when the ID number
 * matches (blind index); someone without an ID number is recognised by name and phone
 * together, never by phone alone (families and villages share phones). A petitioner with
 * neither ID number nor phone cannot be recognised and stays unlinked.
 */
@Injectable()
export class PersonRegistry {
  constructor(
    @InjectModel(PersonDocument.name) private readonly persons: Model<PersonDocument>,
    private readonly protection: PetitionerProtection,
    private readonly index: BlindIndex,
  ) {}

  matchKey(p: Petitioner): string | undefined {
    if (p.idNumber) return `id:${this.index.compute(p.idNumber, 'idNumber')}`;
    if (p.phone && p.name) return `np:${this.index.compute(p.name, 'name')}:${this.index.compute(p.phone, 'phone')}`;
    return undefined;
  }

  /**
   * The registry id of each petitioner (undefined where they cannot be recognised), creating
   * entries for new people and keeping the latest phone and address of known ones. Idempotent:
   * the same people give the same ids, so a retried registration links to the same entries.
   */
  async identify(petitioners: readonly Petitioner[], at: Date): Promise<Array<string | undefined>> {
    // In parallel: a joint letter may carry many signers. The same person twice meets the
    // concurrent-upsert retry below.
    return Promise.all(
      petitioners.map((p) => {
        const key = this.matchKey(p);
        return key ? this.upsert(key, p, at) : undefined;
      }),
    );
  }

  private async upsert(matchKey: string, p: Petitioner, at: Date): Promise<string> {
    const stored = this.protection.protect(p);
    const update = {
      $setOnInsert: {
        _id: randomUUID(),
        name: stored.name,
        firstSeenAt: at,
        ...(stored.idNumber ? { idNumber: stored.idNumber, idNumberIndex: stored.idNumberIndex } : {}),
      },
      $set: {
        lastSeenAt: at,
        ...(stored.phone ? { phone: stored.phone } : {}),
        ...(stored.address ? { address: stored.address } : {}),
      },
      ...(stored.phoneIndex ? { $addToSet: { phoneIndexes: stored.phoneIndex } } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.persons
          .findOneAndUpdate({ matchKey }, update, { upsert: true, returnDocument: 'after' })
          .lean()
          .exec();
        if (doc) return doc._id;
      } catch (error) {
        // Two registrations of a new person at once: one insert wins the unique matchKey; the
        // other finds it on the retry.
        if (attempt > 0) throw error;
      }
      if (attempt > 0) throw new Error('person registry: upsert returned nothing');
    }
  }

  /** People with this ID number or phone (exact match through the blind indexes). */
  async find(by: { idNumber?: string; phone?: string }): Promise<PersonDocument[]> {
    const or: Array<Record<string, unknown>> = [];
    if (by.idNumber) or.push({ idNumberIndex: this.index.compute(by.idNumber, 'idNumber') });
    if (by.phone) or.push({ phoneIndexes: this.index.compute(by.phone, 'phone') });
    if (!or.length) return [];
    return this.persons.find(or.length === 1 ? or[0]! : { $or: or }).sort({ lastSeenAt: -1 }).limit(50).lean().exec();
  }

  async byId(id: string): Promise<PersonDocument | null> {
    return this.persons.findById(id).lean().exec();
  }
}
