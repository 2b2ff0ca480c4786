import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ApprovalChainsModule } from '../approval-chains/approval-chains.module';
import { LedgerModule } from '../ledger/ledger.module';
import { SettlementCasesModule } from '../settlement-cases/settlement-cases.module';
import { ApplicantActionsHandler } from './application/applicant-actions.handler';
import { ApplicationQueriesHandler } from './application/application-queries.handler';
import { ApplicationsRepair } from './application/applications-repair';
import { BeneficiaryProtection } from './application/beneficiary-protection';
import { DecideStepHandler } from './application/decide-step.handler';
import { MovementRunner } from './application/movement-runner';
import { PaymentsHandler } from './application/payments.handler';
import { personalDataProviders } from './application/personal-data.providers';
import { SubmitApplicationHandler } from './application/submit-application.handler';
import { ApplicationDocument, ApplicationSchema } from './infrastructure/application.schema';
import { ApplicationsHttpController } from './interface/applications.http.controller';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: ApplicationDocument.name, schema: ApplicationSchema }]),
    LedgerModule,
    SettlementCasesModule,
    ApprovalChainsModule,
  ],
  controllers: [ApplicationsHttpController],
  providers: [
    ...personalDataProviders,
    BeneficiaryProtection,
    ApplicationQueriesHandler,
    MovementRunner,
    SubmitApplicationHandler,
    DecideStepHandler,
    ApplicantActionsHandler,
    PaymentsHandler,
    ApplicationsRepair,
  ],
  exports: [MongooseModule],
})
export class ApplicationsModule {}
