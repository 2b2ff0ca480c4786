import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { createEnvelope, PETITION_REGISTERED_V1, type ItemClass } from '@pdmc/contracts';
import { correlationIdOrNew, GAZETTEER, type Gazetteer, OutboxRelayService, type TaxonomyClass, ValidationFailedError } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import type { Petition } from '../domain/petition';
import { findOriginal } from '../domain/repeat';
import { entry } from '../domain/timeline';
import { PetitionDocument } from '../infrastructure/petition.schema';
import { TAXONOMY } from '../../reference-data.providers';
import { CategorySuggestionService } from '../../classification/application/category-suggestion.service';
import { PetitionMapper } from './petition.mapper';
import { versionOf, withOneRetry } from './petition-changes';
import { PetitionStateConflictError } from './errors';
import { registeredPayload } from './petition-events';
import { PetitionNotFoundError } from './errors';
import { RepeatDetector } from './repeat-detector';
import { PetitionerProtection } from '../petitioners/application/petitioner-protection';

export interface ClassifyInput {
  categoryId: number;
  itemClass?: ItemClass;
  townCode?: string;
}

/**
 * A clerk confirms or corrects the category (and item class and town) of an undecided
 * petition. The first confirmation of an online submission queues `intake.petition.registered.v1`
 * (downstream learns of it now) and looks for an earlier petition on the same matter.
 */
@Injectable()
export class ClassifyPetitionHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @Inject(TAXONOMY) private readonly taxonomy: ReadonlyMap<number, TaxonomyClass>,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    private readonly relay: OutboxRelayService,
    private readonly mapper: PetitionMapper,
    private readonly classification: CategorySuggestionService,
    private readonly repeats: RepeatDetector,
    private readonly protection: PetitionerProtection,
  ) {}

  async execute(id: string, input: ClassifyInput, by: string): Promise<Petition> {
    const category = this.taxonomy.get(input.categoryId);
    const violations = [
      ...(category ? [] : [{ field: 'categoryId', rule: 'knownCategory', message: 'categoryId is not a taxonomy leaf' }]),
      ...(input.townCode === undefined || this.gazetteer.areas.some((a) => a.code === input.townCode)
        ? []
        : [{ field: 'townCode', rule: 'knownTown', message: 'townCode is not in the gazetteer' }]),
    ];
    if (violations.length || !category) throw new ValidationFailedError(violations);

    const updated = await withOneRetry(
      async () => {
        const current = await this.petitions.findById(id, { outbox: 0, history: 0 }).lean().exec();
        if (!current) throw new PetitionNotFoundError();
        if (current.status !== 'registered') {
          throw new PetitionStateConflictError('INTAKE.ALREADY_DECIDED', `Only an undecided petition is classified (status ${current.status})`);
        }
        const wasConfirmed = current.classification?.confirmed ?? true;
        const now = new Date();
        const next = {
          ...current,
          category: { ...category },
          itemClass: input.itemClass ?? current.itemClass,
          townCode: input.townCode ?? current.townCode,
          classification: { confirmed: true, confirmedBy: by, confirmedAt: now },
        };
        // A category chosen now can reveal an earlier petition of the same person on the matter.
        const repeatOf =
          current.repeatOf ??
          findOriginal(
            await this.repeats.earlierPetitionsOf((current.petitioners ?? []).map((p) => p.personId), id),
            category.id,
          );
        if (repeatOf) Object.assign(next, { repeatOf, flags: { ...current.flags, repeat: true } });
        const outbox = wasConfirmed
          ? []
          : toOutbox(createEnvelope(PETITION_REGISTERED_V1, registeredPayload(next, category), { correlationId: correlationIdOrNew() }));
        const doc = await this.petitions
          .findOneAndUpdate(
            { _id: id, status: 'registered', 'classification.confirmed': wasConfirmed, version: versionOf(current) },
            {
              $set: {
                category: next.category,
                itemClass: next.itemClass,
                townCode: next.townCode,
                classification: next.classification,
                flags: next.flags,
                ...(repeatOf ? { repeatOf } : {}),
              },
              $inc: { version: 1 },
              $push: {
                history: entry('classified', by, now, {
                  categoryId: category.id,
                  previousCategoryId: current.category?.id ?? null,
                  itemClass: next.itemClass,
                  townCode: next.townCode,
                  ...(repeatOf && !current.repeatOf ? { repeatOf: repeatOf.caseNumber } : {}),
                }),
                outbox: { $each: outbox },
              },
            },
            { returnDocument: 'after' },
          )
          .lean()
          .exec();
        if (!doc) return 'conflict';
        if (outbox.length) this.relay.kick();
        return doc;
      },
      () => new PetitionStateConflictError('INTAKE.CONCURRENT_CHANGE', 'The petition changed meanwhile; reload and try again'),
    );
    await this.classification.recordChoice(id, updated.subject, updated.description, category.id, by, {
      // Names only, to remove them from the words kept for learning.
      petitionerNames: (updated.petitioners ?? []).map((p) => this.protection.reveal(p).name),
    });
    return this.mapper.toView(updated);
  }
}
