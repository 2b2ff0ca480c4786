import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { WorkUnit } from '@pdmc/contracts';
import { GAZETTEER, type Gazetteer, responsibleBodyName } from '@pdmc/platform';
import { EvaluationStates } from '../../evaluations/application/evaluation-states';
import { acceptanceAsDecision, acceptanceDecisionId, handlingAsDecision, type EvaluationState } from '../../evaluations/domain/evaluation';
import { NOT_ACCEPTED_REASONS, type AcceptanceDecision } from '../../petitions/domain/acceptance';
import { PetitionDocument } from '../../petitions/infrastructure/petition.schema';
import { ProgressReader } from '../../progress/application/progress.reader';
import { workUnitRef, type PetitionProgress } from '../../progress/domain/progress';
import type { ResponsibleBodyRefView, WorkUnitRefView } from '../../progress/application/progress.views';
import { PetitionerVerification, type PetitionerCredentials } from '../../petitioner-access/application/petitioner-verification';
import type { AcceptanceView, CaseEndingView, HandlingExtensionView, MergedAcceptanceView, MergedProgressView, PetitionStatusView, ReviewStageView } from './petition-status.view';

/** Where a merged petition (合并件) points. */
interface MergedRef {
  petitionId: string;
  caseNumber: string;
}

/** The progress parts of the answer, from the projection (work unit, limit, decisions). */
interface ProgressParts {
  workUnit: WorkUnitRefView | null;
  responsibleBody: ResponsibleBodyRefView | null;
  handlingDueAt: Date | null;
  decisions: PetitionProgress['decisions'];
}

function stageView(s: PetitionProgress['review']): ReviewStageView | null {
  return s ? { requestedAt: s.requestedAt ?? null, dueAt: s.dueAt ?? null, outcome: s.outcome ?? null, decidedAt: s.decidedAt ?? null } : null;
}

function endingView(e: PetitionProgress['ending']): CaseEndingView | null {
  return e ? { ceasedAt: e.ceasedAt ?? null, terminatedAt: e.terminatedAt ?? null, ground: e.ground ?? null } : null;
}

/** The extension as the petitioner sees it: field by field, never who asked or granted it. */
function extensionView(e: PetitionProgress['extension']): HandlingExtensionView | null {
  return e ? { days: e.days, reason: e.reason, previousDueAt: e.previousDueAt, dueAt: e.dueAt, grantedAt: e.grantedAt } : null;
}

/**
 * A petitioner looks up progress with the query code and the last four digits of their phone.
 * The answer is built field by field from the petition and its progress, so that nothing else
 * (petitioners, subject, description, who decided) can slip in.
 */
@Injectable()
export class LookUpStatusHandler {
  constructor(
    private readonly verification: PetitionerVerification,
    private readonly progress: ProgressReader,
    private readonly evaluations: EvaluationStates,
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
  ) {}

  async execute(query: PetitionerCredentials): Promise<PetitionStatusView> {
    const doc = await this.verification.verify(query.queryCode, query.phoneLast4);
    const progress = await this.progress.of(doc._id);
    const parts = this.parts(progress);
    const acceptanceDecision = doc.acceptance ? acceptanceAsDecision(doc.caseNumber, doc.acceptance) : undefined;
    const states = await this.evaluations.of([
      ...(acceptanceDecision ? [acceptanceDecision] : []),
      ...parts.decisions.map(handlingAsDecision),
    ]);
    const acceptanceState = acceptanceDecision && states.get(acceptanceDecision.decisionId);
    const mergedInto: MergedRef | undefined = doc.mergedInto;
    return {
      caseNumber: doc.caseNumber,
      status: doc.status,
      channel: doc.channel,
      // Only a category staff stand behind: an online submission's guess is not shown.
      category:
        doc.category && (doc.classification?.confirmed ?? true)
          ? { level1: doc.category.level1, level2: doc.category.level2, level3: doc.category.level3 }
          : null,
      receivedAt: doc.receivedAt,
      registeredAt: doc.registeredAt,
      acceptanceDueAt: doc.acceptanceDueAt,
      acceptance: doc.acceptance ? this.acceptance(doc.acceptance, doc.caseNumber, acceptanceState) : null,
      workUnit: parts.workUnit,
      responsibleBody: parts.responsibleBody,
      handlingDueAt: parts.handlingDueAt,
      extension: extensionView(progress?.extension),
      servedAt: progress?.service?.servedAt ?? null,
      review: stageView(progress?.review),
      reexamination: stageView(progress?.reexamination),
      ending: endingView(progress?.ending),
      decisions: parts.decisions.map((d) => ({
        decisionId: d.decisionId,
        outcome: d.outcome,
        decidedAt: d.decidedAt,
        // Once served, the window runs from the service (art. 35), not from the decision.
        reviewRequestDueAt: progress?.service?.decisionId === d.decisionId ? progress.service.reviewRequestDueAt : d.reviewRequestDueAt,
        evaluation: states.get(d.decisionId) as EvaluationState,
      })),
      mergedInto: mergedInto ? await this.merged(mergedInto) : null,
    };
  }

  /** Kind, reason text, target and date; never who decided. The id and evaluation when it is evaluated. */
  private acceptance(decision: AcceptanceDecision, caseNumber: string, evaluation?: EvaluationState): AcceptanceView {
    return {
      ...this.acceptanceFacts(decision),
      ...(evaluation ? { decisionId: acceptanceDecisionId(caseNumber), evaluation } : {}),
    };
  }

  private acceptanceFacts(decision: AcceptanceDecision): MergedAcceptanceView {
    const reason = decision.reason ? (NOT_ACCEPTED_REASONS as Record<string, string>)[decision.reason] : undefined;
    return {
      kind: decision.kind,
      ...(reason ? { reason } : {}),
      ...(decision.forwardTo ? { forwardTo: decision.forwardTo } : {}),
      decidedAt: decision.decidedAt,
    };
  }

  /** The petition this one was merged into: its case number and progress, no evaluations (they are its petitioner's). */
  private async merged(ref: MergedRef): Promise<MergedProgressView> {
    const [target, progress] = await Promise.all([
      this.petitions.findById(ref.petitionId, { caseNumber: 1, status: 1, acceptanceDueAt: 1, acceptance: 1 }).lean().exec(),
      this.progress.of(ref.petitionId),
    ]);
    const parts = this.parts(progress);
    return {
      caseNumber: target?.caseNumber ?? ref.caseNumber,
      status: target?.status ?? null,
      acceptanceDueAt: target?.acceptanceDueAt ?? null,
      acceptance: target?.acceptance ? this.acceptanceFacts(target.acceptance) : null,
      workUnit: parts.workUnit,
      responsibleBody: parts.responsibleBody,
      handlingDueAt: parts.handlingDueAt,
      decisions: parts.decisions.map((d) => ({ outcome: d.outcome, decidedAt: d.decidedAt, reviewRequestDueAt: d.reviewRequestDueAt })),
    };
  }

  /** Routing names the unit and body; before its event arrives, the latest decision's stand in. */
  private parts(progress: PetitionProgress | undefined): ProgressParts {
    const decisions = progress?.decisions ?? [];
    const latest = decisions[decisions.length - 1];
    const unit: WorkUnit | undefined = progress?.workUnit ?? latest?.workUnit;
    const body = progress?.responsibleBody ?? latest?.responsibleBody;
    return {
      workUnit: unit ? workUnitRef(unit) : null,
      responsibleBody: body ? this.body(body) : null,
      // An extension moves the limit (art. 34).
      handlingDueAt: progress?.extension?.dueAt ?? progress?.handlingDueAt ?? null,
      decisions,
    };
  }

  private body(code: string): ResponsibleBodyRefView {
    return { code, name: responsibleBodyName(this.gazetteer, code) ?? null };
  }
}
