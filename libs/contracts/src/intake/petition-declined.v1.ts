import { IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** The centre did not accept a petition, or forwarded it to the competent body. */
export class PetitionDeclinedV1 {
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(['not_accept', 'forward']) decision!: 'not_accept' | 'forward';
  @IsOptional() @IsString() @MaxLength(64) reason?: string;
  @IsOptional() @IsString() @MaxLength(200) forwardTo?: string;
  @IsDateString() decidedAt!: string;
}

export const PETITION_DECLINED_V1 = defineEvent('intake.petition.declined.v1', PetitionDeclinedV1);
