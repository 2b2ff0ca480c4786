import { ApiProperty } from '@nestjs/swagger';
import {
  EVALUATED_DECISION_KINDS,
  SATISFACTION_RATINGS,
  WORK_UNITS,
  type EvaluatedDecisionKind,
  type SatisfactionRating,
  type WorkUnit,
} from '@pdmc/contracts';
import { WorkUnitRefView } from '../../progress/application/progress.views';

/* What the evaluation use cases answer; the controllers document these shapes as they are. */

export class RatingCountsView {
  @ApiProperty({ example: 12, description: '满意' })
  satisfied!: number;

  @ApiProperty({ example: 5, description: '基本满意' })
  basically_satisfied!: number;

  @ApiProperty({ example: 3, description: '不满意' })
  dissatisfied!: number;

  @ApiProperty({ example: 20 })
  total!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.85,
    description: '满意率 = (satisfied + basically_satisfied) / total, 4 decimals; null when total is 0',
  })
  satisfactionRate!: number | null;
}

export class WorkUnitSummaryView {
  @ApiProperty({ type: WorkUnitRefView })
  workUnit!: WorkUnitRefView;

  @ApiProperty({ type: RatingCountsView, description: 'The petition bureau, as rated on this unit’s decisions' })
  bureau!: RatingCountsView;

  @ApiProperty({ type: RatingCountsView, description: 'The unit itself' })
  unit!: RatingCountsView;
}

export class EvaluationSummaryView {
  @ApiProperty({ type: Date, nullable: true, example: '2026-01-01T00:00:00.000Z' })
  from!: Date | null;

  @ApiProperty({ type: Date, nullable: true, example: null })
  to!: Date | null;

  @ApiProperty({ enum: WORK_UNITS, nullable: true, example: null })
  workUnit!: WorkUnit | null;

  @ApiProperty({
    type: RatingCountsView,
    description: 'The petition bureau: every evaluation (handling decisions and acceptance decisions)',
  })
  bureau!: RatingCountsView;

  @ApiProperty({ type: RatingCountsView, description: 'The responsible units: evaluations of handling decisions' })
  unit!: RatingCountsView;

  @ApiProperty({ type: [WorkUnitSummaryView], description: 'Each work unit (only the one asked for, if any)' })
  byWorkUnit!: WorkUnitSummaryView[];
}

export class EvaluationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  petitionId!: string;

  @ApiProperty({ example: '220106-2026-000042' })
  caseNumber!: string;

  @ApiProperty({ enum: EVALUATED_DECISION_KINDS, example: 'handling' })
  decisionKind!: EvaluatedDecisionKind;

  @ApiProperty({ example: '3f0c1a52-8d4b-4e55-9b0e-6a1c2d3e4f50' })
  decisionId!: string;

  @ApiProperty({ type: WorkUnitRefView, nullable: true })
  workUnit!: WorkUnitRefView | null;

  @ApiProperty({ type: String, nullable: true, example: 'dept:labour-inspection' })
  responsibleBody!: string | null;

  @ApiProperty({ enum: SATISFACTION_RATINGS, example: 'basically_satisfied' })
  bureau!: SatisfactionRating;

  @ApiProperty({ enum: SATISFACTION_RATINGS, nullable: true, example: 'satisfied' })
  unit!: SatisfactionRating | null;

  @ApiProperty({ example: '2026-03-20T02:00:00.000Z' })
  decidedAt!: Date;

  @ApiProperty({ example: '2026-04-02T09:30:00.000Z' })
  submittedAt!: Date;
}

export class EvaluationPageView {
  @ApiProperty({ type: [EvaluationView] })
  items!: EvaluationView[];

  @ApiProperty({ example: 1 })
  total!: number;

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 20 })
  pageSize!: number;
}

export class SubmittedEvaluationView {
  @ApiProperty({ format: 'uuid', example: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d' })
  id!: string;

  @ApiProperty({ example: '3f0c1a52-8d4b-4e55-9b0e-6a1c2d3e4f50' })
  decisionId!: string;

  @ApiProperty({ enum: EVALUATED_DECISION_KINDS, example: 'handling' })
  decisionKind!: EvaluatedDecisionKind;

  @ApiProperty({ enum: SATISFACTION_RATINGS, example: 'basically_satisfied' })
  bureau!: SatisfactionRating;

  @ApiProperty({ enum: SATISFACTION_RATINGS, nullable: true, example: 'satisfied' })
  unit!: SatisfactionRating | null;

  @ApiProperty({ example: '2026-04-02T09:30:00.000Z' })
  submittedAt!: Date;
}
