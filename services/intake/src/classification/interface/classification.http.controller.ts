import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit } from '@pdmc/platform';
import { CategorySuggestionService, type CategorySuggestions } from '../application/category-suggestion.service';
import { ImportExamplesHandler, type ImportOutcome } from '../application/import-examples.handler';
import { ModelTrainer } from '../application/model-trainer.service';
import { SuggestionAccuracyHandler, type ClassificationAccuracy } from '../application/suggestion-accuracy.handler';
import { ImportExamplesDto } from './import-examples.dto';
import { SuggestCategoryDto } from './suggest-category.dto';
import { SuggestionAccuracyQuery } from './suggestion-accuracy.query';

@ApiTags('classification')
@ApiBearerAuth()
@Controller('classification')
export class ClassificationHttpController {
  constructor(
    private readonly suggestions: CategorySuggestionService,
    private readonly accuracy: SuggestionAccuracyHandler,
    private readonly importer: ImportExamplesHandler,
    private readonly trainer: ModelTrainer,
  ) {}

  /** A POST so that the petition's words stay out of URLs and access logs; it changes nothing. */
  @Post('suggestions')
  @HttpCode(200)
  @RequirePermission('petition.register')
  @Audit({ action: 'classification.suggest', objectType: 'category_suggestion' })
  @ApiOkResponse({
    description:
      'Up to three taxonomy leaves, best first. Each says who suggested it (`source`: rules, model or both); the rules\' ' +
      'evidence (`score`, `matched`: keyword, where found, how often; `context` for words that only made a rule apply) and, ' +
      'when the learned model took part, its `probability` and the character groups that weighed most (`weighed`). ' +
      '`modelVersion` and `policy` name the model in service and how it is combined with the rules. Empty when nothing is suggested.',
  })
  @ApiBadRequestResponse({ description: 'Invalid input; `details` names each field and rule.' })
  suggest(@Body() dto: SuggestCategoryDto): CategorySuggestions {
    return this.suggestions.suggest(dto.subject, dto.description ?? '');
  }

  @Get('accuracy')
  @RequirePermission('petition.list')
  @ApiOkResponse({
    description:
      'How often clerks took the top suggestion, or one of the first three, over the period (`total`, `rate`, `top3Rate`: ' +
      'what they were shown); the same choices against the rules\' and the model\'s own suggestions (`bySource`); the model ' +
      'in service; and per model version, rules, model and combination measured side by side on the held-out most recent ' +
      'confirmations, overall and per first-level class (`models`).',
  })
  @ApiBadRequestResponse({ description: 'A bad date, rules or model version, or `to` not after `from`.' })
  getAccuracy(@Query() query: SuggestionAccuracyQuery): Promise<ClassificationAccuracy> {
    return this.accuracy.execute(query);
  }

  @Post('examples')
  @HttpCode(200)
  @RequirePermission('classification.manage')
  @Audit({ action: 'classification.import_examples', objectType: 'training_example' })
  @ApiOkResponse({ description: 'How many rows were received, newly stored, and already stored by an earlier import.' })
  @ApiBadRequestResponse({ description: 'A bad row or a class not in the taxonomy; `details` names `examples.<row>.<field>`. Nothing is stored.' })
  importExamples(@Body() dto: ImportExamplesDto, @CurrentPrincipal() principal: Principal): Promise<ImportOutcome> {
    return this.importer.execute(dto.examples, principal.subject);
  }

  @Post('models')
  @HttpCode(200)
  @RequirePermission('classification.manage')
  @Audit({ action: 'classification.train', objectType: 'suggestion_model' })
  @ApiOkResponse({ description: 'Trains a model version now from the stored examples and answers its measurement (as in `GET /classification/accuracy`).' })
  @ApiUnprocessableEntityResponse({ description: '`CLASSIFICATION.TOO_FEW_EXAMPLES`: not enough examples to hold some out and learn from the rest.' })
  async train(): Promise<ClassificationAccuracy['models'][number] | undefined> {
    const trained = await this.trainer.train();
    return trained ? (await this.accuracy.execute({ modelVersion: trained.version })).models[0] : undefined;
  }
}
