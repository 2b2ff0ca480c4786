import { Type } from 'class-transformer';
import { IsDateString, IsNotEmpty, IsString, IsUUID, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { PetitionFlagsV1 } from './petition-registered.v1';

/**
 * Staff changed a petition's flags after registration (for example a threat of extreme action
 * heard on a later call, or a backlog case), so that emergency and supervision see it at once.
 * `flags` is the complete set after the change.
 */
export class PetitionFlagsChangedV1 {
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsString() @IsNotEmpty() townCode!: string;
  @ValidateNested() @Type(() => PetitionFlagsV1) flags!: PetitionFlagsV1;
  @IsDateString() changedAt!: string;
}

export const PETITION_FLAGS_CHANGED_V1 = defineEvent('intake.petition.flags-changed.v1', PetitionFlagsChangedV1);
