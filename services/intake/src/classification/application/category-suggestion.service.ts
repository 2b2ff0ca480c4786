import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { TaxonomyClass } from '@pdmc/platform';
import { choiceOf, type CategoryChoice } from '../domain/category-choice';
import { combine, policyName, type Source } from '../domain/combination';
import type { KeywordRules } from '../domain/keyword-rules';
import type { WeighedFeature } from '../domain/naive-bayes';
import { redactPersonalData } from '../domain/personal-data-redaction';
import { suggestCategories, type CategorySuggestion } from '../domain/suggest-category';
import type { ExampleSource } from '../domain/training-example';
import { CategoryChoiceRepository } from '../infrastructure/category-choice.repository';
import { TrainingExampleRepository } from '../infrastructure/training-example.repository';
import { KEYWORD_RULES } from '../keyword-rules.providers';
import { TAXONOMY } from '../../reference-data.providers';
import { ModelTrainer } from './model-trainer.service';

/** How many suggestions a clerk is shown; the accuracy's top-3 count relies on it. */
export const SUGGESTION_LIMIT = 3;

/** A suggested leaf: the rules' evidence (`matched`, `score`), and the model's when it took part. */
export interface ServedSuggestion extends CategorySuggestion {
  /** Who suggested it: the keyword rules, the learned model, or both. */
  source: Source;
  /** The model's probability of this leaf, when the model suggested it. */
  probability?: number;
  /** The character groups that weighed most for it in the model, strongest first. */
  weighed?: WeighedFeature[];
}

export interface CategorySuggestions {
  suggestions: ServedSuggestion[];
  rulesVersion: string;
  /** The learned model in service; absent at cold start. */
  modelVersion?: string;
  /** How rules and model were combined: `rules`, `model` or `combined@<confidence>`. */
  policy: string;
}

/** What the clerk's choice tells the model besides the leaf. */
export interface ChoiceContext {
  /** The petitioners' names as registered, removed from the words before they are kept. */
  petitionerNames?: readonly string[];
  source?: Exclude<ExampleSource, 'import'>;
}

/**
 * Suggests categories from a petition's words (the keyword rules, and the centre's learned
 * model once one serves), and learns from what the clerk chose.
 */
@Injectable()
export class CategorySuggestionService {
  private readonly logger = new Logger('CategorySuggestion');

  constructor(
    @Inject(KEYWORD_RULES) private readonly rules: KeywordRules,
    @Inject(TAXONOMY) private readonly taxonomy: ReadonlyMap<number, TaxonomyClass>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly choices: CategoryChoiceRepository,
    private readonly examples: TrainingExampleRepository,
    private readonly trainer: ModelTrainer,
  ) {}

  suggest(subject: string, description = ''): CategorySuggestions {
    return this.compute(subject, description).served;
  }

  private compute(subject: string, description: string): { served: CategorySuggestions; rulesIds: number[]; modelIds?: number[] } {
    const fromRules = suggestCategories(subject, description, this.rules, this.taxonomy, SUGGESTION_LIMIT);
    const serving = this.trainer.current;
    if (!serving) {
      return {
        served: { suggestions: fromRules.map((s) => ({ ...s, source: 'rules' })), rulesVersion: this.rules.version, policy: 'rules' },
        rulesIds: fromRules.map((s) => s.categoryId),
      };
    }
    const prediction = serving.model.predict(subject, description, SUGGESTION_LIMIT);
    const suggestions = combine(fromRules, prediction, serving.policy, SUGGESTION_LIMIT).map(({ source, rule, learned }): ServedSuggestion => {
      const base: CategorySuggestion = rule ?? {
        ...(learned as NonNullable<typeof learned>),
        score: 0,
        matched: [],
      };
      const { categoryId, level1, level2, level3, score, matched } = base;
      return {
        categoryId,
        level1,
        level2,
        level3,
        score,
        matched,
        source,
        ...(learned ? { probability: learned.probability, weighed: learned.weighed } : {}),
      };
    });
    return {
      served: { suggestions, rulesVersion: this.rules.version, modelVersion: serving.version.version, policy: policyName(serving.policy) },
      rulesIds: fromRules.map((s) => s.categoryId),
      modelIds: prediction.suggestions.map((s) => s.categoryId),
    };
  }

  /**
   * Records the clerk's final category: against what was suggested for the same words (once per
   * petition: a second call for the same `petitionId` records no second choice), and as a
   * training example with personal data removed (the latest choice for a petition wins). Never
   * throws: learning must not fail a registration, so a failed write is logged (ids only, no
   * text) and the choice answered with `undefined`, as is a repeat.
   */
  async recordChoice(
    petitionId: string | undefined,
    subject: string,
    description: string,
    chosenId: number,
    clerk: string,
    context: ChoiceContext = {},
  ): Promise<CategoryChoice | undefined> {
    const at = this.clock.now();
    const [choice] = await Promise.all([
      this.recordAgainstSuggestions(petitionId, subject, description, chosenId, clerk, at),
      this.recordExample(petitionId, subject, description, chosenId, clerk, at, context),
    ]);
    return choice;
  }

  private async recordAgainstSuggestions(
    petitionId: string | undefined,
    subject: string,
    description: string,
    chosenId: number,
    clerk: string,
    at: Date,
  ): Promise<CategoryChoice | undefined> {
    try {
      const { served, rulesIds, modelIds } = this.compute(subject, description);
      const choice = choiceOf({
        id: petitionId ?? randomUUID(),
        petitionId,
        suggestionIds: served.suggestions.map((s) => s.categoryId),
        chosenId,
        rulesVersion: served.rulesVersion,
        at,
        clerk,
        ...(served.modelVersion && modelIds
          ? { learned: { modelVersion: served.modelVersion, policy: served.policy, rulesSuggestionIds: rulesIds, modelSuggestionIds: modelIds } }
          : {}),
      });
      return (await this.choices.recordChoice(choice)) ? choice : undefined;
    } catch (error) {
      this.logger.warn({ msg: 'category choice not recorded', petitionId, chosenId, error: String(error) });
      return undefined;
    }
  }

  private async recordExample(
    petitionId: string | undefined,
    subject: string,
    description: string,
    chosenId: number,
    clerk: string,
    at: Date,
    context: ChoiceContext,
  ): Promise<void> {
    const leaf = this.taxonomy.get(chosenId);
    if (!leaf) return;
    try {
      const names = context.petitionerNames ?? [];
      const stored = await this.examples.keepLatest({
        id: petitionId ?? randomUUID(),
        ...(petitionId ? { petitionId } : {}),
        source: context.source ?? 'classification',
        subject: redactPersonalData(subject, names),
        description: redactPersonalData(description, names),
        level1: leaf.level1,
        level2: leaf.level2,
        level3: leaf.level3,
        categoryId: leaf.id,
        at,
        recordedBy: clerk,
      });
      if (stored) this.trainer.exampleAdded();
    } catch (error) {
      this.logger.warn({ msg: 'training example not recorded', petitionId, chosenId, error: String(error) });
    }
  }
}
