import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { RequirePermission } from '@pdmc/auth';
import { Audit, UuidParamPipe, ValidationFailedError } from '@pdmc/platform';
import { IsChinesePhone, IsResidentId } from '@pdmc/privacy';
import { canonicalIdNumber, canonicalPhone } from '../../interface/register-petition.dto';
import { PersonsQueryHandler, type PersonView } from '../application/persons-query.handler';

export class PersonSearchDto {
  @ApiPropertyOptional({ example: '11010519491231002X' })
  @Transform(canonicalIdNumber)
  @IsOptional()
  @IsResidentId()
  idNumber?: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @Transform(canonicalPhone)
  @IsOptional()
  @IsChinesePhone()
  phone?: string;
}

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class PersonsHttpController {
  constructor(private readonly persons: PersonsQueryHandler) {}

  /** POST, so that ID numbers and phones never appear in URLs or access logs. */
  @Post('search')
  @HttpCode(200)
  @RequirePermission('person.search')
  @Audit({ action: 'person.search', objectType: 'person' })
  @ApiOperation({
    summary: 'Find a person by ID number or phone (exact, through the blind indexes)',
    description: 'Answers masked people with all their petitions. Every search is audited.',
  })
  @ApiOkResponse({ description: 'The people found (usually one), newest seen first.' })
  @ApiBadRequestResponse({ description: 'Neither idNumber nor phone, or an invalid one.' })
  async search(@Body() dto: PersonSearchDto): Promise<{ items: PersonView[] }> {
    if (!dto.idNumber && !dto.phone) {
      throw new ValidationFailedError([{ field: 'idNumber', rule: 'idNumberOrPhone', message: 'give idNumber or phone' }]);
    }
    return { items: await this.persons.search(dto) };
  }

  @Get(':personId/petitions')
  @RequirePermission('person.search')
  @Audit({ action: 'person.read', objectType: 'person', objectId: 'param:personId' })
  @ApiOperation({ summary: 'One person of the registry, masked, with every petition linked to them' })
  @ApiOkResponse({ description: 'The person.' })
  @ApiNotFoundResponse({ description: 'No such person.' })
  get(@Param('personId', UuidParamPipe) id: string): Promise<PersonView> {
    return this.persons.byId(id);
  }
}
