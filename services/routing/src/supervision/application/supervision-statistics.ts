import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type {
  CaseCeasedV1,
  CaseClosedV1,
  CaseDecidedV1,
  CaseOpenedV1,
  CaseTerminatedV1,
  DisbursementRecordedV1,
  DisbursementReversedV1,
  EvaluationSubmittedV1,
  IncidentReportedV1,
  PetitionAcceptedV1,
  PetitionDeclinedV1,
  PetitionFlagsChangedV1,
  PetitionRegisteredV1,
  WorkUnit,
} from '@pdmc/contracts';
import { isDuplicateKeyError } from '@pdmc/persistence';
import { LeaderCaseDocument } from '../../leaders/infrastructure/leader.schemas';
import { periodOf, type Metric } from '../domain/rates';
import { obligationId } from '../domain/obligation-ids';
import { ObligationDocument } from '../infrastructure/obligation.schema';
import { CounterDocument, PetitionFactsDocument } from '../infrastructure/statistics.schemas';

type Increments = Partial<Record<Metric, number>>;
const FLAG_METRICS = ['collective', 'abnormal', 'repeat', 'escalated', 'backlog'] as const;

/**
 * Keeps the counters of the centre's numbers as events arrive (issue 14 point 4): `$inc` on
 * deterministic `<month>|<dimension>|<value>` documents, never a rescan. Each contribution is
 * first claimed in the petition's facts (`counted`), in one conditional write, so a redelivered
 * event adds nothing; a crash between the claim and the `$inc` loses that one contribution
 * rather than doubling it (a rebuild from the streams repairs either).
 */
@Injectable()
export class SupervisionStatistics {
  constructor(
    @InjectModel(PetitionFactsDocument.name) private readonly facts: Model<PetitionFactsDocument>,
    @InjectModel(CounterDocument.name) private readonly counters: Model<CounterDocument>,
    @InjectModel(LeaderCaseDocument.name) private readonly leaders: Model<LeaderCaseDocument>,
    @InjectModel(ObligationDocument.name) private readonly obligations: Model<ObligationDocument>,
  ) {}

  async registered(p: PetitionRegisteredV1): Promise<void> {
    const flags = Object.fromEntries(FLAG_METRICS.map((f) => [f, p.flags[f] === true]));
    try {
      await this.facts.create({ _id: p.petitionId, caseNumber: p.caseNumber, period: periodOf(new Date(p.receivedAt)), townCode: p.townCode, category: p.category.level1, channel: p.channel, flags, counted: [], beforeUnit: {} });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const inc: Increments = { received: 1 };
    for (const f of FLAG_METRICS) if (flags[f]) inc[f] = 1;
    await this.count(p.petitionId, 'received', inc);
  }

  /** A flag raised after registration counts once, the first time it is set. */
  async flagsChanged(p: PetitionFlagsChangedV1): Promise<void> {
    for (const f of FLAG_METRICS) if (p.flags[f]) await this.count(p.petitionId, `flag:${f}`, { [f]: 1 }, { flagAlreadySet: f });
  }

  async accepted(p: PetitionAcceptedV1): Promise<void> {
    const acceptance = await this.obligations.findById(obligationId.acceptance(p.petitionId), { metInTime: 1 }).lean().exec();
    await this.count(p.petitionId, 'accepted', { accepted: 1, acceptedOnTime: acceptance?.metInTime === false ? 0 : 1 });
  }

  async declined(p: PetitionDeclinedV1): Promise<void> {
    await this.count(p.petitionId, 'declined', { declined: 1 });
  }

  /** The first unit a case reaches gets the counts made before it was known. */
  async caseOpened(p: CaseOpenedV1): Promise<void> {
    await this.ensureFacts(p.petitionId, new Date(p.openedAt));
    await this.facts.updateOne({ _id: p.petitionId }, { $addToSet: { caseIds: p.caseId } }).exec();
    const before = await this.facts.findOneAndUpdate({ _id: p.petitionId, workUnit: null }, { $set: { workUnit: p.workUnit } }).lean().exec();
    if (before) await this.increment(before.period as string, [['unit', p.workUnit]], before.beforeUnit ?? {});
  }

  async decided(p: CaseDecidedV1): Promise<void> {
    await this.facts.updateOne({ _id: p.petitionId }, { $set: { outcome: p.outcome } }).exec();
    const handling = await this.obligations.findById(obligationId.handling(p.petitionId), { metInTime: 1 }).lean().exec();
    await this.count(p.petitionId, 'decided', { decided: 1, decidedOnTime: handling?.metInTime === false ? 0 : 1, supported: p.outcome === 'support' ? 1 : 0, resolved: p.outcome === 'support' ? 1 : 0 }, { at: new Date(p.decidedAt), unit: p.workUnit });
  }

  async closed(p: CaseClosedV1): Promise<void> {
    await this.count(p.petitionId, 'closed', { closed: 1 }, { at: new Date(p.closedAt), unit: p.workUnit });
  }

  async ceased(p: CaseCeasedV1): Promise<void> {
    const facts = await this.facts.findById(p.petitionId, { outcome: 1 }).lean().exec();
    // Resolved at cessation when the decision had not already counted as resolved (support).
    await this.count(p.petitionId, 'ceased', { ceased: 1, resolved: facts?.outcome && facts.outcome !== 'support' ? 1 : 0 }, { at: new Date(p.ceasedAt), unit: p.workUnit });
  }

  async terminated(p: CaseTerminatedV1): Promise<void> {
    await this.count(p.petitionId, 'terminated', { terminated: 1 }, { at: new Date(p.terminatedAt), unit: p.workUnit });
  }

  async evaluated(p: EvaluationSubmittedV1): Promise<void> {
    const rating = p.unit ?? p.bureau;
    await this.count(p.petitionId, `evaluation:${p.evaluationId}`, { evaluations: 1, satisfied: rating === 'dissatisfied' ? 0 : 1 }, { at: new Date(p.submittedAt) });
  }

  async obligationOverdue(o: Pick<ObligationDocument, '_id' | 'petitionId' | 'workUnit'>, at: Date): Promise<void> {
    if (o.petitionId) await this.count(o.petitionId, `overdue:${o._id}`, { overdue: 1 }, { at, unit: o.workUnit ?? undefined });
  }

  async orderIssued(petitionId: string, orderId: string, at: Date, unit: WorkUnit): Promise<void> {
    await this.count(petitionId, `order:${orderId}`, { orders: 1 }, { at, unit });
  }

  async orderListed(petitionId: string, orderId: string, at: Date, unit: WorkUnit): Promise<void> {
    await this.count(petitionId, `listed:${orderId}`, { listed: 1 }, { at, unit });
  }

  /** Incidents count in their own month, centre-wide and, when tied to a petition, in its town and unit. */
  async incidentReported(eventId: string, p: IncidentReportedV1): Promise<void> {
    const inc: Increments = { incidents: 1, massIncidents: p.type === 'mass_gathering' ? 1 : 0 };
    if (!(await this.claimEvent(eventId))) return;
    const dims: Array<[string, string]> = [['centre', 'all']];
    if (p.petitionId) {
      const facts = await this.facts.findById(p.petitionId, { townCode: 1, workUnit: 1 }).lean().exec();
      if (facts?.townCode) dims.push(['town', facts.townCode]);
      if (facts?.workUnit) dims.push(['unit', facts.workUnit]);
    }
    await this.increment(periodOf(new Date(p.reportedAt)), dims, inc);
  }

  /** Fund disbursements count in the month paid (a reversal in the month reversed), by unit. */
  async disbursement(eventId: string, p: DisbursementRecordedV1 | DisbursementReversedV1): Promise<void> {
    if (!(await this.claimEvent(eventId))) return;
    const reversed = 'reversedAt' in p;
    const at = new Date(reversed ? p.reversedAt : (p as DisbursementRecordedV1).paidAt);
    await this.increment(periodOf(at), [['centre', 'all'], ['unit', p.workUnit]], { disbursedFen: reversed ? -p.amountFen : p.amountFen });
  }

  /**
   * Claims contribution `key` of a petition and adds `inc` to its month's counters in every
   * dimension it belongs to. Before the unit is known the unit's share waits in `beforeUnit`.
   */
  private async count(petitionId: string, key: string, inc: Increments, opts: { at?: Date; unit?: WorkUnit; flagAlreadySet?: string } = {}): Promise<void> {
    await this.ensureFacts(petitionId, opts.at ?? new Date(), opts.unit);
    const positive = Object.fromEntries(Object.entries(inc).filter(([, v]) => v));
    const filter: Record<string, unknown> = { _id: petitionId, counted: trusted({ $ne: key }) };
    if (opts.flagAlreadySet) filter[`flags.${opts.flagAlreadySet}`] = trusted({ $ne: true });
    const flagSet = opts.flagAlreadySet ? { [`flags.${opts.flagAlreadySet}`]: true } : {};
    // Unit not known yet: remember the unit's share in the same write as the claim.
    let facts = await this.facts
      .findOneAndUpdate(
        { ...filter, workUnit: null },
        { $push: { counted: key }, $set: flagSet, $inc: Object.fromEntries(Object.entries(positive).map(([m, v]) => [`beforeUnit.${m}`, v])) },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    let withUnit = false;
    if (!facts) {
      facts = await this.facts.findOneAndUpdate({ ...filter, workUnit: trusted({ $ne: null }) }, { $push: { counted: key }, $set: flagSet }, { returnDocument: 'after' }).lean().exec();
      withUnit = true;
    }
    if (!facts) return; // already counted (or the flag was set already)
    const dims: Array<[string, string]> = [['centre', 'all']];
    if (facts.townCode) dims.push(['town', facts.townCode]);
    if (facts.category) dims.push(['category', facts.category]);
    if (facts.channel) dims.push(['channel', facts.channel]);
    if (withUnit && facts.workUnit) dims.push(['unit', facts.workUnit]);
    // The leader owning the case (领导包案) when the contribution is made.
    const leader = await this.leaders.findById(petitionId, { leaderId: 1 }).lean().exec();
    if (leader) dims.push(['leader', leader.leaderId]);
    await this.increment(facts.period as string, dims, positive);
  }

  /** Facts for a petition registered before supervision watched it: its month is that of the first event seen. */
  private async ensureFacts(petitionId: string, at: Date, unit?: WorkUnit): Promise<void> {
    if (await this.facts.exists({ _id: petitionId }).exec()) return;
    try {
      await this.facts.create({ _id: petitionId, period: periodOf(at), workUnit: unit ?? null, flags: {}, counted: [], beforeUnit: {} });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  private async claimEvent(eventId: string): Promise<boolean> {
    try {
      await this.facts.create({ _id: `event:${eventId}`, flags: {}, counted: [], beforeUnit: {} });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  private async increment(period: string, dims: Array<[string, string]>, inc: Increments): Promise<void> {
    const fields = Object.fromEntries(Object.entries(inc).filter(([, v]) => v).map(([m, v]) => [`c.${m}`, v as number]));
    if (!Object.keys(fields).length) return;
    await this.counters.bulkWrite(
      dims.map(([dimension, value]) => ({
        updateOne: {
          filter: { _id: `${period}|${dimension}|${value}` },
          update: { $setOnInsert: { period, dimension, value }, $inc: fields },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }
}
