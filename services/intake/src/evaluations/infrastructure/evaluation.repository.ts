import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { SATISFACTION_RATINGS, WORK_UNITS, type WorkUnit } from '@pdmc/contracts';
import { findPage, insertIfAbsent } from '@pdmc/persistence';
import { addCounts, ratingCounts, type GivenEvaluation, type RatingCounts } from '../domain/evaluation';
import { EvaluationDocument } from './evaluation.schema';

export interface EvaluationPeriod {
  /** Submitted at or after (inclusive). */
  from?: Date;
  /** Submitted before (exclusive). */
  to?: Date;
  workUnit?: WorkUnit;
}

export interface SummaryCounts {
  bureau: RatingCounts;
  unit: RatingCounts;
  byWorkUnit: Array<{ workUnit: WorkUnit; bureau: RatingCounts; unit: RatingCounts }>;
}

type StoredEvaluation = Omit<EvaluationDocument, 'outbox'>;

@Injectable()
export class EvaluationRepository implements OnModuleInit {
  constructor(@InjectModel(EvaluationDocument.name) private readonly evaluations: Model<EvaluationDocument>) {}

  /** The unique index on `decisionId` must exist before the first evaluation is taken. */
  async onModuleInit(): Promise<void> {
    await this.evaluations.init();
  }

  /** Stores the evaluation with its outbox; false when this decision was evaluated before. */
  async insert(evaluation: EvaluationDocument): Promise<boolean> {
    return insertIfAbsent(this.evaluations, evaluation);
  }

  /** The evaluations given for these decisions, by decision id. */
  async givenFor(decisionIds: readonly string[]): Promise<Map<string, GivenEvaluation>> {
    if (decisionIds.length === 0) return new Map();
    const docs = await this.evaluations
      .find({ decisionId: trusted({ $in: [...decisionIds] }) }, { decisionId: 1, bureau: 1, unit: 1, submittedAt: 1 })
      .lean()
      .exec();
    return new Map(
      docs.map((d) => [d.decisionId, { bureau: d.bureau, ...(d.unit ? { unit: d.unit } : {}), submittedAt: d.submittedAt }]),
    );
  }

  async page(
    workUnit: WorkUnit | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: StoredEvaluation[]; total: number }> {
    const filter = workUnit ? { workUnit } : {};
    const { items, total } = await findPage<StoredEvaluation>(this.evaluations, filter, {
      sort: { submittedAt: -1, _id: 1 },
      projection: { outbox: 0 },
      page,
      pageSize,
    });
    return { items, total };
  }

  /**
   * Counts per rating with plain `countDocuments` (FerretDB serves no richer aggregation): for
   * each work unit its bureau and unit ratings, and the bureau ratings of acceptance decisions,
   * which belong to no unit. The totals are the sums.
   */
  async summary(period: EvaluationPeriod): Promise<SummaryCounts> {
    const base: Record<string, unknown> = {};
    if (period.from || period.to) {
      // Operators built here, not taken from input, are marked trusted for sanitizeFilter.
      base['submittedAt'] = trusted({
        ...(period.from ? { $gte: period.from } : {}),
        ...(period.to ? { $lt: period.to } : {}),
      });
    }
    const units = period.workUnit ? [period.workUnit] : [...WORK_UNITS];
    const byWorkUnit = await Promise.all(
      units.map(async (workUnit) => {
        const filter = { ...base, workUnit };
        const [bureau, unit] = await Promise.all([this.count(filter, 'bureau'), this.count(filter, 'unit')]);
        return { workUnit, bureau, unit };
      }),
    );
    const acceptance = period.workUnit
      ? ratingCounts(0, 0, 0)
      : await this.count({ ...base, decisionKind: 'acceptance' }, 'bureau');
    return {
      bureau: addCounts(acceptance, ...byWorkUnit.map((u) => u.bureau)),
      unit: addCounts(...byWorkUnit.map((u) => u.unit)),
      byWorkUnit,
    };
  }

  private async count(filter: Record<string, unknown>, field: 'bureau' | 'unit'): Promise<RatingCounts> {
    const [satisfied, basicallySatisfied, dissatisfied] = await Promise.all(
      SATISFACTION_RATINGS.map((rating) => this.evaluations.countDocuments({ ...filter, [field]: rating }).exec()),
    );
    return ratingCounts(satisfied, basicallySatisfied, dissatisfied);
  }
}
