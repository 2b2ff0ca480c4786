import { randomUUID } from 'node:crypto';
import {
  CASE_DECIDED_V1,
  CASE_OPENED_V1,
  createEnvelope,
  PETITION_ACCEPTED_V1,
  PETITION_REGISTERED_V1,
  PETITION_ROUTED_V1,
  type CaseDecidedV1,
  type CaseOpenedV1,
  type EventDefinition,
  type EventEnvelope,
  type PetitionAcceptedV1,
  type PetitionFlagsV1,
  type PetitionRegisteredV1,
  type PetitionRoutedV1,
} from '@pdmc/contracts';

/**
 * Builders for the events services consume, as their producers publish them: valid defaults,
 * any field overridable, a fresh petition id each time. Tests state only what matters to them.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Risk flags: none set unless given. */
export function petitionFlags(over: Partial<PetitionFlagsV1> = {}): PetitionFlagsV1 {
  return { collective: false, repeat: false, escalated: false, abnormal: false, threatOfExtremeAction: false, ...over };
}

function envelope<P extends { petitionId: string }>(def: EventDefinition<P>, payload: P, causation = false): EventEnvelope<P> {
  return createEnvelope(def, payload, {
    correlationId: `corr-${payload.petitionId}`,
    ...(causation ? { causationId: randomUUID() } : {}),
  });
}

function registeredFacts(over: Partial<PetitionRegisteredV1>): PetitionRegisteredV1 {
  return {
    petitionId: randomUUID(),
    caseNumber: '220106-2026-000001',
    channel: 'visit',
    itemClass: 'appeal',
    category: { id: 515, level1: '劳动和社会保障', level2: '退休政策及待遇', level3: '退休金发放' },
    townCode: 'HX',
    headcount: 1,
    flags: petitionFlags(),
    receivedAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    ...over,
  };
}

/** `intake.petition.registered.v1`: a pension complaint registered an hour ago in 合心镇. */
export function aRegisteredPetition(over: Partial<PetitionRegisteredV1> = {}): EventEnvelope<PetitionRegisteredV1> {
  return envelope(PETITION_REGISTERED_V1, registeredFacts(over));
}

/** `intake.petition.accepted.v1`: the same facts, accepted now. */
export function anAcceptedPetition(over: Partial<PetitionAcceptedV1> = {}): EventEnvelope<PetitionAcceptedV1> {
  return envelope(PETITION_ACCEPTED_V1, { ...registeredFacts(over), acceptedAt: new Date().toISOString(), ...over });
}

/** `routing.petition.routed.v1`: routed to agriculture & land, 西新镇 responsible. */
export function aRoutedPetition(over: Partial<PetitionRoutedV1> = {}): EventEnvelope<PetitionRoutedV1> {
  return envelope(
    PETITION_ROUTED_V1,
    {
      petitionId: randomUUID(),
      caseNumber: '220106-2026-000042',
      workUnit: 'AGRI_LAND',
      responsibleBody: 'area:XX',
      ruleId: 'AGRI.rural',
      reason: 'category 302 (land contracting) belongs to agriculture & land',
      ...over,
    },
    true,
  );
}

/** `handling.case.opened.v1`: a labour case opened five minutes ago, due in 60 days. */
export function anOpenedCase(over: Partial<CaseOpenedV1> = {}): EventEnvelope<CaseOpenedV1> {
  const openedAt = new Date(Date.now() - 5 * 60_000);
  return envelope(
    CASE_OPENED_V1,
    {
      caseId: randomUUID(),
      petitionId: randomUUID(),
      caseNumber: '220106-2026-000314',
      workUnit: 'LABOUR',
      responsibleBody: 'dept:labour-inspection',
      openedAt: openedAt.toISOString(),
      dueAt: new Date(openedAt.getTime() + 60 * DAY_MS).toISOString(),
      ...over,
    },
    true,
  );
}

/** `handling.case.decided.v1`: a labour case decided (supported) an hour ago; review requests due in 30 days. */
export function aDecidedCase(over: Partial<CaseDecidedV1> = {}): EventEnvelope<CaseDecidedV1> {
  const decidedAt = new Date(Date.now() - 60 * 60_000);
  return envelope(
    CASE_DECIDED_V1,
    {
      decisionId: randomUUID(),
      caseId: randomUUID(),
      petitionId: randomUUID(),
      caseNumber: '220106-2026-000314',
      workUnit: 'LABOUR',
      responsibleBody: 'dept:labour-inspection',
      outcome: 'support',
      decidedAt: decidedAt.toISOString(),
      reviewRequestDueAt: new Date(decidedAt.getTime() + 30 * DAY_MS).toISOString(),
      ...over,
    },
    true,
  );
}
