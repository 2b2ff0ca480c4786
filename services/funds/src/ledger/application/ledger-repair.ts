import { Injectable, Logger } from '@nestjs/common';
import { BalanceBook } from './balance-book';
import { CarryOverHandler } from './carry-over.handler';

/**
 * Finishes what a crash left half-done on the balances: entries applied to a fund year but not
 * yet in the ledger, and carry-overs whose second half is missing. What an application's
 * movement meant for the application itself is the applications' repair's business.
 */
@Injectable()
export class LedgerRepair {
  private readonly logger = new Logger('LedgerRepair');

  constructor(
    private readonly book: BalanceBook,
    private readonly carryOver: CarryOverHandler,
  ) {}

  async run(): Promise<number> {
    let repaired = 0;
    for (const entry of await this.book.pendingEntries()) {
      if (entry.kind === 'carry_over_out') await this.carryOver.complete(entry);
      else await this.book.settle(entry);
      repaired += 1;
    }
    if (repaired) this.logger.log({ msg: 'ledger entries completed after an interruption', repaired });
    return repaired;
  }
}
