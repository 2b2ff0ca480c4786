import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { FUND_IDS, type FundId, type WorkUnit } from '@pdmc/contracts';
import { FundYearNotFoundError } from '../../ledger/application/ledger-errors';
import { FUND_CATALOGUE } from '../../ledger/domain/fund-catalogue';
import { fundYearIdOf } from '../../ledger/domain/ledger-entry';
import { FundYearDocument } from '../../ledger/infrastructure/fund-year.schema';
import { LedgerEntryDocument } from '../../ledger/infrastructure/ledger-entry.schema';
import { ApplicationDocument } from '../../applications/infrastructure/application.schema';
import { fiscalYearOf } from '../../applications/application/submit-application.handler';
import { NotFoundError } from '@pdmc/platform';
import { CaseRegistry } from '../../settlement-cases/application/case-registry';
import type { ReportTable } from '../domain/table';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const monthOf = (at: Date): string => new Date(new Date(at).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 7);

const MONEY = (key: string, header: string) => ({ key, header, money: true });

/** Movements per month, net of their reversals, as finance and supervision read them. */
const MONTH_COLUMNS = [
  { key: 'month', header: '月份 month' },
  { key: 'fundId', header: '资金 fund' },
  MONEY('budgetFen', '预算 budget'),
  MONEY('contributionsFen', '注入 contributions'),
  MONEY('carriedFen', '结转 carried in − out'),
  MONEY('reservedFen', '新增预留 newly reserved'),
  MONEY('releasedFen', '释放 released'),
  MONEY('disbursedFen', '支付（净额） disbursed, net'),
];

/**
 * The reports: a fund year's position (what came in, what is reserved, paid and left) with its
 * months; a case's applications; a year per work unit; the months of a year across funds. They
 * read one fund year's ledger or one year's applications (indexed, a few thousand documents at
 * most), not the whole store.
 */
@Injectable()
export class ReportsHandler {
  constructor(
    @InjectModel(FundYearDocument.name) private readonly years: Model<FundYearDocument>,
    @InjectModel(LedgerEntryDocument.name) private readonly ledger: Model<LedgerEntryDocument>,
    @InjectModel(ApplicationDocument.name) private readonly apps: Model<ApplicationDocument>,
    private readonly cases: CaseRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  currentYear(): number {
    return fiscalYearOf(this.clock.now());
  }

  async fundYear(fundId: FundId, fiscalYear: number): Promise<ReportTable> {
    const year = await this.years.findById(fundYearIdOf(fundId, fiscalYear), { pending: 0, postedIds: 0 }).lean().exec();
    if (!year) throw new FundYearNotFoundError();
    const months = await this.months(fiscalYear, [fundId]);
    const position = {
      month: 'total',
      fundId,
      budgetFen: year.budgetFen,
      contributionsFen: year.contributionsFen,
      carriedFen: year.carriedInFen - year.carriedOutFen,
      reservedFen: year.reservedFen,
      releasedFen: null,
      disbursedFen: year.disbursedFen,
      availableFen: year.availableFen,
    };
    return {
      name: `${fundId}-${fiscalYear}`,
      columns: [...MONTH_COLUMNS, MONEY('availableFen', '可用 available')],
      // Month rows show movements; the total row shows the position (reserved = still reserved now).
      rows: [...months.rows.map((r) => ({ ...r, availableFen: null })), position],
    };
  }

  async months(fiscalYear: number, fundIds: readonly FundId[] = FUND_IDS): Promise<ReportTable> {
    const rows: ReportTable['rows'] = [];
    for (const fundId of fundIds) {
      const entries = await this.ledger.find({ fundYearId: fundYearIdOf(fundId, fiscalYear) }).sort({ at: 1 }).lean().exec();
      const byMonth = new Map<string, Record<string, number | string>>();
      for (const e of entries) {
        const month = monthOf(e.at);
        const row = byMonth.get(month) ?? { month, fundId, budgetFen: 0, contributionsFen: 0, carriedFen: 0, reservedFen: 0, releasedFen: 0, disbursedFen: 0 };
        const add = (key: string, v: number) => (row[key] = (row[key] as number) + v);
        switch (e.kind) {
          case 'budget':
            add('budgetFen', e.amountFen);
            break;
          case 'contribution':
            add('contributionsFen', e.amountFen);
            break;
          case 'contribution_reversal':
            add('contributionsFen', -e.amountFen);
            break;
          case 'carry_over_in':
            add('carriedFen', e.amountFen);
            break;
          case 'carry_over_out':
            add('carriedFen', -e.amountFen);
            break;
          case 'reservation':
            add('reservedFen', e.amountFen);
            break;
          case 'release':
            add('releasedFen', e.amountFen);
            break;
          case 'disbursement':
            add('disbursedFen', e.amountFen);
            break;
          case 'disbursement_reversal':
            add('disbursedFen', -e.amountFen);
            break;
        }
        byMonth.set(month, row);
      }
      rows.push(...byMonth.values());
    }
    rows.sort((a, b) => String(a['month']).localeCompare(String(b['month'])) || String(a['fundId']).localeCompare(String(b['fundId'])));
    return { name: `months-${fiscalYear}`, columns: MONTH_COLUMNS, rows };
  }

  async byCase(caseId: string): Promise<ReportTable> {
    const known = await this.cases.find(caseId);
    if (!known) throw new NotFoundError('FUNDS.CASE_NOT_FOUND', 'Funds knows no case with this id');
    const apps = await this.apps.find({ caseId }, { outbox: 0, beneficiary: 0 }).sort({ submittedAt: -1 }).lean().exec();
    return {
      name: `case-${known.caseNumber}`,
      columns: [
        { key: 'applicationId', header: '申请 application' },
        { key: 'caseNumber', header: '案件编号 case number' },
        { key: 'fundId', header: '资金 fund' },
        { key: 'fiscalYear', header: '年度 year' },
        { key: 'kind', header: '类别 kind' },
        { key: 'status', header: '状态 status' },
        MONEY('amountFen', '申请金额 amount'),
        MONEY('reservedFen', '预留 reserved'),
        MONEY('disbursedFen', '已支付 disbursed'),
      ],
      rows: apps.map((a) => ({
        applicationId: a._id,
        caseNumber: a.caseNumber ?? null,
        fundId: a.fundId,
        fiscalYear: a.fiscalYear,
        kind: a.kind,
        status: a.status,
        amountFen: a.amountFen,
        reservedFen: a.reservedFen,
        disbursedFen: a.disbursedFen,
      })),
    };
  }

  async byUnit(fiscalYear: number): Promise<ReportTable> {
    const apps = await this.apps.find({ fiscalYear }, { outbox: 0, beneficiary: 0, history: 0 }).lean().exec();
    const byUnit = new Map<WorkUnit, Record<string, number | string>>();
    for (const a of apps) {
      const row = byUnit.get(a.workUnit) ?? { workUnit: a.workUnit, applications: 0, approved: 0, approvedFen: 0, reservedFen: 0, disbursedFen: 0 };
      row['applications'] = (row['applications'] as number) + 1;
      if (a.status === 'approved' || a.status === 'paid' || a.status === 'cancelled') {
        row['approved'] = (row['approved'] as number) + 1;
        row['approvedFen'] = (row['approvedFen'] as number) + a.amountFen;
      }
      row['reservedFen'] = (row['reservedFen'] as number) + a.reservedFen;
      row['disbursedFen'] = (row['disbursedFen'] as number) + a.disbursedFen;
      byUnit.set(a.workUnit, row);
    }
    return {
      name: `units-${fiscalYear}`,
      columns: [
        { key: 'workUnit', header: '工作单元 work unit' },
        { key: 'applications', header: '申请数 applications' },
        { key: 'approved', header: '批准数 approved' },
        MONEY('approvedFen', '批准金额 approved amount'),
        MONEY('reservedFen', '预留 reserved'),
        MONEY('disbursedFen', '已支付 disbursed'),
      ],
      rows: [...byUnit.values()].sort((a, b) => String(a['workUnit']).localeCompare(String(b['workUnit']))),
    };
  }

  /** Fund names for report headers. */
  fundName(fundId: FundId): string {
    return FUND_CATALOGUE[fundId].name;
  }
}
