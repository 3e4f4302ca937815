import { QueryTypes, type Sequelize } from 'sequelize';
import { type Database } from '../index';

/** A backtest about to run. */
export interface BacktestStart {
  /** Business key of the run (the Temporal workflow id, or the CLI's run id): one row per key. */
  readonly runKey: string;
  readonly name?: string;
  readonly accountId: string;
  /** IST dates, `YYYY-MM-DD`. */
  readonly fromDate: string;
  readonly toDate: string;
  /** `rules`, or the LLM model id. */
  readonly decider: string;
  readonly data: string;
  readonly spec: unknown;
  readonly startedAt: number;
}

/** What a finished backtest keeps in Postgres (JSON columns take plain data). */
export interface BacktestOutcome {
  readonly cycles: number;
  readonly bars: number;
  readonly orders: number;
  readonly tradesCount: number;
  readonly netPnl: number;
  readonly totalReturn: number;
  readonly metrics: unknown;
  readonly dailyEquity: unknown;
  readonly equityCurve: unknown;
  readonly trades: unknown;
  readonly warnings: readonly string[];
  readonly summary: string;
  readonly files?: unknown;
  readonly finishedAt: number;
}

const json = (value: unknown) => JSON.stringify(value ?? null);

/**
 * Backtest runs. `start` is idempotent by run key: a retried run (a Temporal activity attempt, a
 * rerun of the CLI with the same key) resets its own row instead of adding one.
 */
export function backtestRepository(db: Database) {
  const sequelize: Sequelize = db.sequelize;
  const write = (sql: string, replacements: Record<string, unknown>) =>
    sequelize.query(sql, { replacements, type: QueryTypes.UPDATE });

  return {
    /** Opens (or reopens) the run's row as `running`; returns its id. */
    async start(s: BacktestStart): Promise<number> {
      const [row] = await sequelize.query<{ id: number }>(
        `INSERT INTO backtests (run_key, name, account_id, status, from_date, to_date, decider, data, spec, started_at)
         VALUES (:runKey, :name, :accountId, 'running', :fromDate, :toDate, :decider, :data, CAST(:spec AS jsonb), :startedAt)
         ON CONFLICT (run_key) DO UPDATE SET
           name = EXCLUDED.name, account_id = EXCLUDED.account_id, status = 'running',
           from_date = EXCLUDED.from_date, to_date = EXCLUDED.to_date, decider = EXCLUDED.decider,
           data = EXCLUDED.data, spec = EXCLUDED.spec, started_at = EXCLUDED.started_at, progress = 0,
           finished_at = NULL, error = NULL, updated_at = CURRENT_TIMESTAMP
         RETURNING id`,
        {
          replacements: { ...s, name: s.name ?? null, spec: json(s.spec), startedAt: new Date(s.startedAt) },
          type: QueryTypes.SELECT,
        },
      );
      return row!.id;
    },

    /** Share of the cycles done, 0..1. */
    async progress(id: number, fraction: number): Promise<void> {
      await write(`UPDATE backtests SET progress = :fraction, updated_at = CURRENT_TIMESTAMP WHERE id = :id`, {
        id,
        fraction: Math.min(1, Math.max(0, fraction)),
      });
    },

    async complete(id: number, o: BacktestOutcome): Promise<void> {
      await write(
        `UPDATE backtests SET status = 'completed', progress = 1, cycles = :cycles, bars = :bars, orders = :orders,
           trades_count = :tradesCount, net_pnl = :netPnl, total_return = :totalReturn, metrics = CAST(:metrics AS jsonb),
           daily_equity = CAST(:dailyEquity AS jsonb), equity_curve = CAST(:equityCurve AS jsonb),
           trades = CAST(:trades AS jsonb), warnings = CAST(:warnings AS jsonb), summary = :summary,
           files = CAST(:files AS jsonb), error = NULL, finished_at = :finishedAt, updated_at = CURRENT_TIMESTAMP
         WHERE id = :id`,
        {
          ...o,
          id,
          metrics: json(o.metrics),
          dailyEquity: json(o.dailyEquity),
          equityCurve: json(o.equityCurve),
          trades: json(o.trades),
          warnings: json(o.warnings),
          files: json(o.files),
          finishedAt: new Date(o.finishedAt),
        },
      );
    },

    async fail(id: number, error: string, finishedAt: number): Promise<void> {
      await write(
        `UPDATE backtests SET status = 'failed', error = :error, finished_at = :finishedAt, updated_at = CURRENT_TIMESTAMP
         WHERE id = :id`,
        { id, error: error.slice(0, 2_000), finishedAt: new Date(finishedAt) },
      );
    },
  };
}

export type BacktestRepository = ReturnType<typeof backtestRepository>;

/** Cached LLM replies by key (see backtest/llm/cache.ts): first writer wins, entries never change. */
export function llmResponseCacheRepository(db: Database) {
  const { sequelize } = db;
  return {
    async get(key: string): Promise<unknown> {
      const [row] = await sequelize.query<{ response: unknown }>(
        'SELECT response FROM llm_response_cache WHERE key = :key',
        { replacements: { key }, type: QueryTypes.SELECT },
      );
      return row?.response;
    },
    async put(key: string, entry: { model: string; promptVersion: string; response: unknown }): Promise<void> {
      await sequelize.query(
        `INSERT INTO llm_response_cache (key, model, prompt_version, response)
         VALUES (:key, :model, :promptVersion, CAST(:response AS jsonb)) ON CONFLICT (key) DO NOTHING`,
        { replacements: { key, ...entry, response: json(entry.response) }, type: QueryTypes.INSERT },
      );
    },
  };
}
