import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@pdmc/platform';
import { accuracyOf, type SuggestionAccuracy } from '../domain/category-choice';
import { policyName } from '../domain/combination';
import type { AccuracyReport } from '../domain/evaluation';
import type { PolicyScore } from '../domain/selection';
import { CategoryChoiceRepository, type ChoicePeriod, type SourceCounts } from '../infrastructure/category-choice.repository';
import { SuggestionModelRepository } from '../infrastructure/suggestion-model.repository';
import { ModelTrainer } from './model-trainer.service';

/** Versions listed when none is asked for. */
const VERSIONS_SHOWN = 10;

export interface SourceAccuracy extends SourceCounts {
  top1Rate: number | null;
  top3Rate: number | null;
}

/** A model version as measured on the centre's most recent confirmations, held out from its training. */
export interface ModelVersionAccuracy {
  version: string;
  trainedAt: Date;
  rulesVersion: string;
  trainingSize: number;
  heldOutSize: number;
  heldOutFrom?: Date;
  /** The policy this version serves with (`rules` when nothing beat the rules). */
  policy: string;
  inService: boolean;
  /** Rules, model and the best combination on the held-out confirmations: per level and per first-level class. */
  heldOut: { rules: AccuracyReport; model: AccuracyReport; combination: AccuracyReport & { policy: string } };
  /** First-level top-1/top-3 and leaf top-1 of every policy compared. */
  policies: PolicyScore[];
}

export interface ClassificationAccuracy extends SuggestionAccuracy {
  /** The same recorded choices against each source's own suggestions (leaves). */
  bySource: { rules: SourceAccuracy; model: SourceAccuracy };
  inService: { modelVersion: string | null; policy: string };
  models: ModelVersionAccuracy[];
}

const rate = (part: number, total: number): number | null => (total ? Math.round((part / total) * 10_000) / 10_000 : null);
const withRates = (c: SourceCounts): SourceAccuracy => ({ ...c, top1Rate: rate(c.top1, c.total), top3Rate: rate(c.top3, c.total) });

/**
 * How the suggestions fared: the clerks' recorded choices against what they were shown (the
 * original figures), against the rules' and the model's own suggestions, and each model
 * version's held-out measurement, rules, model and combination side by side.
 */
@Injectable()
export class SuggestionAccuracyHandler {
  constructor(
    private readonly choices: CategoryChoiceRepository,
    private readonly models: SuggestionModelRepository,
    private readonly trainer: ModelTrainer,
  ) {}

  async execute(period: ChoicePeriod): Promise<ClassificationAccuracy> {
    if (period.from && period.to && period.from >= period.to) {
      throw new ValidationFailedError([{ field: 'to', rule: 'afterFrom', message: 'to must be later than from' }]);
    }
    const [counts, bySource, versions] = await Promise.all([
      this.choices.counts(period),
      this.choices.countsBySource(period),
      this.models.list(VERSIONS_SHOWN, period.modelVersion),
    ]);
    const serving = this.trainer.current;
    return {
      ...accuracyOf(counts),
      bySource: { rules: withRates(bySource.rules), model: withRates(bySource.model) },
      inService: { modelVersion: serving?.version.version ?? null, policy: serving ? policyName(serving.policy) : 'rules' },
      models: versions.map((v) => ({
        version: v.version,
        trainedAt: v.trainedAt,
        rulesVersion: v.rulesVersion,
        trainingSize: v.trainingSize,
        heldOutSize: v.heldOutSize,
        ...(v.report.heldOutFrom ? { heldOutFrom: v.report.heldOutFrom } : {}),
        policy: policyName(v.report.policy),
        inService: serving?.version.version === v.version,
        heldOut: {
          rules: v.report.accuracy.rules,
          model: v.report.accuracy.model,
          combination: { ...v.report.accuracy.combination, policy: policyName(v.report.combinationPolicy) },
        },
        policies: v.report.policies,
      })),
    };
  }
}
