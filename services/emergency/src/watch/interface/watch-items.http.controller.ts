import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@pdmc/auth';
import { UuidParamPipe } from '@pdmc/platform';
import { WatchItemQueriesHandler, type WatchItemView } from '../application/watch-item-queries.handler';

@ApiTags('watch list')
@ApiBearerAuth()
@RequirePermission('watch_item.read')
@Controller('watch-items')
export class WatchItemsHttpController {
  constructor(private readonly queries: WatchItemQueriesHandler) {}

  @Get()
  @ApiOkResponse({ description: 'The 100 petitions put on the duty officer’s watch list last, newest first.' })
  list(): Promise<WatchItemView[]> {
    return this.queries.latest();
  }

  @Get(':petitionId')
  @ApiOkResponse({
    description:
      'The watch item of one petition, with the history of its flags: an item whose flags were all cleared later stays, with risk level `none`.',
  })
  @ApiNotFoundResponse({ description: 'The petition is not on the watch list.' })
  get(@Param('petitionId', UuidParamPipe) petitionId: string): Promise<WatchItemView> {
    return this.queries.byPetition(petitionId);
  }
}
