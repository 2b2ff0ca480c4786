import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import type { Principal } from '@pdmc/auth';
import { findPage, type Page } from '@pdmc/persistence';
import { scopedFilter } from '@pdmc/platform';
import { toEntry } from '../../ledger/application/balance-book';
import type { LedgerEntry } from '../../ledger/domain/ledger-entry';
import { LedgerEntryDocument } from '../../ledger/infrastructure/ledger-entry.schema';
import { levelsHeldBy, whyNotDecider, type ApprovalRecord } from '../domain/application';
import type { Beneficiary } from '../domain/beneficiary';
import { ApplicationDocument, type HistoryEntry } from '../infrastructure/application.schema';
import type { ApplicationFilter } from './application.commands';
import { ApplicationNotFoundError } from './application-errors';
import { toApplicationView, type ApplicationView } from './application-view';
import { BeneficiaryProtection } from './beneficiary-protection';

export const APPLICATION_SCOPE = { units: 'workUnit' } as const;

export type { Page };

export interface AuditTrail {
  applicationId: string;
  history: HistoryEntry[];
  approvals: ApprovalRecord[];
  ledgerEntries: LedgerEntry[];
}

/** A queue is read oldest first; this many are looked at per call before the caller's own are dropped. */
const QUEUE_WINDOW = 500;

/** Reads of applications, always within the caller's scope (unit staff: their units only). */
@Injectable()
export class ApplicationQueriesHandler {
  constructor(
    @InjectModel(ApplicationDocument.name) private readonly apps: Model<ApplicationDocument>,
    @InjectModel(LedgerEntryDocument.name) private readonly ledger: Model<LedgerEntryDocument>,
    private readonly protection: BeneficiaryProtection,
  ) {}

  /** The application, or 404 when it does not exist or is outside the caller's scope. */
  async load(id: string, principal: Principal): Promise<ApplicationDocument> {
    const d = await this.apps.findOne(scopedFilter({ _id: id }, principal, APPLICATION_SCOPE), { outbox: 0 }).lean().exec();
    if (!d) throw new ApplicationNotFoundError();
    return d;
  }

  view(d: ApplicationDocument): ApplicationView {
    return toApplicationView(d, this.protection.mask(d.beneficiary));
  }

  async byId(id: string, principal: Principal): Promise<ApplicationView> {
    return this.view(await this.load(id, principal));
  }

  async personalData(id: string, principal: Principal): Promise<{ applicationId: string; beneficiary: Beneficiary }> {
    const d = await this.load(id, principal);
    return { applicationId: d._id, beneficiary: this.protection.reveal(d.beneficiary) };
  }

  async list(q: ApplicationFilter, principal: Principal): Promise<Page<ApplicationView>> {
    const filter: Record<string, unknown> = {};
    if (q.fundId) filter['fundId'] = q.fundId;
    if (q.fiscalYear) filter['fiscalYear'] = q.fiscalYear;
    if (q.status) filter['status'] = q.status;
    if (q.caseId) filter['caseId'] = q.caseId;
    if (q.workUnit) filter['workUnit'] = q.workUnit;
    const scoped = scopedFilter(filter, principal, APPLICATION_SCOPE);
    const sort = { submittedAt: -1, _id: 1 } as const;
    return findPage(this.apps, scoped, { ...q, sort, projection: { outbox: 0 } }, (d: ApplicationDocument) => this.view(d));
  }

  /**
   * What waits for the caller: applications at a level the caller holds (a unit head: of their
   * units), oldest first, without the caller's own applications and those the caller already
   * approved in this round, which the caller may not decide.
   */
  async queue(principal: Principal, page = 1, pageSize = 20): Promise<Page<ApplicationView>> {
    const actor = { subject: principal.subject, roles: principal.roles, units: principal.units };
    const alternatives = levelsHeldBy(actor).map((level) =>
      level === 'unit_head' ? { currentLevel: level, workUnit: trusted({ $in: principal.units }) } : { currentLevel: level },
    );
    if (alternatives.length === 0) return { items: [], total: 0, page, pageSize };
    const docs = await this.apps
      .find({ $or: alternatives }, { outbox: 0 })
      .sort({ submittedAt: 1, _id: 1 })
      .limit(QUEUE_WINDOW)
      .lean()
      .exec();
    const mine = docs.filter((d) => d.pendingMovement == null && !whyNotDecider(d, actor));
    return { items: mine.slice((page - 1) * pageSize, page * pageSize).map((d) => this.view(d)), total: mine.length, page, pageSize };
  }

  async auditTrail(id: string, principal: Principal): Promise<AuditTrail> {
    const d = await this.load(id, principal);
    const entries = await this.ledger.find({ applicationId: d._id }).sort({ at: 1, _id: 1 }).lean().exec();
    return { applicationId: d._id, history: d.history, approvals: d.approvals, ledgerEntries: entries.map(toEntry) };
  }
}
