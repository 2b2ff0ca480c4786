import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@pdmc/auth';
import { GAZETTEER, type Gazetteer, responsibleBodyName } from '@pdmc/platform';
import { renderDecisionDocument } from '../domain/decision-document';
import { FindCasesHandler } from './find-cases.handler';
import { DecisionNotFoundError } from './errors';

/** The printable written decision of a case the principal may read. */
@Injectable()
export class DecisionDocumentHandler {
  private readonly centreName: string;

  constructor(
    private readonly find: FindCasesHandler,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
  ) {
    this.centreName = `${gazetteer.district.name}人民内部矛盾调处中心`;
  }

  async render(id: string, principal: Principal): Promise<string> {
    const found = await this.find.byId(id, principal);
    if (!found.decision) throw new DecisionNotFoundError();
    return renderDecisionDocument({
      centreName: this.centreName,
      caseNumber: found.caseNumber,
      workUnit: found.workUnit,
      // Printed by name; a body the gazetteer does not list, by its code as routing named it.
      responsibleBody: responsibleBodyName(this.gazetteer, found.responsibleBody) ?? found.responsibleBody,
      decision: found.decision,
    });
  }
}
