import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CategorySuggestionService } from './application/category-suggestion.service';
import { ImportExamplesHandler } from './application/import-examples.handler';
import { ModelTrainer } from './application/model-trainer.service';
import { SuggestionAccuracyHandler } from './application/suggestion-accuracy.handler';
import { CategoryChoiceRepository } from './infrastructure/category-choice.repository';
import { CategoryChoiceDocument, CategoryChoiceSchema } from './infrastructure/category-choice.schema';
import {
  SuggestionModelDocument,
  SuggestionModelPartDocument,
  SuggestionModelPartSchema,
  SuggestionModelSchema,
} from './infrastructure/suggestion-model.schema';
import { SuggestionModelRepository } from './infrastructure/suggestion-model.repository';
import { TrainingExampleDocument, TrainingExampleSchema } from './infrastructure/training-example.schema';
import { TrainingExampleRepository } from './infrastructure/training-example.repository';
import { ClassificationHttpController } from './interface/classification.http.controller';
import { keywordRulesProvider } from './keyword-rules.providers';
import { referenceDataProviders } from '../reference-data.providers';

/**
 * Category suggestions for the clerk (keyword rules, and the centre's learned model once it beats
 * them), the record of suggestion against final choice, and the training examples and model
 * versions learned from those choices.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CategoryChoiceDocument.name, schema: CategoryChoiceSchema },
      { name: TrainingExampleDocument.name, schema: TrainingExampleSchema },
      { name: SuggestionModelDocument.name, schema: SuggestionModelSchema },
      { name: SuggestionModelPartDocument.name, schema: SuggestionModelPartSchema },
    ]),
  ],
  controllers: [ClassificationHttpController],
  providers: [
    ...referenceDataProviders,
    keywordRulesProvider,
    CategoryChoiceRepository,
    TrainingExampleRepository,
    SuggestionModelRepository,
    ModelTrainer,
    CategorySuggestionService,
    SuggestionAccuracyHandler,
    ImportExamplesHandler,
  ],
  exports: [CategorySuggestionService],
})
export class ClassificationModule {}
