import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ApprovalChains } from './application/approval-chains';
import { ApprovalChainDocument, ApprovalChainSchema } from './infrastructure/approval-chain.schema';
import { ApprovalChainsHttpController } from './interface/approval-chains.http.controller';

/** Funds' approval chains as versioned run-time configuration. */
@Module({
  imports: [MongooseModule.forFeature([{ name: ApprovalChainDocument.name, schema: ApprovalChainSchema }])],
  controllers: [ApprovalChainsHttpController],
  providers: [ApprovalChains],
  exports: [ApprovalChains],
})
export class ApprovalChainsModule {}
