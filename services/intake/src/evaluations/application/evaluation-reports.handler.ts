import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@pdmc/platform';
import { workUnitRef } from '../../progress/domain/progress';
import { EvaluationRepository } from '../infrastructure/evaluation.repository';
import type { EvaluationFilter, EvaluationPeriod } from './evaluation.commands';
import type { EvaluationPageView, EvaluationSummaryView } from './evaluation.views';

/** The centre's satisfaction figures (满意率) and the evaluations behind them, without personal data. */
@Injectable()
export class EvaluationReportsHandler {
  constructor(private readonly repository: EvaluationRepository) {}

  async summary(query: EvaluationPeriod): Promise<EvaluationSummaryView> {
    if (query.from && query.to && query.from >= query.to) {
      throw new ValidationFailedError([{ field: 'to', rule: 'afterFrom', message: 'to must be later than from' }]);
    }
    const counts = await this.repository.summary(query);
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      workUnit: query.workUnit ?? null,
      bureau: counts.bureau,
      unit: counts.unit,
      byWorkUnit: counts.byWorkUnit.map((u) => ({ workUnit: workUnitRef(u.workUnit), bureau: u.bureau, unit: u.unit })),
    };
  }

  async list(query: EvaluationFilter): Promise<EvaluationPageView> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.repository.page(query.workUnit, page, pageSize);
    return {
      items: items.map((e) => ({
        id: e._id,
        petitionId: e.petitionId,
        caseNumber: e.caseNumber,
        decisionKind: e.decisionKind,
        decisionId: e.decisionId,
        workUnit: e.workUnit ? workUnitRef(e.workUnit) : null,
        responsibleBody: e.responsibleBody ?? null,
        bureau: e.bureau,
        unit: e.unit ?? null,
        decidedAt: e.decidedAt,
        submittedAt: e.submittedAt,
      })),
      total,
      page,
      pageSize,
    };
  }
}
