import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RuleQueriesHandler } from './application/rule-queries.handler';
import { RuleSets } from './application/rule-sets';
import { SaveRuleSetHandler } from './application/save-rule-set.handler';
import { RuleSetDocument, RuleSetSchema } from './infrastructure/rule-set.schema';
import { RuleSetsHttpController } from './interface/rule-sets.http.controller';
import { referenceDataProviders } from '../reference-data.providers';

@Module({
  imports: [MongooseModule.forFeature([{ name: RuleSetDocument.name, schema: RuleSetSchema }])],
  controllers: [RuleSetsHttpController],
  providers: [...referenceDataProviders, RuleSets, RuleQueriesHandler, SaveRuleSetHandler],
  exports: [RuleSets, ...referenceDataProviders.map((p) => (p as { provide: symbol }).provide)],
})
export class RulesModule {}
