import { IsDateString } from 'class-validator';
import { defineEvent } from '../event-definition';
import { PetitionRegisteredV1 } from './petition-registered.v1';

/**
 * The centre accepted a petition (受理, 信访工作条例 art. 22-23): only now may it be routed to a
 * work unit, and handling must finish within 60 days of `acceptedAt`.
 *
 * Carries the same routing facts as {@link PetitionRegisteredV1} (category, town, channel, item
 * class, head-count, flags; no petitioner's name, ID number, phone or address, nor the free text)
 * so that routing needs nothing else, plus `acceptedAt`.
 *
 * Changed in place while still v1: the first version carried only petitionId, caseNumber and
 * acceptedAt, but it was emitted only by code minutes old and consumed by nobody, so no stored
 * or in-flight message reached a consumer. Any further breaking change is a `.v2`.
 */
export class PetitionAcceptedV1 extends PetitionRegisteredV1 {
  @IsDateString() acceptedAt!: string;
}

export const PETITION_ACCEPTED_V1 = defineEvent('intake.petition.accepted.v1', PetitionAcceptedV1);
