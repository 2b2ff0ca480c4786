import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@pdmc/auth';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { NotFoundError, UuidParamPipe } from '@pdmc/platform';
import type { WatchItem } from '../domain/watch-item';
import { WatchItemDocument } from '../infrastructure/watch-item.schema';

function toView(d: WatchItemDocument): WatchItem {
  const { _id, caseNumber, townCode, headcount, reasons, riskLevel, receivedAt, createdAt } = d;
  return { petitionId: _id, caseNumber, townCode, headcount, reasons, riskLevel, receivedAt, createdAt };
}

@ApiTags('watch list')
@ApiBearerAuth()
@RequirePermission('watch_item.read')
@Controller('watch-items')
export class WatchItemsHttpController {
  constructor(@InjectModel(WatchItemDocument.name) private readonly items: Model<WatchItemDocument>) {}

  @Get()
  @ApiOkResponse({ description: 'The 100 newest petitions on the duty officer’s watch list.' })
  async list(): Promise<WatchItem[]> {
    const docs = await this.items.find().sort({ createdAt: -1 }).limit(100).lean().exec();
    return docs.map(toView);
  }

  @Get(':petitionId')
  @ApiOkResponse({ description: 'The watch item of one petition.' })
  @ApiNotFoundResponse({ description: 'The petition is not on the watch list.' })
  async get(@Param('petitionId', UuidParamPipe) petitionId: string): Promise<WatchItem> {
    const doc = await this.items.findById(petitionId).lean().exec();
    if (!doc) throw new NotFoundError('EMERGENCY.WATCH_ITEM_NOT_FOUND', 'This petition is not on the watch list');
    return toView(doc);
  }
}
