import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { CHANNELS, ITEM_CLASSES, type Channel, type ItemClass } from '../work-units';

export class PetitionFlagsV1 {
  @IsBoolean() collective!: boolean;
  @IsBoolean() repeat!: boolean;
  @IsBoolean() escalated!: boolean;
  @IsBoolean() abnormal!: boolean;
  @IsBoolean() threatOfExtremeAction!: boolean;
}

export class PetitionCategoryV1 {
  @IsInt() @Min(0) id!: number;
  @IsString() @IsNotEmpty() level1!: string;
  @IsString() @IsNotEmpty() level2!: string;
  @IsString() @IsNotEmpty() level3!: string;
}

/**
 * A petition was registered at the front desk. Carries what routing, handling and emergency
 * need to act; no petitioner's name, ID number, phone or address.
 */
export class PetitionRegisteredV1 {
  @IsUUID() petitionId!: string;
  @IsString() @IsNotEmpty() caseNumber!: string;
  @IsIn(CHANNELS) channel!: Channel;
  @IsIn(ITEM_CLASSES) itemClass!: ItemClass;
  @ValidateNested() @Type(() => PetitionCategoryV1) category!: PetitionCategoryV1;
  @IsString() @IsNotEmpty() townCode!: string;
  @IsInt() @Min(1) @Max(100000) headcount!: number;
  @ValidateNested() @Type(() => PetitionFlagsV1) flags!: PetitionFlagsV1;
  @IsDateString() receivedAt!: string;
}

export const PETITION_REGISTERED_V1 = defineEvent('intake.petition.registered.v1', PetitionRegisteredV1);
