import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@pdmc/auth';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { NotFoundError, UuidParamPipe } from '@pdmc/platform';
import { SettlementCaseDocument } from '../infrastructure/settlement-case.schema';

export interface SettlementCaseView {
  caseId: string;
  petitionId: string;
  caseNumber: string;
  workUnit: string;
  openedAt: Date | null;
  status: 'open' | 'terminated';
}

@ApiTags('settlement cases')
@ApiBearerAuth()
@Controller('settlement-cases')
export class SettlementCasesHttpController {
  constructor(@InjectModel(SettlementCaseDocument.name) private readonly cases: Model<SettlementCaseDocument>) {}

  @Get(':caseId')
  @RequirePermission('settlement_case.read')
  @ApiOkResponse({ description: 'A case that settlement applications may reference.' })
  @ApiNotFoundResponse({ description: 'Funds does not know this case.' })
  async get(@Param('caseId', UuidParamPipe) caseId: string): Promise<SettlementCaseView> {
    const d = await this.cases.findById(caseId).lean().exec();
    if (!d) throw new NotFoundError('FUNDS.CASE_NOT_FOUND', 'Funds knows no case with this id');
    return { caseId: d._id, petitionId: d.petitionId, caseNumber: d.caseNumber, workUnit: d.workUnit, openedAt: d.openedAt ?? null, status: d.status ?? 'open' };
  }
}
