import { DomainError, NotFoundError } from '@pdmc/platform';
import { fenToYuan } from '../domain/money';

export class FundNotFoundError extends NotFoundError {
  constructor() {
    super('FUNDS.FUND_NOT_FOUND', 'No such fund (known: stability, reward, law_related, historical_backlog)');
  }
}

export class FundYearNotFoundError extends NotFoundError {
  constructor() {
    super('FUNDS.FUND_YEAR_NOT_FOUND', 'The fund has no budget or contribution for this fiscal year');
  }
}

export class BudgetAlreadySetError extends DomainError {
  constructor() {
    super('FUNDS.BUDGET_ALREADY_SET', 'The budget of this fund year is set once; add money with a contribution (top-up)', 409);
  }
}

export class ProgrammeExceededError extends DomainError {
  constructor(totalFen: number, budgetedFen: number) {
    super(
      'FUNDS.PROGRAMME_EXCEEDED',
      `The programme's budgets may total at most ${fenToYuan(totalFen)} yuan; ${fenToYuan(budgetedFen)} yuan are budgeted already`,
      422,
    );
  }
}

export class OutsideProgrammeError extends DomainError {
  constructor(first: number, last: number) {
    super('FUNDS.OUTSIDE_PROGRAMME', `This fund runs from ${first} to ${last} only`, 422);
  }
}

export class CarryOverNotAllowedError extends DomainError {
  constructor(fundId: string) {
    super('FUNDS.CARRY_OVER_NOT_ALLOWED', `The unspent money of ${fundId} lapses at year end; it is not carried over`, 409);
  }
}

export class NothingToCarryError extends DomainError {
  constructor() {
    super('FUNDS.NOTHING_TO_CARRY', 'Nothing is available to carry over', 409);
  }
}

export class InsufficientFundsError extends DomainError {
  constructor(availableFen: number, amountFen: number) {
    super(
      'FUNDS.INSUFFICIENT_FUNDS',
      `The fund year has ${fenToYuan(availableFen)} yuan available; ${fenToYuan(amountFen)} yuan would overspend it`,
      409,
    );
  }
}
