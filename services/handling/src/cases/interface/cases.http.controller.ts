import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { UuidParamPipe } from '@pdmc/platform';
import type { Case } from '../domain/case';
import { FindCasesHandler, type Page } from '../application/find-cases.handler';
import { ListCasesQuery } from './list-cases.query';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesHttpController {
  constructor(private readonly find: FindCasesHandler) {}

  @Get()
  @RequirePermission('case.list')
  @ApiOkResponse({ description: 'Cases the caller may see (own units or body), newest first, filtered and paginated.' })
  list(@Query() query: ListCasesQuery, @CurrentPrincipal() principal: Principal): Promise<Page<Case>> {
    return this.find.list(query, principal);
  }

  @Get(':id')
  @RequirePermission('case.read')
  @ApiOkResponse({ description: 'One case, with its written decision once decided (`decision` is null before).' })
  @ApiNotFoundResponse({ description: 'No such case, or not within the caller’s units or body.' })
  get(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<Case> {
    return this.find.byId(id, principal);
  }
}
