import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { DomainError } from '@pdmc/platform';
import { insertIfAbsent } from '@pdmc/persistence';
import { PetitionNotRoutedError } from '../../decisions/application/errors';
import { PetitionRoutingDocument } from '../../decisions/infrastructure/petition-routing.schema';
import { LeaderCaseDocument } from '../infrastructure/leader.schemas';
import { LeaderQueriesHandler, type LeaderCaseView } from './leader-queries.handler';

/** A named leader takes ownership of a hard case (领导包案); one owner per case. */
@Injectable()
export class OwnCaseHandler {
  constructor(
    @InjectModel(LeaderCaseDocument.name) private readonly cases: Model<LeaderCaseDocument>,
    @InjectModel(PetitionRoutingDocument.name) private readonly petitions: Model<PetitionRoutingDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queries: LeaderQueriesHandler,
  ) {}

  async execute(input: { petitionId: string; leaderId: string; leaderName: string; note: string }, actor: string): Promise<LeaderCaseView> {
    const petition = await this.petitions.findById(input.petitionId, { caseNumber: 1 }).lean().exec();
    if (!petition) throw new PetitionNotRoutedError(input.petitionId);
    const owned = await insertIfAbsent(this.cases, { _id: input.petitionId, caseNumber: petition.caseNumber, leaderId: input.leaderId, leaderName: input.leaderName, note: input.note, ownedAt: this.clock.now(), assignedBy: actor });
    if (!owned) {
      const owner = await this.cases.findById(input.petitionId).lean().exec();
      throw new DomainError('ROUTING.CASE_ALREADY_OWNED', `Case ${petition.caseNumber} is owned by ${owner?.leaderName ?? 'another leader'} already`, 409);
    }
    return this.queries.ownedCase(input.petitionId);
  }
}
