/**
 * Live-vs-backtest parity: what an account did through the real workflows that day, and what the
 * backtester does over the same bars (the simulator's seeded market, read without running it) from
 * the cycle the account joined at.
 */
import { QueryTypes } from 'sequelize';
import { loadBars } from '../../backtest/data';
import { runBacktest, type BacktestRun } from '../../backtest/engine/run';
import { parseBacktestSpec } from '../../backtest/spec';
import { coreSize, createRulesDecider } from '../../llm/rules-decider';
import { type TestDesk } from './desk';

/** One filled order: its key, what and how much, and the fill price. */
export interface FilledOrder {
  readonly key: string;
  readonly symbol: string;
  readonly side: string;
  readonly quantity: number;
  readonly price: number;
}

export interface Parity {
  readonly live: { readonly orders: FilledOrder[]; readonly equity: number };
  readonly backtest: BacktestRun;
}

/** The live day of `accountId` on `desk` (simulator seed `seed`, day `day`, last cycle at `close`) and its backtest. */
export async function liveAndBacktest(
  desk: TestDesk,
  options: { accountId: string; day: string; close: number; seed: number },
): Promise<Parity> {
  const { accountId, day, close, seed } = options;
  const rows = <T extends object>(sql: string) =>
    desk.db.sequelize.query<T>(sql, {
      type: QueryTypes.SELECT,
      replacements: { accountId, close: new Date(close) },
    });
  const orders = (
    await rows<{ key: string; symbol: string; side: string; quantity: number; price: string }>(
      `SELECT o.correlation_id AS key, o.symbol, o.side, f.quantity, f.price
         FROM orders o JOIN fills f ON f.order_id = o.id
        WHERE o.account_id = :accountId ORDER BY o.correlation_id`,
    )
  ).map((r) => ({ ...r, price: Number(r.price) }));
  const [snapshot] = await rows<{ equity: string }>(
    `SELECT equity FROM portfolio_snapshots WHERE account_id = :accountId AND market_time = :close`,
  );
  const [joined] = await rows<{ t: Date }>(`SELECT min(market_time) AS t FROM cycles WHERE account_id = :accountId`);
  const [account] = await rows<{ capital: string }>(
    `SELECT allocated_capital AS capital FROM accounts WHERE id = :accountId`,
  );

  const spec = parseBacktestSpec({
    account: desk.config.accounts.find((a) => a.id === accountId),
    capital: Number(account!.capital),
    from: day,
    to: day,
    data: `simulator (seed ${seed})`,
  });
  const bars = await loadBars({ kind: 'simulator', seed, start: day }, spec.account.stocks, day, day);
  const backtest = await runBacktest({
    spec,
    bars,
    decider: createRulesDecider(coreSize),
    firstCycleAt: new Date(joined!.t).getTime(),
  });
  return { live: { orders, equity: Number(snapshot!.equity) }, backtest };
}
