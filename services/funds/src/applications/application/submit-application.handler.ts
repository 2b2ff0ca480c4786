import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { scopeOf, type Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { APPLICATION_SUBMITTED_V1, createEnvelope, type WorkUnit } from '@pdmc/contracts';
import { correlationIdOrNew, OutboxRelayService } from '@pdmc/platform';
import { toOutbox } from '@pdmc/persistence';
import { BalanceBook } from '../../ledger/application/balance-book';
import { InsufficientFundsError } from '../../ledger/application/ledger-errors';
import { FUND_CATALOGUE, type FundDefinition } from '../../ledger/domain/fund-catalogue';
import { ApprovalChains } from '../../approval-chains/application/approval-chains';
import { levelsFor } from '../../approval-chains/domain/approval-chain';
import { fundYearIdOf } from '../../ledger/domain/ledger-entry';
import { CaseRegistry, type KnownCase } from '../../settlement-cases/application/case-registry';
import type { ApplicationDocument } from '../infrastructure/application.schema';
import { ApplicationDocument as ApplicationModel } from '../infrastructure/application.schema';
import type { SubmitApplicationCommand } from './application.commands';
import { refuse } from './application-errors';
import { eventFacts, type ApplicationView } from './application-view';
import { ApplicationQueriesHandler } from './application-queries.handler';
import { BeneficiaryProtection } from './beneficiary-protection';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The fiscal year (calendar year in Beijing) of a moment. */
export const fiscalYearOf = (at: Date): number => new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();

/** The fund's case rule, applied to the case the application names. */
export async function checkCase(fund: FundDefinition, caseId: string | undefined, cases: CaseRegistry): Promise<KnownCase | undefined> {
  if (!caseId) return undefined;
  const known = await cases.find(caseId);
  if (!known) throw refuse('FUNDS.CASE_UNKNOWN', 'Funds knows no case with this id (handling has not announced it)', 422);
  if (fund.caseRule === 'live_case' && known.status === 'terminated') {
    throw refuse('FUNDS.CASE_TERMINATED', `Case ${known.caseNumber} is terminated (终结); the ${fund.id} fund pays live cases only`, 409);
  }
  return known;
}

/**
 * Submits an application: the fund must take its kind, the case must pass the fund's case rule,
 * the fund year must have the money now (checked again, and reserved, at final approval), and the
 * chain follows from the amount. The beneficiary is stored encrypted; the event carries no one.
 */
@Injectable()
export class SubmitApplicationHandler {
  constructor(
    @InjectModel(ApplicationModel.name) private readonly apps: Model<ApplicationDocument>,
    private readonly cases: CaseRegistry,
    private readonly book: BalanceBook,
    private readonly protection: BeneficiaryProtection,
    private readonly queries: ApplicationQueriesHandler,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly chains: ApprovalChains,
  ) {}

  async execute(dto: SubmitApplicationCommand, principal: Principal): Promise<ApplicationView> {
    const fund = FUND_CATALOGUE[dto.fundId];
    if (!fund.kinds.includes(dto.kind)) {
      throw refuse('FUNDS.KIND_NOT_ALLOWED', `The ${fund.id} fund pays ${fund.kinds.join(', ')} only, not ${dto.kind}`, 422);
    }
    if (dto.kind !== 'reward' && dto.beneficiary.kind !== 'person') {
      throw refuse('FUNDS.BENEFICIARY_MUST_BE_PERSON', 'Settlements and hardship aid are paid to a person', 422);
    }
    const known = await checkCase(fund, dto.caseId, this.cases);
    const workUnit: WorkUnit = known?.workUnit ?? (dto.workUnit as WorkUnit);
    const scope = scopeOf(principal);
    if (!scope.all && !scope.units.includes(workUnit)) {
      throw refuse('FUNDS.NOT_YOUR_UNIT', `Unit staff apply for their own units’ cases only (this one is ${workUnit}’s)`, 403);
    }
    const now = this.clock.now();
    const fiscalYear = dto.fiscalYear ?? fiscalYearOf(now);
    const fundYearId = fundYearIdOf(fund.id, fiscalYear);
    const year = await this.book.fundYear(fundYearId);
    if (!year) throw refuse('FUNDS.NO_BUDGET', `The ${fund.id} fund has no budget or contribution for ${fiscalYear}`, 422);
    if (year.availableFen < dto.amountFen) throw new InsufficientFundsError(year.availableFen, dto.amountFen);

    const id = randomUUID();
    // The chain in force now, by amount; the application keeps this version whatever is saved later.
    const chainVersion = await this.chains.current(fund.id);
    const chain = levelsFor(chainVersion.tiers, dto.amountFen);
    const doc: Omit<ApplicationDocument, 'outbox' | 'version'> = {
      _id: id,
      fundId: fund.id,
      fiscalYear,
      fundYearId,
      kind: dto.kind,
      ...(known ? { caseId: known.caseId, caseNumber: known.caseNumber } : {}),
      workUnit,
      amountFen: dto.amountFen,
      purpose: dto.purpose,
      beneficiary: this.protection.protect(dto.beneficiary),
      documents: (dto.documents ?? []).map((d) => ({ ...d })),
      chain,
      chainVersion: chainVersion.version,
      step: 0,
      round: 1,
      status: 'in_approval',
      currentLevel: chain[0] ?? null,
      submittedBy: principal.subject,
      submittedAt: now,
      updatedAt: now,
      approvals: [],
      history: [{ at: now, by: principal.subject, action: 'submitted', amountFen: dto.amountFen }],
      reservedFen: 0,
      disbursedFen: 0,
      disbursements: [],
      reversals: [],
      pendingMovement: null,
    };
    const event = createEnvelope(
      APPLICATION_SUBMITTED_V1,
      { ...eventFacts(doc), submittedAt: now.toISOString() },
      { correlationId: correlationIdOrNew(), occurredAt: now },
    );
    const created = await this.apps.create({ ...doc, outbox: toOutbox(event) });
    this.relay.kick();
    return this.queries.view(created.toObject() as ApplicationDocument);
  }
}
