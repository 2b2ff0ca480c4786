import { IsDateString, IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';

/**
 * A petition was merged into another one about the same matter (合并件): it will not be decided
 * or handled on its own; both now carry `mergedCaseNumber`.
 */
export class PetitionMergedV1 {
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsUUID() mergedIntoPetitionId!: string;
  @IsString() @IsNotEmpty() mergedIntoCaseNumber!: string;
  @IsString() @IsNotEmpty() mergedCaseNumber!: string;
  @IsDateString() mergedAt!: string;
}

export const PETITION_MERGED_V1 = defineEvent('intake.petition.merged.v1', PetitionMergedV1);
