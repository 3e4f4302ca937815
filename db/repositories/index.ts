import { type Database } from '../index';
import { accountRepository } from './accounts';
import { backtestRepository, llmResponseCacheRepository } from './backtests';
import { candleRepository } from './candles';
import { cycleRepository } from './cycles';
import { invocationRepository } from './invocations';
import { ledgerRepository } from './ledgers';
import { orderRepository } from './orders';
import { riskEventRepository } from './risk-events';
import { signalRepository } from './signals';
import { snapshotRepository } from './snapshots';

export type { BrokerFill } from './ledgers';
export type { AccountRecord } from './accounts';
export type { BacktestOutcome, BacktestStart } from './backtests';
export { FINAL_ORDER_STATUSES } from './orders';

/**
 * The write side the activities use (the API reads through db/queries). Every write is idempotent:
 * keyed by a natural key so a retried activity changes nothing the first attempt already did.
 */
export function createRepositories(db: Database) {
  return {
    accounts: accountRepository(db.models),
    cycles: cycleRepository(db.models),
    candles: candleRepository(db),
    signals: signalRepository(db.models),
    invocations: invocationRepository(db.models),
    orders: orderRepository(db.models),
    ledgers: ledgerRepository(db),
    snapshots: snapshotRepository(db.models),
    riskEvents: riskEventRepository(db.models),
    backtests: backtestRepository(db),
    llmCache: llmResponseCacheRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
