import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
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
  /** Backlog case (积案); added while v1, optional so that older producers stay valid. */
  @IsOptional() @IsBoolean() backlog?: boolean;
}

export const REFERRAL_KINDS = ['transfer', 'assignment'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const AUTHORITY_LEVELS = ['city', 'province', 'national'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

/**
 * An item a higher authority transferred (转办) or assigned (交办) to the centre: who sent it,
 * under which reference, by when, and whether it wants a completion report.
 */
export class PetitionReferralV1 {
  @IsIn(REFERRAL_KINDS) kind!: ReferralKind;
  @IsString() @IsNotEmpty() @MaxLength(100) authority!: string;
  @IsIn(AUTHORITY_LEVELS) authorityLevel!: AuthorityLevel;
  @IsString() @IsNotEmpty() @MaxLength(64) reference!: string;
  @IsOptional() @IsDateString() dueAt?: string;
  @IsBoolean() reportRequired!: boolean;
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
  /** Set for items transferred or assigned by a higher authority; added while v1, optional. */
  @IsOptional() @ValidateNested() @Type(() => PetitionReferralV1) referral?: PetitionReferralV1;
}

export const PETITION_REGISTERED_V1 = defineEvent('intake.petition.registered.v1', PetitionRegisteredV1);
