import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { createEnvelope, PETITION_REGISTERED_V1 } from '@pdmc/contracts';
import {
  correlationIdOrNew,
  DomainError,
  type Gazetteer,
  OutboxRelayService,
  SERVICE_CONFIG,
  type TaxonomyClass,
  ValidationFailedError,
} from '@pdmc/platform';
import { isDuplicateKeyError, Sequences, toOutbox } from '@pdmc/persistence';
import { acceptanceDueAt } from '../domain/acceptance';
import { deriveFlags, formatCaseNumber, generateQueryCode, type Petition } from '../domain/petition';
import { PetitionDocument } from '../infrastructure/petition.schema';
import type { RegisterPetitionDto } from '../interface/register-petition.dto';
import type { IntakeConfig } from '../../config/intake.config';
import { GAZETTEER, TAXONOMY } from '../../reference-data.providers';
import { CategorySuggestionService } from '../../classification/application/category-suggestion.service';
import { PetitionMapper } from './petition.mapper';
import { PetitionerProtection } from './petitioner-protection';

/** Registers a petition and, in the same write, queues `intake.petition.registered.v1`. */
@Injectable()
export class RegisterPetitionHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @Inject(TAXONOMY) private readonly taxonomy: ReadonlyMap<number, TaxonomyClass>,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    private readonly sequences: Sequences,
    private readonly relay: OutboxRelayService,
    private readonly mapper: PetitionMapper,
    private readonly protection: PetitionerProtection,
    private readonly classification: CategorySuggestionService,
  ) {}

  async execute(
    dto: RegisterPetitionDto,
    idempotencyKey: string | undefined,
    clerk: string,
  ): Promise<{ petition: Petition; created: boolean }> {
    if (idempotencyKey) {
      const existing = await this.petitions.findOne({ idempotencyKey }).lean().exec();
      if (existing) return { petition: this.mapper.toView(existing), created: false };
    }
    const category = this.taxonomy.get(dto.categoryId);
    const receivedAt = new Date(dto.receivedAt);
    const violations = [
      ...(category ? [] : [{ field: 'categoryId', rule: 'knownCategory', message: 'categoryId is not a taxonomy leaf' }]),
      ...(this.gazetteer.areas.some((a) => a.code === dto.townCode)
        ? []
        : [{ field: 'townCode', rule: 'knownTown', message: 'townCode is not in the gazetteer' }]),
      ...(receivedAt.getTime() > Date.now() + 60_000
        ? [{ field: 'receivedAt', rule: 'notInFuture', message: 'receivedAt must not be in the future' }]
        : []),
    ];
    if (violations.length || !category) throw new ValidationFailedError(violations);

    const now = new Date();
    const year = now.getFullYear();
    const sequence = await this.sequences.next(`case-number:${year}`);
    const id = randomUUID();
    const headcount = dto.headcount ?? 1;
    const flags = deriveFlags({ ...dto, headcount }, this.config.COLLECTIVE_THRESHOLD);
    const caseNumber = formatCaseNumber(this.gazetteer.district.code, year, sequence);
    const event = createEnvelope(
      PETITION_REGISTERED_V1,
      {
        petitionId: id,
        caseNumber,
        channel: dto.channel,
        itemClass: dto.itemClass,
        category: { ...category },
        townCode: dto.townCode,
        headcount,
        flags,
        receivedAt: receivedAt.toISOString(),
      },
      { correlationId: correlationIdOrNew() },
    );

    const doc: Omit<PetitionDocument, 'outbox'> = {
      _id: id,
      caseNumber,
      queryCode: generateQueryCode(),
      idempotencyKey,
      channel: dto.channel,
      itemClass: dto.itemClass,
      category: { ...category },
      townCode: dto.townCode,
      petitioners: (dto.petitioners ?? []).map((p) => this.protection.protect(p)),
      subject: dto.subject,
      description: dto.description,
      headcount,
      flags,
      status: 'registered',
      receivedAt,
      registeredAt: now,
      acceptanceDueAt: acceptanceDueAt(receivedAt),
    };
    try {
      await this.petitions.create({ ...doc, outbox: toOutbox(event) });
    } catch (error) {
      if (idempotencyKey && isDuplicateKeyError(error)) {
        // A concurrent retry with the same key won the race; answer with its petition.
        const winner = await this.petitions.findOne({ idempotencyKey }).lean().exec();
        if (winner) return { petition: this.mapper.toView(winner), created: false };
      }
      throw error;
    }
    this.relay.kick();
    // What the keyword rules would have suggested against what the clerk chose, to measure them.
    await this.classification.recordChoice(id, dto.subject, dto.description, dto.categoryId, clerk);
    return { petition: this.mapper.toView(doc), created: true };
  }
}

export class PetitionNotFoundError extends DomainError {
  constructor() {
    super('INTAKE.PETITION_NOT_FOUND', 'No petition with this id', 404);
  }
}
