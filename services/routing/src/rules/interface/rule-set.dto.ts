import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, ITEM_CLASSES, WORK_UNITS, type Channel, type ItemClass } from '@pdmc/contracts';

export class CategoryMatchDto {
  @ApiProperty({ example: '劳动和社会保障' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  level1!: string;

  @ApiPropertyOptional({ example: '工资福利' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  level2?: string;

  @ApiPropertyOptional({ example: '拖欠工资' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  level3?: string;
}

/** The conditions of a rule; every one given must hold, a list holds for any of its values. */
export class RuleMatchDto {
  // Values are checked by the rule-set validation, which names the rule; the DTO checks shapes.
  @ApiPropertyOptional({ enum: ITEM_CLASSES, isArray: true, example: ['appeal'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  itemClasses?: ItemClass[];

  @ApiPropertyOptional({ enum: CHANNELS, isArray: true, example: ['phone'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsString({ each: true })
  channels?: Channel[];

  @ApiPropertyOptional({ type: CategoryMatchDto, description: 'A taxonomy path: level1, level1+level2, or a leaf.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CategoryMatchDto)
  category?: CategoryMatchDto;

  @ApiPropertyOptional({ example: ['HX', 'CX'], description: 'Town or sub-district codes from the gazetteer.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  townCodes?: string[];

  @ApiPropertyOptional({ example: ['欠薪', '拖欠工资'], description: 'Any one, in the category names or the subject.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  keywords?: string[];
}

export class RoutingRuleDto {
  @ApiProperty({ example: 'LABOUR.wages' })
  @IsString()
  @MaxLength(64)
  id!: string;

  @ApiProperty({ example: 360, description: 'Of the rules that hold, the highest priority decides; unique in the set.' })
  @IsInt()
  priority!: number;

  @ApiProperty({ type: RuleMatchDto })
  @ValidateNested()
  @Type(() => RuleMatchDto)
  match!: RuleMatchDto;

  @ApiProperty({ enum: WORK_UNITS, example: 'LABOUR' })
  @IsString()
  workUnit!: (typeof WORK_UNITS)[number];

  @ApiProperty({ example: 'dept:labour-inspection', description: '"territorial" (the petition’s town), area:<code> or dept:<code>.' })
  @IsString()
  @MaxLength(80)
  responsibleBody!: string;

  @ApiProperty({ example: '欠薪等工资福利事项，归口劳动监察' })
  @IsString()
  @MaxLength(200)
  reason!: string;
}

export class SaveRuleSetDto {
  @ApiProperty({ example: 1, description: 'The version you edited; the save is refused (409) if a newer one exists.' })
  @IsInt()
  @Min(1)
  basedOnVersion!: number;

  @ApiProperty({ example: '欠薪事项改由劳动保障监察大队牵头' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note!: string;

  @ApiProperty({ type: [RoutingRuleDto] })
  @IsArray()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => RoutingRuleDto)
  rules!: RoutingRuleDto[];
}

/** The facts a dry run routes; no personal data. */
export class DryRunDto {
  @ApiPropertyOptional({ example: 2, description: 'The rule-set version to ask; the newest when left out.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiProperty({ example: 515, description: 'A taxonomy leaf (data/reference/complaint-taxonomy.csv).' })
  @IsInt()
  @Min(0)
  categoryId!: number;

  @ApiProperty({ enum: CHANNELS, example: 'visit' })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ enum: ITEM_CLASSES, example: 'appeal' })
  @IsIn(ITEM_CLASSES)
  itemClass!: ItemClass;

  @ApiProperty({ example: 'HX' })
  @IsString()
  @MaxLength(10)
  townCode!: string;

  @ApiPropertyOptional({ example: '工地拖欠农民工工资', description: 'The subject, for keyword rules.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;
}

export class CoverageQuery {
  @ApiPropertyOptional({ example: 1, description: 'The rule-set version; the newest when left out.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
