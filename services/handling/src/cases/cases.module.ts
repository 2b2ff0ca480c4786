import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FindCasesHandler } from './application/find-cases.handler';
import { OpenCaseHandler } from './application/open-case.handler';
import { CaseDocument, CaseSchema } from './infrastructure/case.schema';
import { CasesHttpController } from './interface/cases.http.controller';
import { PetitionRoutedEventHandler } from './interface/petition-routed.event-handler';

@Module({
  imports: [MongooseModule.forFeature([{ name: CaseDocument.name, schema: CaseSchema }])],
  controllers: [CasesHttpController, PetitionRoutedEventHandler],
  providers: [OpenCaseHandler, FindCasesHandler],
})
export class CasesModule {}
