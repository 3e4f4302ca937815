import { type Sequelize } from 'sequelize';
import { type Page, type Paged, selectOne, selectPage, Where } from './sql';

/** One backtest in a list: what ran, how it ended and its headline numbers. */
export interface BacktestSummaryRecord {
  id: number;
  runKey: string;
  name: string | null;
  accountId: string;
  status: 'running' | 'completed' | 'failed';
  fromDate: string;
  toDate: string;
  decider: string;
  data: string;
  progress: number;
  cycles: number | null;
  orders: number | null;
  tradesCount: number | null;
  netPnl: number | null;
  totalReturn: number | null;
  /** From the metrics: annualised Sharpe ratio and max drawdown (a fraction ≤ 0); null until completed. */
  sharpe: number | null;
  maxDrawdown: number | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  createdAt: Date;
}

/** The whole backtest: spec, metrics, equity curves, trades, warnings, the printed summary, the files. */
export interface BacktestRecord extends BacktestSummaryRecord {
  bars: number | null;
  /** JSON columns, in the shapes backtest/store.ts writes. */
  spec: Record<string, unknown>;
  metrics: Record<string, unknown> | null;
  dailyEquity: unknown[] | null;
  equityCurve: unknown[] | null;
  trades: unknown[] | null;
  warnings: string[] | null;
  summary: string | null;
  files: Record<string, string> | null;
}

const SUMMARY_COLUMNS = `
  b.id, b.run_key AS "runKey", b.name, b.account_id AS "accountId", b.status,
  to_char(b.from_date, 'YYYY-MM-DD') AS "fromDate", to_char(b.to_date, 'YYYY-MM-DD') AS "toDate",
  b.decider, b.data, b.progress, b.cycles, b.orders, b.trades_count AS "tradesCount", b.net_pnl AS "netPnl",
  b.total_return AS "totalReturn", (b.metrics->>'sharpe')::float8 AS sharpe,
  (b.metrics->>'maxDrawdown')::float8 AS "maxDrawdown", b.error, b.started_at AS "startedAt", b.finished_at AS "finishedAt",
  b.created_at AS "createdAt"`;

const DETAIL_COLUMNS = `${SUMMARY_COLUMNS}, b.bars, b.spec, b.metrics, b.daily_equity AS "dailyEquity",
  b.equity_curve AS "equityCurve", b.trades, b.warnings, b.summary, b.files`;

export interface BacktestFilter {
  readonly accountId?: string;
  readonly status?: BacktestSummaryRecord['status'];
}

/** Backtests matching the filter, newest first. */
export function listBacktests(
  db: Sequelize,
  filter: BacktestFilter,
  page: Page,
): Promise<Paged<BacktestSummaryRecord>> {
  const where = new Where()
    .add('b.account_id = :accountId', { accountId: filter.accountId })
    .add('b.status = :status', { status: filter.status });
  return selectPage<BacktestSummaryRecord>(
    db,
    { columns: SUMMARY_COLUMNS, from: 'backtests b', where, orderBy: 'b.created_at DESC, b.id DESC' },
    page,
  );
}

export function getBacktest(db: Sequelize, id: number): Promise<BacktestRecord | null> {
  return selectOne<BacktestRecord>(db, `SELECT ${DETAIL_COLUMNS} FROM backtests b WHERE b.id = :id`, { id });
}

/** The backtest of a run key (the workflow id or CLI run id), or null before its run recorded it. */
export function getBacktestByRunKey(db: Sequelize, runKey: string): Promise<BacktestSummaryRecord | null> {
  return selectOne<BacktestSummaryRecord>(db, `SELECT ${SUMMARY_COLUMNS} FROM backtests b WHERE b.run_key = :runKey`, {
    runKey,
  });
}
