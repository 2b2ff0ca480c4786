import { Injectable } from '@nestjs/common';
import type { EventEnvelope, PetitionMergedV1 } from '@pdmc/contracts';
import { CaseWorkflow } from './case-workflow';

/** Intake merged a petition into another (合并件): its case, if it has one and is not decided, ends as merged. */
@Injectable()
export class MergeCaseHandler {
  constructor(private readonly workflow: CaseWorkflow) {}

  async execute(event: EventEnvelope<PetitionMergedV1>): Promise<void> {
    const p = event.payload;
    await this.workflow.system(
      { petitionId: p.petitionId },
      'merge',
      () => ({ what: `Merged into ${p.mergedIntoCaseNumber} (合并件 ${p.mergedCaseNumber})` }),
      { correlationId: event.correlationId, causationId: event.id },
    );
  }
}
