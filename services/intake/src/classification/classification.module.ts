import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CategorySuggestionService } from './application/category-suggestion.service';
import { SuggestionAccuracyHandler } from './application/suggestion-accuracy.handler';
import { CategoryChoiceRepository } from './infrastructure/category-choice.repository';
import { CategoryChoiceDocument, CategoryChoiceSchema } from './infrastructure/category-choice.schema';
import { ClassificationHttpController } from './interface/classification.http.controller';
import { keywordRulesProvider } from './keyword-rules.providers';
import { referenceDataProviders } from '../reference-data.providers';

/** Category suggestions for the clerk, and the record of suggestion against final choice. */
@Module({
  imports: [MongooseModule.forFeature([{ name: CategoryChoiceDocument.name, schema: CategoryChoiceSchema }])],
  controllers: [ClassificationHttpController],
  providers: [
    ...referenceDataProviders,
    keywordRulesProvider,
    CategoryChoiceRepository,
    CategorySuggestionService,
    SuggestionAccuracyHandler,
  ],
  exports: [CategorySuggestionService],
})
export class ClassificationModule {}
