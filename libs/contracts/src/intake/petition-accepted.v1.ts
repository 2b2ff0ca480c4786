import { IsDateString, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';

/** The centre accepted a petition (受理); handling must finish within 60 days of `acceptedAt`. */
export class PetitionAcceptedV1 {
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsDateString() acceptedAt!: string;
}

export const PETITION_ACCEPTED_V1 = defineEvent('intake.petition.accepted.v1', PetitionAcceptedV1);
