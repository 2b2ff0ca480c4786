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
} from '@pdmc/contracts';
import { isDuplicateKeyError } from '@pdmc/persistence';
import { LeaderCaseDocument } from '../../leaders/infrastructure/leader.schemas';
import { RoutingCalendar } from '../../calendar/application/routing-calendar';
import { legalPeriod, metInTime } from '../domain/obligation';
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
    private readonly calendar: RoutingCalendar,
  ) {}

  async registered(p: PetitionRegisteredV1): Promise<void> {
    await this.describe(p);
    const inc: Increments = { received: 1 };
    for (const f of FLAG_METRICS) if (p.flags[f]) inc[f] = 1;
    await this.count(p.petitionId, 'received', inc);
  }

  /**
   * The petition's month and dimensions, from its registration or its acceptance (which carries
   * the same facts). Each subject has its own consumer, so another event of the petition may be
   * handled first: its counts waited in `pending` and now go to the petition's month.
   */
  private async describe(p: PetitionRegisteredV1): Promise<void> {
    const description: Record<string, unknown> & { period: string } = { caseNumber: p.caseNumber, period: periodOf(new Date(p.receivedAt)), townCode: p.townCode, category: p.category.level1, channel: p.channel };
    // Flags set at registration are counted with it; flagsChanged counts only the ones raised later.
    for (const f of FLAG_METRICS) if (p.flags[f]) description[`flags.${f}`] = true;
    let before: PetitionFactsDocument | null;
    try {
      before = await this.facts
        .findOneAndUpdate({ _id: p.petitionId, period: null }, { $set: description, $setOnInsert: { workUnit: null, caseIds: [], counted: [], beforeUnit: {}, pending: {} } }, { upsert: true, returnDocument: 'before' })
        .lean<PetitionFactsDocument>()
        .exec();
    } catch (error) {
      // Described already (the upsert met the existing, described document).
      if (isDuplicateKeyError(error)) return;
      throw error;
    }
    const pending = before?.pending ?? {};
    if (!Object.values(pending).some((v) => v)) return;
    const dims = this.dimensionsOf({ townCode: p.townCode, category: p.category.level1, channel: p.channel, workUnit: before?.workUnit ?? null });
    await this.increment(description.period, dims, pending);
    if (!before?.workUnit) {
      // The unit is not known yet either: its share waits with the others made before it.
      await this.facts.updateOne({ _id: p.petitionId }, { $inc: Object.fromEntries(Object.entries(pending).map(([m, v]) => [`beforeUnit.${m}`, v])) }).exec();
    }
  }

  /** A flag raised after registration counts once, the first time it is set. */
  async flagsChanged(p: PetitionFlagsChangedV1): Promise<void> {
    for (const f of FLAG_METRICS) if (p.flags[f]) await this.count(p.petitionId, `flag:${f}`, { [f]: 1 }, { flagAlreadySet: f });
  }

  /** Accepted on time: within the 15 days of art. 22 counted from receipt on routing's calendar. */
  async accepted(p: PetitionAcceptedV1): Promise<void> {
    await this.describe(p);
    const receivedAt = new Date(p.receivedAt);
    const due = legalPeriod(await this.calendar.around(receivedAt), 'acceptance', receivedAt).dueAt;
    await this.count(p.petitionId, 'accepted', { accepted: 1, acceptedOnTime: metInTime(due, new Date(p.acceptedAt)) ? 1 : 0 });
  }

  async declined(p: PetitionDeclinedV1): Promise<void> {
    await this.count(p.petitionId, 'declined', { declined: 1 });
  }

  /** The first unit a case reaches gets the counts made before it was known. */
  async caseOpened(p: CaseOpenedV1): Promise<void> {
    await this.ensureFacts(p.petitionId);
    await this.facts.updateOne({ _id: p.petitionId }, { $addToSet: { caseIds: p.caseId } }).exec();
    const before = await this.facts.findOneAndUpdate({ _id: p.petitionId, workUnit: null }, { $set: { workUnit: p.workUnit } }).lean().exec();
    // Not described yet: its pending counts will go to the unit with the rest.
    if (before?.period) await this.increment(before.period, [['unit', p.workUnit]], before.beforeUnit ?? {});
  }

  async decided(p: CaseDecidedV1): Promise<void> {
    await this.facts.updateOne({ _id: p.petitionId }, { $set: { outcome: p.outcome } }).exec();
    // The handling limit with its extension is the obligation's; the deadline handler closed it just before.
    const handling = await this.obligations.findById(obligationId.handling(p.petitionId), { metInTime: 1 }).lean().exec();
    await this.count(p.petitionId, 'decided', { decided: 1, decidedOnTime: handling?.metInTime === false ? 0 : 1, supported: p.outcome === 'support' ? 1 : 0, resolved: p.outcome === 'support' ? 1 : 0 });
  }

  async closed(p: CaseClosedV1): Promise<void> {
    await this.count(p.petitionId, 'closed', { closed: 1 });
  }

  async ceased(p: CaseCeasedV1): Promise<void> {
    const facts = await this.facts.findById(p.petitionId, { outcome: 1 }).lean().exec();
    // Resolved at cessation when the decision had not already counted as resolved (support).
    await this.count(p.petitionId, 'ceased', { ceased: 1, resolved: facts?.outcome && facts.outcome !== 'support' ? 1 : 0 });
  }

  async terminated(p: CaseTerminatedV1): Promise<void> {
    await this.count(p.petitionId, 'terminated', { terminated: 1 });
  }

  async evaluated(p: EvaluationSubmittedV1): Promise<void> {
    const rating = p.unit ?? p.bureau;
    await this.count(p.petitionId, `evaluation:${p.evaluationId}`, { evaluations: 1, satisfied: rating === 'dissatisfied' ? 0 : 1 });
  }

  /** An obligation went overdue: counted in its petition's month, like everything else about the petition. */
  async obligationOverdue(o: Pick<ObligationDocument, '_id' | 'petitionId'>): Promise<void> {
    if (o.petitionId) await this.count(o.petitionId, `overdue:${o._id}`, { overdue: 1 });
  }

  async orderIssued(petitionId: string, orderId: string): Promise<void> {
    await this.count(petitionId, `order:${orderId}`, { orders: 1 });
  }

  async orderListed(petitionId: string, orderId: string): Promise<void> {
    await this.count(petitionId, `listed:${orderId}`, { listed: 1 });
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
   * dimension it belongs to, in one conditional write on the facts: before the petition is
   * described (its registration not handled yet) the contribution waits in `pending`; before its
   * unit is known, the unit's share waits in `beforeUnit`.
   */
  private async count(petitionId: string, key: string, inc: Increments, opts: { flagAlreadySet?: string } = {}): Promise<void> {
    await this.ensureFacts(petitionId);
    const positive = Object.fromEntries(Object.entries(inc).filter(([, v]) => v)) as Record<string, number>;
    const filter: Record<string, unknown> = { _id: petitionId, counted: trusted({ $ne: key }) };
    if (opts.flagAlreadySet) filter[`flags.${opts.flagAlreadySet}`] = trusted({ $ne: true });
    const claim = { $push: { counted: key }, ...(opts.flagAlreadySet ? { $set: { [`flags.${opts.flagAlreadySet}`]: true } } : {}) };
    const waiting = (field: string) => ({ $inc: Object.fromEntries(Object.entries(positive).map(([m, v]) => [`${field}.${m}`, v])) });
    const attempts: Array<[Record<string, unknown>, Record<string, unknown>, boolean]> = [
      [{ ...filter, period: null }, { ...claim, ...waiting('pending') }, false],
      [{ ...filter, period: trusted({ $ne: null }), workUnit: null }, { ...claim, ...waiting('beforeUnit') }, true],
      [{ ...filter, period: trusted({ $ne: null }), workUnit: trusted({ $ne: null }) }, claim, true],
    ];
    for (const [where, update, now] of attempts) {
      const facts = await this.facts.findOneAndUpdate(where, update, { returnDocument: 'after' }).lean<PetitionFactsDocument>().exec();
      if (!facts) continue;
      if (!now) return;
      const dims = this.dimensionsOf(facts);
      // The leader owning the case (领导包案) when the contribution is made.
      const leader = await this.leaders.findById(petitionId, { leaderId: 1 }).lean().exec();
      if (leader) dims.push(['leader', leader.leaderId]);
      await this.increment(facts.period as string, dims, positive);
      return;
    }
    // Counted already, or the flag was set already: nothing to add.
  }

  private dimensionsOf(facts: Pick<PetitionFactsDocument, 'townCode' | 'category' | 'channel' | 'workUnit'>): Array<[string, string]> {
    const dims: Array<[string, string]> = [['centre', 'all']];
    if (facts.townCode) dims.push(['town', facts.townCode]);
    if (facts.category) dims.push(['category', facts.category]);
    if (facts.channel) dims.push(['channel', facts.channel]);
    if (facts.workUnit) dims.push(['unit', facts.workUnit]);
    return dims;
  }

  /** Facts for a petition whose registration has not been handled (yet): counts wait in `pending`. */
  private async ensureFacts(petitionId: string): Promise<void> {
    if (await this.facts.exists({ _id: petitionId }).exec()) return;
    try {
      await this.facts.create({ _id: petitionId, period: null, workUnit: null, flags: {}, caseIds: [], counted: [], beforeUnit: {}, pending: {} });
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
