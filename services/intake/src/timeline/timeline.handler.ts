import { Injectable } from '@nestjs/common';
import { GetPetitionHandler } from '../petitions/application/get-petition.handler';
import type { PetitionTimeline } from '../petitions/domain/petition';
import { entry, sortTimeline, type TimelineEntry } from '../petitions/domain/timeline';
import { ProgressReader } from '../progress/application/progress.reader';
import { EvaluationRepository } from '../evaluations/infrastructure/evaluation.repository';

/**
 * The whole life of a petition for staff: intake's own changes (with the staff member who made
 * them), then what routing and handling reported (the services are named, their staff are not
 * known here) and the petitioner's evaluations.
 */
@Injectable()
export class TimelineHandler {
  constructor(
    private readonly petitions: GetPetitionHandler,
    private readonly progress: ProgressReader,
    private readonly evaluations: EvaluationRepository,
  ) {}

  async of(petitionId: string): Promise<PetitionTimeline> {
    const own = await this.petitions.timeline(petitionId);
    const progress = await this.progress.of(petitionId);
    const downstream: TimelineEntry[] = [];
    if (progress?.routedAt && progress.workUnit) {
      downstream.push(
        entry('routed', 'routing', progress.routedAt, { workUnit: progress.workUnit, responsibleBody: progress.responsibleBody ?? null }),
      );
    }
    if (progress?.openedAt && progress.caseId) {
      downstream.push(
        entry('case_opened', 'handling', progress.openedAt, {
          caseId: progress.caseId,
          handlingDueAt: progress.handlingDueAt?.toISOString() ?? null,
        }),
      );
    }
    if (progress?.extension) {
      const e = progress.extension;
      downstream.push(entry('handling_extended', 'handling', e.grantedAt, { days: e.days, previousDueAt: e.previousDueAt.toISOString(), dueAt: e.dueAt.toISOString() }));
    }
    if (progress?.service) downstream.push(entry('decision_served', 'handling', progress.service.servedAt, { decisionId: progress.service.decisionId, reviewRequestDueAt: progress.service.reviewRequestDueAt.toISOString() }));
    for (const [stage, s] of [['review', progress?.review], ['reexamination', progress?.reexamination]] as const) {
      if (s?.requestedAt) downstream.push(entry(`${stage}_requested`, 'handling', s.requestedAt, { dueAt: s.dueAt?.toISOString() ?? null }));
      if (s?.decidedAt) downstream.push(entry(`${stage}_decided`, 'handling', s.decidedAt, { outcome: s.outcome ?? null }));
    }
    if (progress?.ending?.ceasedAt) downstream.push(entry('case_ceased', 'handling', progress.ending.ceasedAt));
    if (progress?.ending?.terminatedAt) downstream.push(entry('case_terminated', 'handling', progress.ending.terminatedAt, { ground: progress.ending.ground ?? null }));
    for (const d of progress?.decisions ?? []) {
      downstream.push(entry('handling_decided', 'handling', d.decidedAt, { decisionId: d.decisionId, outcome: d.outcome, workUnit: d.workUnit }));
    }
    const decisionIds = [...(progress?.decisions ?? []).map((d) => d.decisionId), `${own.caseNumber}:acceptance`];
    const given = await this.evaluations.givenFor(decisionIds);
    for (const [decisionId, e] of given) {
      downstream.push(entry('evaluated', 'petitioner', e.submittedAt, { decisionId, bureau: e.bureau, unit: e.unit ?? null }));
    }
    return { ...own, entries: sortTimeline([...own.entries, ...downstream]) };
  }
}
