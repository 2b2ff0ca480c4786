import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import type { FundId } from '@pdmc/contracts';
import { Audit } from '@pdmc/platform';
import { FundIdPipe } from '../../ledger/interface/fund-params';
import { ApprovalChains, type ApprovalChainVersion } from '../application/approval-chains';
import { SaveApprovalChainDto } from './approval-chain.dto';

@ApiTags('funds and budgets')
@ApiBearerAuth()
@Controller('funds/:fundId/approval-chains')
export class ApprovalChainsHttpController {
  constructor(private readonly chains: ApprovalChains) {}

  @Get()
  @RequirePermission('fund.read', 'fund_chain.write')
  @ApiOkResponse({ description: 'Every version of the fund’s approval chain, newest first: the first is the one new applications are submitted under; version 1 is the shipped default.' })
  @ApiNotFoundResponse({ description: 'Unknown fund.' })
  async list(@Param('fundId', FundIdPipe) fundId: FundId): Promise<{ items: ApprovalChainVersion[] }> {
    return { items: await this.chains.list(fundId) };
  }

  @Post()
  @RequirePermission('fund_chain.write')
  @Audit({ action: 'fund.approval_chain.save', objectType: 'fund', objectId: 'param:fundId' })
  @ApiCreatedResponse({ description: 'The new version, current from now on; applications already submitted keep theirs.' })
  @ApiNotFoundResponse({ description: 'Unknown fund.' })
  @ApiConflictResponse({ description: 'FUNDS.CHAIN_VERSION_CONFLICT: basedOnVersion is not the current version (someone saved meanwhile).' })
  save(@Param('fundId', FundIdPipe) fundId: FundId, @Body() dto: SaveApprovalChainDto, @CurrentPrincipal() principal: Principal): Promise<ApprovalChainVersion> {
    return this.chains.save(fundId, dto, principal);
  }
}
