import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOffsetDateTime, PageQuery } from '@pdmc/platform';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { CHANNELS, ITEM_CLASSES, type Channel, type ItemClass } from '@pdmc/contracts';
import { PETITION_STATUSES, type PetitionStatus } from '../domain/petition';
import { PETITION_SORTS, type AcceptanceQueueFilter, type PetitionFilter, type PetitionSort } from '../application/petition.commands';

const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/**
 * The clerk's search. Every filter is exact (or a range) and has an index behind it
 * (petition.schema.ts). A person is searched through the registry (`POST /persons/search`),
 * whose answer gives the `personId` to filter by, so ID numbers and phones never travel in URLs.
 */
export class ListPetitionsQuery extends PageQuery implements PetitionFilter {
  @ApiPropertyOptional({ example: '220106-2026-000042' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}-\d{4}-M?\d{5,6}$/, { message: 'caseNumber must look like 220106-2026-000042 (or a merged-case number 220106-2026-M00007)' })
  caseNumber?: string;

  @ApiPropertyOptional({ example: 'K7MZ3QH8WP', description: 'The petitioner’s query code (查询码)' })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z0-9]{10}$/, { message: 'queryCode must be 10 letters or digits' })
  queryCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Registry id of a person (from POST /persons/search)' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: ITEM_CLASSES })
  @IsOptional()
  @IsIn(ITEM_CLASSES)
  itemClass?: ItemClass;

  @ApiPropertyOptional({ example: 515, description: 'A taxonomy leaf' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  categoryId?: number;

  @ApiPropertyOptional({ example: '劳动和社会保障', description: 'A first-level taxonomy class' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  categoryLevel1?: string;

  @ApiPropertyOptional({ example: 'HX' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  townCode?: string;

  @ApiPropertyOptional({ enum: PETITION_STATUSES })
  @IsOptional()
  @IsIn(PETITION_STATUSES)
  status?: PetitionStatus;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-01T00:00:00+08:00', description: 'Received at or after' })
  @IsOptional()
  @IsOffsetDateTime()
  receivedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00+08:00', description: 'Received before' })
  @IsOptional()
  @IsOffsetDateTime()
  receivedTo?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  collective?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  repeat?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  abnormal?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  threatOfExtremeAction?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  backlog?: boolean;

  @ApiPropertyOptional({ enum: PETITION_SORTS, default: '-receivedAt', description: '`-` for descending' })
  @IsOptional()
  @IsIn(PETITION_SORTS)
  sort?: PetitionSort;
}

/** The clerk's queue of undecided petitions: the search's filters, plus what the queue is worked by. */
export class AcceptanceQueueQuery extends ListPetitionsQuery implements AcceptanceQueueFilter {
  @ApiPropertyOptional({ type: Boolean, description: 'Only those past (true) or within (false) their 15 days' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'false: online submissions whose category a clerk has not yet confirmed' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  classified?: boolean;
}
