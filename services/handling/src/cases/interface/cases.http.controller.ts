import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@pdmc/platform';
import type { Case } from '../domain/case';
import { FindCasesHandler, type Page } from '../application/find-cases.handler';
import { ListCasesQuery } from './list-cases.query';

@ApiTags('cases')
@Controller('cases')
export class CasesHttpController {
  constructor(private readonly find: FindCasesHandler) {}

  @Get()
  @ApiOkResponse({ description: 'Cases, newest first, filtered and paginated.' })
  list(@Query() query: ListCasesQuery): Promise<Page<Case>> {
    return this.find.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One case.' })
  @ApiNotFoundResponse({ description: 'No such case.' })
  get(@Param('id', UuidParamPipe) id: string): Promise<Case> {
    return this.find.byId(id);
  }
}
