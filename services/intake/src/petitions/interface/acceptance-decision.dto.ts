import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACCEPTANCE_DECISIONS, NOT_ACCEPTED_REASONS, type AcceptanceDecisionKind, type NotAcceptedReason } from '../domain/acceptance';
import type { AcceptanceDecisionCommand } from '../application/petition.commands';

export class AcceptanceDecisionDto implements AcceptanceDecisionCommand {
  @ApiProperty({ enum: ACCEPTANCE_DECISIONS, example: 'accept' })
  @IsIn(ACCEPTANCE_DECISIONS)
  decision!: AcceptanceDecisionKind;

  @ApiPropertyOptional({ enum: Object.keys(NOT_ACCEPTED_REASONS), description: 'Required when not accepting' })
  @IsOptional()
  @IsIn(Object.keys(NOT_ACCEPTED_REASONS))
  reason?: NotAcceptedReason;

  @ApiPropertyOptional({ example: '区人力资源和社会保障局', description: 'The competent body, when forwarding' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  forwardTo?: string;
}
