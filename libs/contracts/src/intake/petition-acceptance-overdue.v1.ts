import { IsDateString, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';

/** No acceptance decision within the legal 15 days: supervision must step in. */
export class PetitionAcceptanceOverdueV1 {
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsString() @IsNotEmpty() townCode!: string;
  @IsDateString() receivedAt!: string;
  @IsDateString() dueAt!: string;
}

export const PETITION_ACCEPTANCE_OVERDUE_V1 = defineEvent(
  'intake.petition.acceptance-overdue.v1',
  PetitionAcceptanceOverdueV1,
);
