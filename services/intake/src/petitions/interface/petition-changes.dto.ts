import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { ITEM_CLASSES, type ItemClass } from '@pdmc/contracts';
import { trimmed } from './register-petition.dto';

export class ClassifyPetitionDto {
  @ApiProperty({ example: 515, description: 'The confirmed taxonomy leaf' })
  @IsInt()
  @Min(0)
  categoryId!: number;

  @ApiPropertyOptional({ enum: ITEM_CLASSES, example: 'appeal' })
  @IsOptional()
  @IsIn(ITEM_CLASSES)
  itemClass?: ItemClass;

  @ApiPropertyOptional({ example: 'HX' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  townCode?: string;
}

export class UpdateFlagsDto {
  @ApiPropertyOptional({ example: true, description: 'Skipped the competent level (越级访)' })
  @IsOptional()
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({ example: false, description: 'Abnormal petitioning (非正常访)' })
  @IsOptional()
  @IsBoolean()
  abnormal?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Threat of extreme action (扬言)' })
  @IsOptional()
  @IsBoolean()
  threatOfExtremeAction?: boolean;

  @ApiPropertyOptional({ example: false, description: 'Backlog case (积案)' })
  @IsOptional()
  @IsBoolean()
  backlog?: boolean;

  @ApiPropertyOptional({ example: false, description: 'Only `false`: not the same matter after all; drops the repeat link' })
  @IsOptional()
  @IsBoolean()
  repeat?: boolean;

  @ApiProperty({ example: '来电中扬言到市政府门前聚集', maxLength: 500, description: 'Why; kept in the timeline' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class MergePetitionDto {
  @ApiProperty({ format: 'uuid', example: '0b6f6c8e-3f1e-4d59-9a43-8f6a1b2c3d4e', description: 'The petition that carries the matter' })
  @IsUUID()
  intoPetitionId!: string;
}
