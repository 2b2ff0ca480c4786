import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import { idempotencyOf } from './idempotency-key';
import { GetPetitionHandler } from '../application/get-petition.handler';
import { RegisterPetitionHandler } from '../application/register-petition.handler';
import type { Petition } from '../domain/petition';
import { ListPetitionsQuery } from './list-petitions.query';
import { RegisterPetitionDto } from './register-petition.dto';

@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class PetitionsHttpController {
  constructor(
    private readonly register: RegisterPetitionHandler,
    private readonly getPetition: GetPetitionHandler,
  ) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('petition.register')
  @Audit({ action: 'petition.register', objectType: 'petition', objectId: 'body:id' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe submission key (8-64 chars), scoped to the caller; a reuse with another body is refused (422)', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } })
  @ApiCreatedResponse({ description: 'Registered; the body is the petition with its case number and query code.' })
  @ApiOkResponse({ description: 'A retry with a known Idempotency-Key: the petition registered the first time.' })
  @ApiUnprocessableEntityResponse({ description: '`IDEMPOTENCY_KEY_REUSED`: this caller sent the key before with a different body.' })
  @ApiBadRequestResponse({ description: 'Invalid input; `details` names each field and rule.' })
  async create(
    @Body() dto: RegisterPetitionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Petition> {
    const idempotency = idempotencyOf(idempotencyKey, { subject: principal.subject }, dto);
    const { petition, created } = await this.register.execute(dto, idempotency, { by: principal.subject, online: false });
    reply.status(created ? 201 : 200);
    return petition;
  }

  @Get()
  @RequirePermission('petition.list')
  @ApiOkResponse({ description: 'Petitions, newest received first, filtered and paginated.' })
  list(@Query() query: ListPetitionsQuery): ReturnType<GetPetitionHandler['list']> {
    return this.getPetition.list(query);
  }

  @Get(':id/personal-data')
  @RequirePermission('petition.read_personal_data')
  @Audit({ action: 'petition.read_personal_data', objectType: 'petition', objectId: 'param:id' })
  @ApiOkResponse({ description: 'The petitioners’ names, ID numbers, phones and addresses in full. Every call is audited.' })
  @ApiNotFoundResponse({ description: 'No such petition.' })
  personalData(@Param('id', UuidParamPipe) id: string): ReturnType<GetPetitionHandler['personalData']> {
    return this.getPetition.personalData(id);
  }

  @Get(':id')
  @RequirePermission('petition.read')
  @ApiOkResponse({ description: 'The petition.' })
  @ApiNotFoundResponse({ description: 'No such petition.' })
  get(@Param('id', UuidParamPipe) id: string): Promise<Petition> {
    return this.getPetition.execute(id);
  }
}
