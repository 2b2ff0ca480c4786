import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Public } from '@pdmc/auth';
import { ITEM_CLASSES, type ItemClass } from '@pdmc/contracts';
import { Audit, RateLimit } from '@pdmc/platform';
import { IsChinesePhone, IsResidentId } from '@pdmc/privacy';
import { RegisterPetitionHandler } from '../application/register-petition.handler';
import { blankAsMissing, canonicalIdNumber, canonicalPhone, trimmed } from './register-petition.dto';
import { idempotencyOf } from './idempotency-key';

/** The online form (网上信访): real name, ID number and phone, the matter in the petitioner's words. */
export class OnlinePetitionDto {
  @ApiProperty({ example: '李秀英', maxLength: 50 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '11010519491231002X', description: 'Online petitions are filed under the real name (实名)' })
  @Transform(canonicalIdNumber)
  @IsResidentId()
  idNumber!: string;

  @ApiProperty({ example: '13800138000', description: 'Its last 4 digits, with the query code, open the progress look-up' })
  @Transform(canonicalPhone)
  @IsChinesePhone()
  phone!: string;

  @ApiPropertyOptional({ example: '吉林省长春市绿园区西新镇开元村2组', maxLength: 200 })
  @Transform(blankAsMissing)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiProperty({ example: 'XX', description: 'Town, sub-district or zone where the matter is (gazetteer code)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  townCode!: string;

  @ApiProperty({ enum: ITEM_CLASSES, example: 'appeal' })
  @IsIn(ITEM_CLASSES)
  itemClass!: ItemClass;

  @ApiPropertyOptional({ example: 514, description: 'The category the petitioner picked, if any; a clerk confirms it' })
  @IsOptional()
  @IsInt()
  @Min(0)
  categoryId?: number;

  @ApiProperty({ example: '小区旁工地夜间施工噪音扰民', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ example: '小区东侧工地连续两周夜间施工至凌晨，噪音严重影响休息，向环保部门反映后仍未改善。', maxLength: 10000 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  description!: string;
}

/** What the petitioner gets back: the numbers to keep, nothing else. */
export interface OnlineReceipt {
  caseNumber: string;
  queryCode: string;
  receivedAt: Date;
  acceptanceDueAt: Date;
}

@ApiTags('petitioner self-service')
@Controller('public')
export class OnlineSubmissionHttpController {
  constructor(private readonly register: RegisterPetitionHandler) {}

  @Post('petitions')
  @Public()
  @HttpCode(201)
  @RateLimit({ limit: 'ONLINE_SUBMISSIONS_PER_HOUR', windowSeconds: 3600 })
  @Audit({ action: 'petition.submit_online', objectType: 'petition', objectId: 'body:caseNumber' })
  @ApiOperation({
    summary: 'Submit a petition online (网上信访); no account needed',
    description:
      'Registered at once with a case number and query code; the 15-day acceptance period starts now. A clerk confirms the category before the acceptance decision. Keep the query code: with the last 4 digits of the phone it opens the progress look-up.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe submission key (8-64 chars), bound to the form: a retry of the same form gets the same receipt', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } })
  @ApiCreatedResponse({
    description: 'The receipt.',
    schema: {
      example: { caseNumber: '220106-2026-000123', queryCode: 'K7MZ3QH8WP', receivedAt: '2026-11-28T02:15:00.000Z', acceptanceDueAt: '2026-12-13T02:15:00.000Z' },
    },
  })
  @ApiOkResponse({ description: 'A retry with a known Idempotency-Key: the receipt of the first submission.' })
  @ApiBadRequestResponse({ description: 'Invalid input; `details` names each field and rule.' })
  @ApiTooManyRequestsResponse({ description: 'Too many submissions from this client; try again later.' })
  async submit(
    @Body() dto: OnlinePetitionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OnlineReceipt> {
    const idempotency = idempotencyOf(idempotencyKey, 'anonymous', dto);
    const { petition, created } = await this.register.execute(
      {
        channel: 'online',
        itemClass: dto.itemClass,
        ...(dto.categoryId !== undefined ? { categoryId: dto.categoryId } : {}),
        townCode: dto.townCode,
        subject: dto.subject,
        description: dto.description,
        headcount: 1,
        petitioners: [
          { name: dto.name, idNumber: dto.idNumber, phone: dto.phone, ...(dto.address ? { address: dto.address } : {}) },
        ],
        receivedAt: new Date().toISOString(),
      },
      idempotency,
      { by: 'petitioner', online: true },
    );
    reply.status(created ? 201 : 200);
    return {
      caseNumber: petition.caseNumber,
      queryCode: petition.queryCode,
      receivedAt: petition.receivedAt,
      acceptanceDueAt: petition.acceptanceDueAt,
    };
  }
}
