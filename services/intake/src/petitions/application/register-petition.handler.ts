import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { createEnvelope, PETITION_REGISTERED_V1, type Channel, type ItemClass } from '@pdmc/contracts';
import {
  correlationIdOrNew,
  FollowedCalendar,
  GAZETTEER,
  type Gazetteer,
  IdempotencyKeyReusedError,
  type IdempotencyScope,
  OutboxRelayService,
  SERVICE_CONFIG,
  type TaxonomyClass,
  ValidationFailedError,
} from '@pdmc/platform';
import { isDuplicateKeyError, toOutbox } from '@pdmc/persistence';
import { acceptanceDueAt } from '../domain/acceptance';
import {
  deriveFlags,
  generateQueryCode,
  type Petition,
  type Referral,
} from '../domain/petition';
import type { Petitioner, StoredPetitioner } from '../petitioners/domain/petitioner';
import { registrationViolations } from '../domain/registration';
import { findOriginal, isEscalatedByReferral } from '../domain/repeat';
import { entry } from '../domain/timeline';
import { PetitionDocument } from '../infrastructure/petition.schema';
import type { IntakeConfig } from '../../config/intake.config';
import { TAXONOMY } from '../../reference-data.providers';
import { CategorySuggestionService } from '../../classification/application/category-suggestion.service';
import { PersonRegistry } from '../petitioners/application/person-registry.service';
import { registeredPayload } from './petition-events';
import { PetitionMapper } from './petition.mapper';
import { PetitionerProtection } from '../petitioners/application/petitioner-protection';
import { RepeatDetector } from './repeat-detector';
import { CaseNumbering } from './case-numbering';

/** What a registration carries, from the front desk or from the online form. */
export interface RegistrationInput {
  channel: Channel;
  itemClass: ItemClass;
  /** Required from staff; online, the petitioner's pick or else the keyword suggestion. */
  categoryId?: number;
  townCode: string;
  subject: string;
  description: string;
  headcount?: number;
  petitioners?: Petitioner[];
  receivedAt: string;
  escalated?: boolean;
  abnormal?: boolean;
  threatOfExtremeAction?: boolean;
  backlog?: boolean;
  referral?: Omit<Referral, 'dueAt'> & { dueAt?: string; abnormalReported?: boolean };
}

/** Who registers: a clerk (category confirmed), or the petitioner online (confirmed later). */
export interface Registrar {
  by: string;
  online: boolean;
}

/**
 * Registers a petition: recognises its people in the registry, links it to an earlier petition
 * on the same matter (repeat), derives its flags and, in the same single-document write, queues
 * `intake.petition.registered.v1` once its category is confirmed.
 */
@Injectable()
export class RegisterPetitionHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @Inject(TAXONOMY) private readonly taxonomy: ReadonlyMap<number, TaxonomyClass>,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    private readonly relay: OutboxRelayService,
    private readonly mapper: PetitionMapper,
    private readonly protection: PetitionerProtection,
    private readonly classification: CategorySuggestionService,
    private readonly registry: PersonRegistry,
    private readonly repeats: RepeatDetector,
    private readonly numbering: CaseNumbering,
    private readonly followedCalendar: FollowedCalendar,
  ) {}

  /**
   * Registrations in progress in this instance, by idempotency key: a concurrent retry waits for
   * the first instead of doing the work again only to lose the unique-index race at the end.
   */
  private readonly inFlight = new Map<string, { fingerprint: string; result: Promise<{ petition: Petition; created: boolean }> }>();

  async execute(
    input: RegistrationInput,
    idempotency: IdempotencyScope | undefined,
    registrar: Registrar,
  ): Promise<{ petition: Petition; created: boolean }> {
    if (!idempotency) return this.registerOnce(input, undefined, registrar);
    const running = this.inFlight.get(idempotency.key);
    if (running) {
      if (running.fingerprint !== idempotency.fingerprint) throw new IdempotencyKeyReusedError();
      const first = await running.result.catch(() => undefined);
      if (first) return { petition: first.petition, created: false };
      // The first attempt failed; this retry tries for itself.
    }
    const result = this.registerOnce(input, idempotency, registrar);
    const entry = { fingerprint: idempotency.fingerprint, result };
    this.inFlight.set(idempotency.key, entry);
    try {
      return await result;
    } finally {
      if (this.inFlight.get(idempotency.key) === entry) this.inFlight.delete(idempotency.key);
    }
  }

  /** A petition the key already registered (its replay), or undefined; 422 when the key came with another body. */
  private async replayOf(idempotency: IdempotencyScope): Promise<Petition | undefined> {
    const existing = await this.petitions.findOne({ idempotencyKey: idempotency.key }, { outbox: 0, history: 0 }).lean().exec();
    if (!existing) return undefined;
    if (existing.idempotencyFingerprint !== undefined && existing.idempotencyFingerprint !== idempotency.fingerprint) {
      throw new IdempotencyKeyReusedError();
    }
    return this.mapper.toView(existing);
  }

  private async registerOnce(
    input: RegistrationInput,
    idempotency: IdempotencyScope | undefined,
    registrar: Registrar,
  ): Promise<{ petition: Petition; created: boolean }> {
    if (idempotency) {
      const replay = await this.replayOf(idempotency);
      if (replay) return { petition: replay, created: false };
    }
    const receivedAt = new Date(input.receivedAt);
    const category = this.categoryOf(input, registrar);
    this.check(input, receivedAt, category, registrar);

    const now = new Date();
    const people = input.petitioners ?? [];
    const personIds = await this.registry.identify(people, now);
    const earlier = await this.repeats.earlierPetitionsOf(personIds);
    const sameMatter = category ? earlier.filter((p) => p.categoryId === category.id) : [];
    const repeatOf = findOriginal(earlier, category?.id);
    const referral = this.referralOf(input);
    const headcount = input.headcount ?? 1;
    const flags = deriveFlags(
      { ...input, headcount },
      this.config.COLLECTIVE_THRESHOLD,
      { repeatOf, escalatedByReferral: isEscalatedByReferral(referral, sameMatter) },
      input.referral?.abnormalReported ?? false,
    );

    const id = randomUUID();
    const confirmed = !registrar.online;
    const base: Omit<PetitionDocument, 'outbox' | 'caseNumber' | 'queryCode'> = {
      _id: id,
      ...(idempotency ? { idempotencyKey: idempotency.key, idempotencyFingerprint: idempotency.fingerprint } : {}),
      channel: input.channel,
      itemClass: input.itemClass,
      ...(category ? { category: { ...category } } : {}),
      classification: confirmed ? { confirmed, confirmedBy: registrar.by, confirmedAt: now } : { confirmed },
      townCode: input.townCode,
      ...(referral ? { referral } : {}),
      petitioners: people.map((p, i): StoredPetitioner => {
        const personId = personIds[i];
        return { ...this.protection.protect(p), ...(personId ? { personId } : {}) };
      }),
      subject: input.subject,
      description: input.description,
      headcount,
      flags,
      ...(repeatOf ? { repeatOf } : {}),
      firstAtThisBody: people.length > 0 && earlier.length === 0,
      status: 'registered',
      receivedAt,
      registeredAt: now,
      acceptanceDueAt: acceptanceDueAt(receivedAt, this.followedCalendar.calendar),
      history: [
        entry(registrar.online ? 'submitted_online' : 'registered', registrar.by, now, {
          channel: input.channel,
          ...(repeatOf ? { repeatOf: repeatOf.caseNumber } : {}),
        }),
      ],
    };
    let doc: Omit<PetitionDocument, 'outbox'> | undefined;
    let replay: Petition | undefined;
    let outbox: ReturnType<typeof toOutbox> = [];
    await this.numbering.number(now, async (caseNumber) => {
      const candidate = { ...base, caseNumber, queryCode: generateQueryCode() };
      // Downstream learns of a petition once staff stand behind its category.
      outbox =
        confirmed && category
          ? toOutbox(createEnvelope(PETITION_REGISTERED_V1, registeredPayload(candidate, category), { correlationId: correlationIdOrNew() }))
          : [];
      try {
        await this.petitions.create({ ...candidate, outbox });
        doc = candidate;
        return 'inserted';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (idempotency) {
          // A retry with the same key, in another instance, won the race; answer with its petition.
          const winner = await this.replayOf(idempotency);
          if (winner) {
            replay = winner;
            return 'settled';
          }
        }
        // The number (or, rarely, the random query code) was taken: try the next.
        return 'number-taken';
      }
    });
    if (replay) return { petition: replay, created: false };
    if (!doc) throw new Error('registration: numbering ended without a petition');
    if (outbox.length) this.relay.kick();
    if (confirmed && category) {
      // What the keyword rules would have suggested against what the clerk chose, to measure them.
      await this.classification.recordChoice(id, input.subject, input.description, category.id, registrar.by, {
        petitionerNames: people.map((p) => p.name),
        source: 'registration',
      });
    }
    return { petition: this.mapper.toView(doc), created: true };
  }

  private categoryOf(input: RegistrationInput, registrar: Registrar): TaxonomyClass | undefined {
    if (input.categoryId !== undefined) return this.taxonomy.get(input.categoryId);
    if (!registrar.online) return undefined;
    const top = this.classification.suggest(input.subject, input.description).suggestions[0];
    return top ? this.taxonomy.get(top.categoryId) : undefined;
  }

  private check(input: RegistrationInput, receivedAt: Date, category: TaxonomyClass | undefined, registrar: Registrar): void {
    const violations = registrationViolations(
      {
        channel: input.channel,
        ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
        categoryKnown: category !== undefined,
        townKnown: this.gazetteer.areas.some((a) => a.code === input.townCode),
        receivedAt,
        petitionerCount: input.petitioners?.length ?? 0,
        ...(input.referral ? { referral: input.referral } : {}),
        online: registrar.online,
      },
      new Date(),
    );
    if (violations.length) throw new ValidationFailedError(violations);
  }

  private referralOf(input: RegistrationInput): Referral | undefined {
    const r = input.referral;
    if (!r) return undefined;
    return {
      kind: r.kind,
      authority: r.authority,
      authorityLevel: r.authorityLevel,
      reference: r.reference,
      ...(r.dueAt ? { dueAt: new Date(r.dueAt) } : {}),
      reportRequired: r.reportRequired,
      ...(r.abnormalReported ? { abnormalReported: true } : {}),
    };
  }
}
