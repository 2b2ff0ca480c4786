import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RequirePermission } from '@pdmc/auth';
import type { DeadLetterDetail, DeadLetterSummary } from '@pdmc/messaging';
import { Audit } from '../audit/audit.decorator';
import { NotFoundError, ValidationFailedError } from '../http/api-error';
import { DeadLettersService } from './dead-letters.service';

export class DeadLetterQueryDto {
  @ApiPropertyOptional({ description: 'Only dead letters after this sequence (the last one of the previous page).', example: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class DeadLetterView {
  @ApiProperty({ description: 'Sequence in the DEAD_LETTERS stream: the id of the dead letter.', example: 42 })
  seq!: number;
  @ApiProperty({ description: 'Subject the event was published on.', example: 'intake.petition.accepted.v1' })
  subject!: string;
  @ApiProperty({ description: 'Durable consumer that gave up.', example: 'routing__intake_petition_accepted_v1' })
  consumer!: string;
  @ApiProperty({ description: 'The last error of the handler.', example: 'Error: no routing rule for category 999' })
  error!: string;
  @ApiProperty({ description: 'Deliveries made before it was dead-lettered.', example: 5 })
  deliveryCount!: number;
  @ApiProperty({ example: 'INTAKE' })
  originalStream!: string;
  @ApiProperty({ example: 1207 })
  originalSeq!: number;
  @ApiPropertyOptional({ example: '9b2f0c39-6a44-4d0e-9c55-3f8c8d1f2e10' })
  eventId?: string;
  @ApiPropertyOptional({ example: 'intake.petition.accepted.v1' })
  eventType?: string;
  @ApiPropertyOptional({ example: 'corr-7f3a' })
  correlationId?: string;
  @ApiProperty({ example: '2026-11-29T08:15:00.000Z' })
  deadLetteredAt!: string;
  @ApiProperty({ description: 'A replay waiting for its consumer.', example: false })
  replaying!: boolean;
}

export class DeadLetterDetailView extends DeadLetterView {
  @ApiProperty({ description: 'The stored event (the envelope), or its text when it is not JSON.', example: { id: '9b2f0c39-6a44-4d0e-9c55-3f8c8d1f2e10', type: 'intake.petition.accepted.v1' } })
  event!: unknown;
}

export class DeadLetterStatsView {
  @ApiProperty({ example: 2 })
  count!: number;
  @ApiProperty({ description: 'Age of the oldest dead letter, seconds.', example: 3600 })
  oldestAgeSeconds!: number;
}

export class DeadLetterPageView {
  @ApiProperty({ type: [DeadLetterView] })
  items!: DeadLetterView[];
  @ApiProperty({ type: DeadLetterStatsView, nullable: true })
  stats!: DeadLetterStatsView | null;
}

const SEQ_PARAM = { name: 'seq', description: 'Sequence of the dead letter in DEAD_LETTERS.', example: 42 } as const;

/** A dead letter's id is its sequence in the stream: a positive integer. */
function parseSeq(raw: string): number {
  if (/^[1-9]\d{0,15}$/.test(raw)) return Number(raw);
  throw new ValidationFailedError([{ field: 'seq', rule: 'isInt', message: 'seq must be a positive integer' }]);
}

/** A route without query parameters refuses any (400 naming it) rather than ignoring it. */
function refuseQuery(query: Record<string, unknown>): void {
  const names = Object.keys(query ?? {});
  if (names.length) {
    throw new ValidationFailedError(names.map((field) => ({ field, rule: 'whitelistValidation', message: `property ${field} should not exist` })));
  }
}

function notFound(seq: number): NotFoundError {
  return new NotFoundError('DEAD_LETTER.NOT_FOUND', `No dead letter ${seq} of this service`);
}

/**
 * An operator's dead-letter desk, in every service for its own consumers: list, inspect, replay
 * to the consumer that gave up, or discard. Every call is audited (reads by declaration,
 * replay and discard as state changes).
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/dead-letters')
export class DeadLettersHttpController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @RequirePermission('dead_letter.read')
  @Audit({ action: 'dead_letter.list', objectType: 'dead_letter' })
  @ApiOkResponse({ description: 'Dead letters of this service, oldest first, and their count.', type: DeadLetterPageView })
  async list(@Query() query: DeadLetterQueryDto): Promise<{ items: DeadLetterSummary[]; stats: DeadLetterPageView['stats'] }> {
    const [items, stats] = await Promise.all([
      this.deadLetters.letters.list({ after: query.after, limit: query.limit ?? 50 }),
      this.deadLetters.stats(),
    ]);
    return { items, stats: stats ?? null };
  }

  @Get(':seq')
  @RequirePermission('dead_letter.read')
  @Audit({ action: 'dead_letter.read', objectType: 'dead_letter', objectId: 'param:seq' })
  @ApiParam(SEQ_PARAM)
  @ApiOkResponse({ description: 'The dead letter with its event, error and origin.', type: DeadLetterDetailView })
  @ApiBadRequestResponse({ description: 'seq is not a positive integer.' })
  @ApiNotFoundResponse({ description: 'No dead letter of this service has that sequence.' })
  async get(@Param('seq') raw: string, @Query() query: Record<string, unknown>): Promise<DeadLetterDetail> {
    const seq = parseSeq(raw);
    refuseQuery(query);
    const letter = await this.deadLetters.letters.get(seq);
    if (!letter) throw notFound(seq);
    return letter;
  }

  @Post(':seq/replay')
  @HttpCode(200)
  @RequirePermission('dead_letter.manage')
  @Audit({ action: 'dead_letter.replay', objectType: 'dead_letter', objectId: 'param:seq' })
  @ApiParam(SEQ_PARAM)
  @ApiOkResponse({ description: 'Sent back to the consumer that gave up, and removed from the dead letters.', type: DeadLetterView })
  @ApiBadRequestResponse({ description: 'seq is not a positive integer.' })
  @ApiNotFoundResponse({ description: 'No dead letter of this service has that sequence.' })
  async replay(@Param('seq') raw: string): Promise<DeadLetterSummary> {
    const seq = parseSeq(raw);
    const replayed = await this.deadLetters.letters.replay(seq);
    if (!replayed) throw notFound(seq);
    this.deadLetters.forget();
    return replayed;
  }

  @Delete(':seq')
  @RequirePermission('dead_letter.manage')
  @Audit({ action: 'dead_letter.discard', objectType: 'dead_letter', objectId: 'param:seq' })
  @ApiParam(SEQ_PARAM)
  @ApiOkResponse({ description: 'Removed for good; the answer is what was discarded.', type: DeadLetterView })
  @ApiBadRequestResponse({ description: 'seq is not a positive integer.' })
  @ApiNotFoundResponse({ description: 'No dead letter of this service has that sequence.' })
  async discard(@Param('seq') raw: string): Promise<DeadLetterSummary> {
    const seq = parseSeq(raw);
    const discarded = await this.deadLetters.letters.discard(seq);
    if (!discarded) throw notFound(seq);
    this.deadLetters.forget();
    return discarded;
  }
}
