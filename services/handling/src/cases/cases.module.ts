import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DecideCaseHandler } from './application/decide-case.handler';
import { DecisionDocumentHandler } from './application/decision-document.handler';
import { FindCasesHandler } from './application/find-cases.handler';
import { OpenCaseHandler } from './application/open-case.handler';
import { CaseDocument, CaseSchema } from './infrastructure/case.schema';
import { gazetteerProvider } from './infrastructure/gazetteer.provider';
import { CasesHttpController } from './interface/cases.http.controller';
import { DecisionsHttpController } from './interface/decisions.http.controller';
import { PetitionRoutedEventHandler } from './interface/petition-routed.event-handler';

@Module({
  imports: [MongooseModule.forFeature([{ name: CaseDocument.name, schema: CaseSchema }])],
  controllers: [CasesHttpController, DecisionsHttpController, PetitionRoutedEventHandler],
  providers: [OpenCaseHandler, FindCasesHandler, DecideCaseHandler, DecisionDocumentHandler, gazetteerProvider],
})
export class CasesModule {}
