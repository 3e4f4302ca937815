import { type Sequelize } from 'sequelize';
import { select, selectOne } from './sql';

/** The account's books after one cycle. */
export interface SnapshotRecord {
  accountId: string;
  marketTime: Date;
  cash: number;
  equity: number;
  realisedPnl: number;
  unrealisedPnl: number;
  charges: number;
  peakEquity: number;
  drawdown: number;
}

export interface PositionRecord {
  symbol: string;
  quantity: number;
  avgPrice: number;
  realisedPnl: number;
  stopLoss: number | null;
  takeProfit: number | null;
  strategy: string | null;
  openedAt: Date | null;
}

const SNAPSHOT_COLUMNS = `
  s.account_id AS "accountId", s.market_time AS "marketTime", s.cash, s.equity, s.realised_pnl AS "realisedPnl",
  s.unrealised_pnl AS "unrealisedPnl", s.charges, s.peak_equity AS "peakEquity", s.drawdown`;

/** The newest snapshot of an account, if it has run at least one cycle. */
export function latestSnapshot(db: Sequelize, accountId: string): Promise<SnapshotRecord | null> {
  return selectOne<SnapshotRecord>(
    db,
    `SELECT ${SNAPSHOT_COLUMNS} FROM portfolio_snapshots s WHERE s.account_id = :accountId
     ORDER BY s.market_time DESC LIMIT 1`,
    { accountId },
  );
}

/** The newest snapshot strictly before `before`: the books as the previous session ended. */
export function snapshotBefore(db: Sequelize, accountId: string, before: Date): Promise<SnapshotRecord | null> {
  return selectOne<SnapshotRecord>(
    db,
    `SELECT ${SNAPSHOT_COLUMNS} FROM portfolio_snapshots s WHERE s.account_id = :accountId AND s.market_time < :before
     ORDER BY s.market_time DESC LIMIT 1`,
    { accountId, before },
  );
}

/** Open positions (non-zero quantity) of an account, by symbol. */
export function openPositions(db: Sequelize, accountId: string): Promise<PositionRecord[]> {
  return select<PositionRecord>(
    db,
    `SELECT p.symbol, p.quantity, p.avg_price AS "avgPrice", p.realised_pnl AS "realisedPnl", p.stop_loss AS "stopLoss",
            p.take_profit AS "takeProfit", p.strategy, p.opened_at AS "openedAt"
     FROM positions p WHERE p.account_id = :accountId AND p.quantity <> 0 ORDER BY p.symbol`,
    { accountId },
  );
}

export interface EquityPointRecord {
  accountId: string;
  marketTime: Date;
  equity: number;
  cash: number;
  drawdown: number;
}

/**
 * Equity over time of each account, for the leaderboard chart: at most about `maxPoints` points per
 * account, evenly thinned over [from, to), always keeping the newest. Oldest first.
 */
export function equitySeries(
  db: Sequelize,
  range: { from?: Date; to?: Date; accountId?: string },
  maxPoints: number,
): Promise<EquityPointRecord[]> {
  return select<EquityPointRecord>(
    db,
    `WITH s AS (
       SELECT s.account_id, s.market_time, s.equity, s.cash, s.drawdown,
              row_number() OVER (PARTITION BY s.account_id ORDER BY s.market_time) AS n,
              count(*) OVER (PARTITION BY s.account_id) AS total
       FROM portfolio_snapshots s
       WHERE (CAST(:from AS timestamptz) IS NULL OR s.market_time >= :from)
         AND (CAST(:to AS timestamptz) IS NULL OR s.market_time < :to)
         AND (CAST(:accountId AS varchar) IS NULL OR s.account_id = :accountId)
     )
     SELECT account_id AS "accountId", market_time AS "marketTime", equity, cash, drawdown FROM s
     WHERE (n - 1) % GREATEST(1, CEIL(total::numeric / :maxPoints))::int = 0 OR n = total
     ORDER BY account_id, market_time`,
    { from: range.from ?? null, to: range.to ?? null, accountId: range.accountId ?? null, maxPoints },
  );
}

/** Latest equity of every account that has a snapshot, for the metrics. */
export function latestEquities(db: Sequelize): Promise<{ accountId: string; equity: number; drawdown: number }[]> {
  return select(
    db,
    `SELECT DISTINCT ON (s.account_id) s.account_id AS "accountId", s.equity, s.drawdown
     FROM portfolio_snapshots s ORDER BY s.account_id, s.market_time DESC`,
  );
}
