import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, HANDLING_OUTCOMES, type Channel, type HandlingOutcome } from '@pdmc/contracts';
import { EvaluationStateView } from '../../evaluations/application/evaluation-state.view';
import { ResponsibleBodyRefView, WorkUnitRefView } from '../../progress/application/progress.views';
import { ACCEPTANCE_DECISIONS, type AcceptanceDecisionKind } from '../../petitions/domain/acceptance';

/*
 * What a petitioner may see of a petition: progress, deadlines and decisions. Never staff names
 * or notes, never anyone's personal data (not even their own: the answer goes to whoever holds
 * the two factors), never another petition except the one theirs was merged into.
 */

export class CategoryView {
  @ApiProperty({ example: '劳动和社会保障' })
  level1!: string;

  @ApiProperty({ example: '退休政策及待遇' })
  level2!: string;

  @ApiProperty({ example: '退休金发放' })
  level3!: string;
}

export class AcceptanceView {
  @ApiProperty({ enum: ACCEPTANCE_DECISIONS, example: 'not_accept', description: '受理 / 不予受理 / 转送' })
  kind!: AcceptanceDecisionKind;

  @ApiPropertyOptional({ example: '属于应当通过诉讼、仲裁、行政复议等法定途径解决的事项', description: 'Why not accepted' })
  reason?: string;

  @ApiPropertyOptional({ example: '区人力资源和社会保障局', description: 'The body the petition was forwarded to' })
  forwardTo?: string;

  @ApiProperty({ example: '2026-03-05T02:00:00.000Z' })
  decidedAt!: Date;

  @ApiPropertyOptional({
    example: '220106-2026-000042:acceptance',
    description: 'For a decision that ended the petition here (not accepted, forwarded): the id to evaluate it by',
  })
  decisionId?: string;

  @ApiPropertyOptional({ type: EvaluationStateView, description: 'For a decision that ended the petition here' })
  evaluation?: EvaluationStateView;
}

export class HandlingDecisionView {
  @ApiProperty({ format: 'uuid', example: '3f0c1a52-8d4b-4e55-9b0e-6a1c2d3e4f50' })
  decisionId!: string;

  @ApiProperty({ enum: HANDLING_OUTCOMES, example: 'support', description: '予以支持 / 解释说明 / 不予支持' })
  outcome!: HandlingOutcome;

  @ApiProperty({ example: '2026-03-20T02:00:00.000Z' })
  decidedAt!: Date;

  @ApiProperty({ example: '2026-04-19T02:00:00.000Z', description: 'Last day to request a review (复查), art. 35' })
  reviewRequestDueAt!: Date;

  @ApiProperty({ type: EvaluationStateView })
  evaluation!: EvaluationStateView;
}

/** The one extension of the handling limit (art. 34): the petitioner is told the new date and why. */
export class HandlingExtensionView {
  @ApiProperty({ example: 15, description: 'Days added to the handling limit (at most 30)' })
  days!: number;

  @ApiProperty({ example: '需等待社会保险费补缴到账后核定待遇。', description: 'Why, as the unit wrote it for the petitioner' })
  reason!: string;

  @ApiProperty({ example: '2026-05-04T16:00:00.000Z', description: 'The limit before the extension' })
  previousDueAt!: Date;

  @ApiProperty({ example: '2026-05-19T16:00:00.000Z', description: 'The limit since (also in handlingDueAt)' })
  dueAt!: Date;

  @ApiProperty({ example: '2026-04-20T02:00:00.000Z' })
  grantedAt!: Date;
}

/** A review (复查) or re-examination (复核): when it was asked, by when the REVIEW unit decides, and its outcome. */
export class ReviewStageView {
  @ApiProperty({ type: Date, nullable: true, example: '2026-04-10T02:00:00.000Z' })
  requestedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true, example: '2026-05-10T16:00:00.000Z', description: 'The REVIEW unit decides within 30 days (art. 35-36)' })
  dueAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, example: 'uphold', description: '`uphold` 维持, `change` 变更, `rehandle` 重新办理 (review only)' })
  outcome!: string | null;

  @ApiProperty({ type: Date, nullable: true, example: '2026-05-06T02:00:00.000Z' })
  decidedAt!: Date | null;
}

/** How the case ended for good. */
export class CaseEndingView {
  @ApiProperty({ type: Date, nullable: true, example: '2026-05-20T16:00:00.000Z', description: 'Ceased (息访): the review window passed with no request' })
  ceasedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true, example: '2026-05-20T16:00:00.000Z', description: 'Terminated (终结, art. 36-37): the same matter is not accepted again' })
  terminatedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, example: 'reexamination_decided', description: '`reexamination_decided`, `review_window_passed` or `reexamination_window_passed`' })
  ground!: string | null;
}

export class MergedDecisionView {
  @ApiProperty({ enum: HANDLING_OUTCOMES, example: 'support' })
  outcome!: HandlingOutcome;

  @ApiProperty({ example: '2026-03-20T02:00:00.000Z' })
  decidedAt!: Date;

  @ApiProperty({ example: '2026-04-19T02:00:00.000Z' })
  reviewRequestDueAt!: Date;
}

export class MergedAcceptanceView {
  @ApiProperty({ enum: ACCEPTANCE_DECISIONS, example: 'accept' })
  kind!: AcceptanceDecisionKind;

  @ApiPropertyOptional({ example: '属于应当通过诉讼、仲裁、行政复议等法定途径解决的事项' })
  reason?: string;

  @ApiPropertyOptional({ example: '区人力资源和社会保障局' })
  forwardTo?: string;

  @ApiProperty({ example: '2026-03-05T02:00:00.000Z' })
  decidedAt!: Date;
}

/** The petition this one was merged into (合并件): its case number and progress, nothing else. */
export class MergedProgressView {
  @ApiProperty({ example: '220106-2026-000040' })
  caseNumber!: string;

  @ApiProperty({ type: String, nullable: true, example: 'accepted' })
  status!: string | null;

  @ApiProperty({ type: Date, nullable: true, example: '2026-03-16T02:00:00.000Z' })
  acceptanceDueAt!: Date | null;

  @ApiProperty({ type: MergedAcceptanceView, nullable: true })
  acceptance!: MergedAcceptanceView | null;

  @ApiProperty({ type: WorkUnitRefView, nullable: true })
  workUnit!: WorkUnitRefView | null;

  @ApiProperty({ type: ResponsibleBodyRefView, nullable: true })
  responsibleBody!: ResponsibleBodyRefView | null;

  @ApiProperty({ type: Date, nullable: true, example: '2026-05-04T02:00:00.000Z' })
  handlingDueAt!: Date | null;

  @ApiProperty({ type: [MergedDecisionView] })
  decisions!: MergedDecisionView[];
}

export class PetitionStatusView {
  @ApiProperty({ example: '220106-2026-000042' })
  caseNumber!: string;

  @ApiProperty({
    example: 'accepted',
    description: '`registered` 已登记, `accepted` 已受理, `not_accepted` 不予受理, `forwarded` 已转送, `merged` 已合并',
  })
  status!: string;

  @ApiProperty({ enum: CHANNELS, example: 'visit' })
  channel!: Channel;

  @ApiProperty({ type: CategoryView, nullable: true, description: 'null until staff classify an online submission' })
  category!: CategoryView | null;

  @ApiProperty({ example: '2026-03-01T01:30:00.000Z' })
  receivedAt!: Date;

  @ApiProperty({ example: '2026-03-01T01:45:00.000Z' })
  registeredAt!: Date;

  @ApiProperty({ example: '2026-03-16T01:30:00.000Z', description: '15 days after receipt (art. 22)' })
  acceptanceDueAt!: Date;

  @ApiProperty({ type: AcceptanceView, nullable: true })
  acceptance!: AcceptanceView | null;

  @ApiProperty({ type: WorkUnitRefView, nullable: true, description: 'The work unit handling the petition' })
  workUnit!: WorkUnitRefView | null;

  @ApiProperty({ type: ResponsibleBodyRefView, nullable: true })
  responsibleBody!: ResponsibleBodyRefView | null;

  @ApiProperty({ type: Date, nullable: true, example: '2026-05-04T02:00:00.000Z', description: '60-day handling limit (art. 34), as extended if it was' })
  handlingDueAt!: Date | null;

  @ApiProperty({ type: HandlingExtensionView, nullable: true, description: 'The extension of the handling limit, once granted' })
  extension!: HandlingExtensionView | null;

  @ApiProperty({ type: Date, nullable: true, example: '2026-03-21T02:00:00.000Z', description: 'When the decision was served; the review window runs from it' })
  servedAt!: Date | null;

  @ApiProperty({ type: ReviewStageView, nullable: true, description: 'The review (复查), once asked for' })
  review!: ReviewStageView | null;

  @ApiProperty({ type: ReviewStageView, nullable: true, description: 'The re-examination (复核), once asked for' })
  reexamination!: ReviewStageView | null;

  @ApiProperty({ type: CaseEndingView, nullable: true, description: 'Ceased or terminated, once it is' })
  ending!: CaseEndingView | null;

  @ApiProperty({ type: [HandlingDecisionView], description: 'Written handling decisions, oldest first' })
  decisions!: HandlingDecisionView[];

  @ApiProperty({ type: MergedProgressView, nullable: true, description: 'When merged: the petition it was merged into' })
  mergedInto!: MergedProgressView | null;
}
