import { type Sequelize } from 'sequelize';
import { type ClosedTradeRow } from '../models';
import { type Page, type Paged, select, selectPage, Where } from './sql';

/** What the leaderboard shows of one account, besides its row in `accounts`. */
export interface AccountStatsRecord {
  accountId: string;
  /** Market time of the latest snapshot; null before the first cycle (and so are the books below). */
  asOf: Date | null;
  equity: number | null;
  realisedPnl: number | null;
  unrealisedPnl: number | null;
  charges: number | null;
  /** Deepest fall below the running peak over all snapshots, as a fraction 0..1. */
  maxDrawdown: number;
  closedTrades: number;
  /** Closed round trips with a positive net P&L (after charges). */
  winningTrades: number;
  filledOrders: number;
  cycles: number;
  decisions: number;
  llmCostInr: number;
  llmCostUsd: number;
  llmCostTodayInr: number;
  llmCostTodayUsd: number;
}

/**
 * Per-account aggregates for the leaderboard, one row per account (zeros where nothing happened yet).
 * "Today" is the half-open range [dayStart, dayEnd) of a decision's market time (its creation time for
 * rows written before the column existed), so the simulator's day counts, not the wall clock's.
 */
export function accountStats(db: Sequelize, today: { dayStart: Date; dayEnd: Date }): Promise<AccountStatsRecord[]> {
  return select<AccountStatsRecord>(
    db,
    `WITH latest AS (
       SELECT DISTINCT ON (account_id) account_id, market_time, equity, realised_pnl, unrealised_pnl, charges
       FROM portfolio_snapshots ORDER BY account_id, market_time DESC
     ), drawdowns AS (
       SELECT account_id, max(drawdown)::float AS max_drawdown FROM portfolio_snapshots GROUP BY account_id
     ), trades AS (
       SELECT account_id, count(*)::int AS closed, (count(*) FILTER (WHERE net_pnl > 0))::int AS wins
       FROM closed_trades GROUP BY account_id
     ), orders AS (
       SELECT account_id, (count(*) FILTER (WHERE filled_quantity > 0))::int AS filled FROM orders GROUP BY account_id
     ), cycles AS (
       SELECT account_id, count(*)::int AS cycles FROM cycles GROUP BY account_id
     ), costs AS (
       SELECT account_id, count(*)::int AS decisions, sum(cost_inr)::float AS inr, sum(cost_usd)::float AS usd,
              COALESCE(sum(cost_inr) FILTER (WHERE COALESCE(market_time, created_at) >= :dayStart
                                             AND COALESCE(market_time, created_at) < :dayEnd), 0)::float AS today_inr,
              COALESCE(sum(cost_usd) FILTER (WHERE COALESCE(market_time, created_at) >= :dayStart
                                             AND COALESCE(market_time, created_at) < :dayEnd), 0)::float AS today_usd
       FROM invocations GROUP BY account_id
     )
     SELECT a.id AS "accountId", l.market_time AS "asOf", l.equity::float AS equity,
            l.realised_pnl::float AS "realisedPnl", l.unrealised_pnl::float AS "unrealisedPnl",
            l.charges::float AS charges, COALESCE(d.max_drawdown, 0) AS "maxDrawdown",
            COALESCE(t.closed, 0) AS "closedTrades", COALESCE(t.wins, 0) AS "winningTrades",
            COALESCE(o.filled, 0) AS "filledOrders", COALESCE(c.cycles, 0) AS cycles,
            COALESCE(i.decisions, 0) AS decisions, COALESCE(i.inr, 0) AS "llmCostInr", COALESCE(i.usd, 0) AS "llmCostUsd",
            COALESCE(i.today_inr, 0) AS "llmCostTodayInr", COALESCE(i.today_usd, 0) AS "llmCostTodayUsd"
     FROM accounts a
     LEFT JOIN latest l ON l.account_id = a.id
     LEFT JOIN drawdowns d ON d.account_id = a.id
     LEFT JOIN trades t ON t.account_id = a.id
     LEFT JOIN orders o ON o.account_id = a.id
     LEFT JOIN cycles c ON c.account_id = a.id
     LEFT JOIN costs i ON i.account_id = a.id
     ORDER BY a.id`,
    { dayStart: today.dayStart, dayEnd: today.dayEnd },
  );
}

/** A round trip: the position opened by one or more fills and closed by a later one. */
export type ClosedTradeRecord = Omit<ClosedTradeRow, 'fillSeq' | 'createdAt'>;

export interface ClosedTradeFilter {
  readonly accountId?: string;
  readonly symbol?: string;
  /** Closed at or after. */
  readonly from?: Date;
  /** Closed before. */
  readonly to?: Date;
}

/** Closed round trips matching the filter, latest close first. */
export function listClosedTrades(
  db: Sequelize,
  filter: ClosedTradeFilter,
  page: Page,
): Promise<Paged<ClosedTradeRecord>> {
  const where = new Where()
    .add('t.account_id = :accountId', { accountId: filter.accountId })
    .add('t.symbol = :symbol', { symbol: filter.symbol })
    .add('t.closed_at >= :from', { from: filter.from })
    .add('t.closed_at < :to', { to: filter.to });
  return selectPage<ClosedTradeRecord>(
    db,
    {
      columns: `t.id, t.account_id AS "accountId", t.symbol, t.direction, t.quantity, t.entry_price AS "entryPrice",
                t.exit_price AS "exitPrice", t.opened_at AS "openedAt", t.closed_at AS "closedAt",
                t.gross_pnl AS "grossPnl", t.charges, t.net_pnl AS "netPnl", t.exit_order_key AS "exitOrderKey",
                t.strategy`,
      from: 'closed_trades t',
      where,
      orderBy: 't.closed_at DESC, t.id DESC',
    },
    page,
  );
}
