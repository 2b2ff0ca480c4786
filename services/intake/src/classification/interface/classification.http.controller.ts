import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@pdmc/auth';
import { Audit } from '@pdmc/platform';
import { CategorySuggestionService, type CategorySuggestions } from '../application/category-suggestion.service';
import { SuggestionAccuracyHandler } from '../application/suggestion-accuracy.handler';
import type { SuggestionAccuracy } from '../domain/category-choice';
import { SuggestCategoryDto } from './suggest-category.dto';
import { SuggestionAccuracyQuery } from './suggestion-accuracy.query';

@ApiTags('classification')
@ApiBearerAuth()
@Controller('classification')
export class ClassificationHttpController {
  constructor(
    private readonly suggestions: CategorySuggestionService,
    private readonly accuracy: SuggestionAccuracyHandler,
  ) {}

  /** A POST so that the petition's words stay out of URLs and access logs; it changes nothing. */
  @Post('suggestions')
  @HttpCode(200)
  @RequirePermission('petition.register')
  @Audit({ action: 'classification.suggest', objectType: 'category_suggestion' })
  @ApiOkResponse({
    description:
      'Up to three taxonomy leaves, best first, each with its score and the words that led to it (`matched`: keyword, ' +
      'where found, how often; `context` for words that only made a rule apply). Empty when no keyword occurs.',
  })
  @ApiBadRequestResponse({ description: 'Invalid input; `details` names each field and rule.' })
  suggest(@Body() dto: SuggestCategoryDto): CategorySuggestions {
    return this.suggestions.suggest(dto.subject, dto.description ?? '');
  }

  @Get('accuracy')
  @RequirePermission('petition.list')
  @ApiOkResponse({ description: 'How often clerks took the top suggestion, or one of the first three, over the period.' })
  @ApiBadRequestResponse({ description: 'A bad date or rules version, or `to` not after `from`.' })
  getAccuracy(@Query() query: SuggestionAccuracyQuery): Promise<SuggestionAccuracy> {
    return this.accuracy.execute(query);
  }
}
