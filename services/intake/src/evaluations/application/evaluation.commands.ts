import type { SatisfactionRating, WorkUnit } from '@pdmc/contracts';
import type { PageQuery } from '@pdmc/platform';

/*
 * What the evaluation use cases take. The HTTP DTOs in interface/ validate requests into these
 * shapes; the handlers depend on the shapes, never on the DTOs.
 */

export interface EvaluationFilter extends PageQuery {
  workUnit?: WorkUnit;
}

export interface EvaluationPeriod {
  from?: Date;
  to?: Date;
  workUnit?: WorkUnit;
}

export interface SubmitEvaluationCommand {
  queryCode: string;
  phoneLast4: string;
  decisionId: string;
  bureau: SatisfactionRating;
  unit?: SatisfactionRating;
}
