import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import { CLOCK, type Clock } from '@pdmc/calendar';
import type { FundId } from '@pdmc/contracts';
import { DomainError, NotFoundError, ValidationFailedError } from '@pdmc/platform';
import { isDuplicateKeyError } from '@pdmc/persistence';
import { FUND_CATALOGUE, type ApprovalLevel, type ApprovalTier } from '../../ledger/domain/fund-catalogue';
import { checkChain } from '../domain/approval-chain';
import { ApprovalChainDocument } from '../infrastructure/approval-chain.schema';

/** A version of a fund's approval chain. */
export interface ApprovalChainVersion {
  fundId: FundId;
  version: number;
  tiers: Array<{ upToFen: number | null; levels: ApprovalLevel[] }>;
  note: string | null;
  /** Who saved it; `catalogue` for version 1, the chain the service ships with. */
  savedBy: string;
  savedAt: Date | null;
}

export interface SaveChain {
  basedOnVersion: number;
  tiers: ApprovalTier[];
  note?: string;
}

export class ChainVersionNotFoundError extends NotFoundError {
  constructor(fundId: FundId, version: number) {
    super('FUNDS.CHAIN_VERSION_NOT_FOUND', `The ${fundId} fund has no approval chain version ${version}`);
  }
}

/**
 * The approval chain of each fund as run-time configuration (issue #16): an administrator saves a
 * new version after validation; an application keeps the version it was submitted under.
 */
@Injectable()
export class ApprovalChains {
  constructor(
    @InjectModel(ApprovalChainDocument.name) private readonly chains: Model<ApprovalChainDocument>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The version new applications are submitted under: the highest saved, else the catalogue's. */
  async current(fundId: FundId): Promise<ApprovalChainVersion> {
    const latest = await this.chains.findOne({ fundId }).sort({ version: -1 }).lean().exec();
    return latest ? toVersion(latest) : catalogueVersion(fundId);
  }

  async version(fundId: FundId, version: number): Promise<ApprovalChainVersion> {
    if (version === 1) return catalogueVersion(fundId);
    const doc = await this.chains.findById(`${fundId}:${version}`).lean().exec();
    if (!doc) throw new ChainVersionNotFoundError(fundId, version);
    return toVersion(doc);
  }

  /** Every version of the fund's chain, newest (the current one) first. */
  async list(fundId: FundId): Promise<ApprovalChainVersion[]> {
    const docs = await this.chains.find({ fundId }).sort({ version: -1 }).lean().exec();
    return [...docs.map(toVersion), catalogueVersion(fundId)];
  }

  async save(fundId: FundId, input: SaveChain, principal: Principal): Promise<ApprovalChainVersion> {
    const problems = checkChain(input.tiers);
    if (problems.length) throw new ValidationFailedError(problems);
    const current = await this.current(fundId);
    if (input.basedOnVersion !== current.version) throw stale(fundId, input.basedOnVersion, current.version);
    const version = current.version + 1;
    const doc: ApprovalChainDocument = {
      _id: `${fundId}:${version}`,
      fundId,
      version,
      tiers: input.tiers.map((t) => ({ upToFen: t.upToFen, levels: [...t.levels] })),
      note: input.note ?? null,
      savedBy: principal.subject,
      savedAt: this.clock.now(),
    };
    try {
      await this.chains.create(doc);
    } catch (error) {
      // Another administrator saved on the same base first.
      if (isDuplicateKeyError(error)) throw stale(fundId, input.basedOnVersion, version);
      throw error;
    }
    return toVersion(doc);
  }
}

function stale(fundId: FundId, based: number, current: number): DomainError {
  return new DomainError(
    'FUNDS.CHAIN_VERSION_CONFLICT',
    `The ${fundId} fund's chain is at version ${current}, not ${based}: read it again and save on the current version`,
    409,
    [{ field: 'basedOnVersion', rule: 'isCurrentVersion', message: `basedOnVersion must be ${current}` }],
  );
}

function catalogueVersion(fundId: FundId): ApprovalChainVersion {
  return {
    fundId,
    version: 1,
    tiers: FUND_CATALOGUE[fundId].chain.map((t) => ({ upToFen: t.upToFen, levels: [...t.levels] })),
    note: null,
    savedBy: 'catalogue',
    savedAt: null,
  };
}

function toVersion(d: ApprovalChainDocument): ApprovalChainVersion {
  return {
    fundId: d.fundId,
    version: d.version,
    tiers: d.tiers.map((t) => ({ upToFen: t.upToFen ?? null, levels: [...t.levels] })),
    note: d.note ?? null,
    savedBy: d.savedBy,
    savedAt: d.savedAt,
  };
}
