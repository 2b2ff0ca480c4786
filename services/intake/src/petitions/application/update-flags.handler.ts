import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { createEnvelope, PETITION_FLAGS_CHANGED_V1 } from '@pdmc/contracts';
import { correlationIdOrNew, OutboxRelayService, ValidationFailedError } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { completeFlags, EDITABLE_FLAGS, type EditableFlag, type Petition, type PetitionFlags } from '../domain/petition';
import { entry } from '../domain/timeline';
import { PetitionDocument } from '../infrastructure/petition.schema';
import { PetitionMapper } from './petition.mapper';
import { versionOf, withOneRetry } from './petition-changes';
import { PetitionStateConflictError } from './errors';
import { PetitionNotFoundError } from './errors';

export type FlagChanges = Partial<Record<EditableFlag, boolean>> & { reason: string };

/**
 * Staff raise or clear flags after registration: a threat heard on a later call, abnormal
 * petitioning reported by a higher authority, a backlog case. `repeat` can only be cleared
 * (the clerk judged it a different matter), which also drops the link; a repeat is set by the
 * registry or by merging. The change, its timeline entry and `intake.petition.flags-changed.v1`
 * are one write.
 */
@Injectable()
export class UpdateFlagsHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    private readonly relay: OutboxRelayService,
    private readonly mapper: PetitionMapper,
  ) {}

  async execute(id: string, changes: FlagChanges, by: string): Promise<Petition> {
    const given = EDITABLE_FLAGS.filter((f) => changes[f] !== undefined);
    const violations = [
      ...(given.length ? [] : [{ field: 'flags', rule: 'atLeastOne', message: 'give at least one flag to set or clear' }]),
      ...(changes.repeat === true
        ? [{ field: 'repeat', rule: 'onlyClear', message: 'repeat can only be cleared; merge the petition to link it' }]
        : []),
    ];
    if (violations.length) throw new ValidationFailedError(violations);

    const updated = await withOneRetry(
      async () => {
        const current = await this.petitions.findById(id, { outbox: 0, history: 0 }).lean().exec();
        if (!current) throw new PetitionNotFoundError();
        if (current.status === 'merged') {
          throw new PetitionStateConflictError('INTAKE.PETITION_MERGED', `Merged into ${current.mergedInto?.caseNumber}; flag that petition`);
        }
        const before: PetitionFlags = completeFlags(current.flags);
        const after: PetitionFlags = { ...before };
        for (const flag of given) after[flag] = changes[flag] as boolean;
        const changed = given.filter((f) => before[f] !== after[f]);
        if (!changed.length) return current;
        const now = new Date();
        const clearsRepeat = changed.includes('repeat');
        const event = createEnvelope(
          PETITION_FLAGS_CHANGED_V1,
          { petitionId: id, caseNumber: current.caseNumber, townCode: current.townCode, flags: after, changedAt: now.toISOString() },
          { correlationId: correlationIdOrNew() },
        );
        const details = Object.fromEntries(changed.map((f) => [f, after[f]]));
        const doc = await this.petitions
          .findOneAndUpdate(
            { _id: id, version: versionOf(current) },
            {
              $set: { flags: after },
              ...(clearsRepeat ? { $unset: { repeatOf: 1 } } : {}),
              $inc: { version: 1 },
              $push: {
                history: {
                  $each: [
                    entry('flags_changed', by, now, { ...details, reason: changes.reason }),
                    ...(clearsRepeat && current.repeatOf
                      ? [entry('repeat_link_cleared', by, now, { was: current.repeatOf.caseNumber })]
                      : []),
                  ],
                },
                outbox: { $each: toOutbox(event) },
              },
            },
            { returnDocument: 'after' },
          )
          .lean()
          .exec();
        if (!doc) return 'conflict';
        this.relay.kick();
        return doc;
      },
      () => new PetitionStateConflictError('INTAKE.CONCURRENT_CHANGE', 'The petition changed meanwhile; reload and try again'),
    );
    return this.mapper.toView(updated);
  }
}
