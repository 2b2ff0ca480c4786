import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { GAZETTEER, type Gazetteer } from '@pdmc/platform';
import { Sequences } from '@pdmc/persistence';
import { formatCaseNumber } from '../domain/petition';
import { PetitionDocument } from '../infrastructure/petition.schema';

/** What an insert attempt with a case number came to. */
export type NumberedInsert = 'inserted' | 'number-taken' | 'settled';

/** Collisions on the next case number a registration survives before giving up (a 500). */
const MAX_ATTEMPTS = 50;

const markOf = (year: number) => `case-number:${year}`;

/**
 * Gap-free case numbers per year (`220106-2026-000042`), unique under concurrency and across
 * instances, without transactions.
 *
 * A number exists only on the petition inserted with it (unique index on `caseNumber`), so a
 * crash or a lost idempotency race uses none up. The next number is one past the last this
 * instance inserted (at start-up: a "highest used" mark in `counters`, raised with `$max` after
 * each insert); when that is behind (another instance numbered meanwhile, or a crash between an
 * insert and its raise) the insert collides and the next number is read from the petitions
 * themselves. Within one instance inserts are numbered one at a time, so they do not collide
 * with each other.
 */
@Injectable()
export class CaseNumbering {
  private queue: Promise<unknown> = Promise.resolve();
  /** The last number this instance inserted, per year: the next insert needs no read. */
  private readonly lastUsed = new Map<number, number>();

  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    private readonly sequences: Sequences,
  ) {}

  /**
   * Calls `tryInsert` with the next number until it is `inserted`, or `settled` (the caller
   * found its answer elsewhere, e.g. an idempotent replay); `number-taken` means try the next.
   */
  async number(at: Date, tryInsert: (caseNumber: string) => Promise<NumberedInsert>): Promise<void> {
    const year = at.getFullYear();
    // Only the insert is exclusive; the mark is raised after, while the next one inserts.
    const run = this.queue.then(() => this.insertNext(year, tryInsert));
    this.queue = run.catch(() => undefined);
    const used = await run;
    if (used !== undefined) await this.sequences.raise(markOf(year), used);
  }

  /** Inserts with the next free number; the number used, or undefined when settled otherwise. */
  private async insertNext(year: number, tryInsert: (caseNumber: string) => Promise<NumberedInsert>): Promise<number | undefined> {
    const district = this.gazetteer.district.code;
    let next = (this.lastUsed.get(year) ?? (await this.sequences.current(markOf(year)))) + 1;
    for (let attempt = 1; ; attempt++) {
      const outcome = await tryInsert(formatCaseNumber(district, year, next));
      if (outcome === 'settled') return undefined;
      if (outcome === 'inserted') {
        this.lastUsed.set(year, next);
        return next;
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`case numbering: ${MAX_ATTEMPTS} collisions in a row for ${year}`);
      // Another instance numbered meanwhile, or the mark was behind: read the petitions.
      next = Math.max(next, await this.lastOnPetitions(`${district}-${year}-`)) + 1;
    }
  }

  /** The highest sequence in case numbers starting with `prefix` (`220106-2026-`), or 0. */
  private async lastOnPetitions(prefix: string): Promise<number> {
    const pattern = `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d{6}$`;
    const last = await this.petitions
      .findOne({ caseNumber: trusted({ $regex: pattern }) }, { caseNumber: 1 })
      .sort({ caseNumber: -1 })
      .lean()
      .exec();
    return last ? Number(last.caseNumber.slice(prefix.length)) : 0;
  }
}
