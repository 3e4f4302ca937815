import { DataTypes, literal } from 'sequelize';
import { type Migration } from './types';

/*
 * Backtests and the LLM replies they reuse:
 * - `backtests`: one row per run, keyed by `run_key` (the Temporal workflow id, or the CLI's run id)
 *   so a retried run rewrites its own row. The spec, the metrics, the daily and per-cycle equity
 *   (downsampled), the trades and the printed summary are kept for the API and the dashboard; the
 *   report files (CSV, PNG, HTML) stay on disk, their paths in `files`.
 * - `llm_response_cache`: chat-completion replies by sha256 of (model, prompt version, request), so a
 *   rerun asks the model nothing.
 */
export const backtests: Migration = {
  name: '0005-backtests',
  async up({ queryInterface: qi }) {
    const json = (allowNull = true) => ({ type: DataTypes.JSONB, allowNull });
    const now = () => ({ type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') });
    await qi.createTable('backtests', {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      run_key: { type: DataTypes.STRING(120), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(100) },
      /** The account the spec describes (not a foreign key: a backtest may try an account not yet created). */
      account_id: { type: DataTypes.STRING(12), allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false },
      from_date: { type: DataTypes.DATEONLY, allowNull: false },
      to_date: { type: DataTypes.DATEONLY, allowNull: false },
      /** `rules` or the LLM model id. */
      decider: { type: DataTypes.STRING(100), allowNull: false },
      data: { type: DataTypes.STRING(500), allowNull: false },
      spec: json(false),
      progress: { type: DataTypes.DECIMAL(5, 4), allowNull: false, defaultValue: 0 },
      cycles: { type: DataTypes.INTEGER },
      bars: { type: DataTypes.INTEGER },
      orders: { type: DataTypes.INTEGER },
      trades_count: { type: DataTypes.INTEGER },
      net_pnl: { type: DataTypes.DECIMAL(18, 4) },
      total_return: { type: DataTypes.DECIMAL(12, 8) },
      metrics: json(),
      /** `[{ date, equity }]`, one per session. */
      daily_equity: json(),
      /** `[{ time, equity, drawdown }]`, at most a few thousand points. */
      equity_curve: json(),
      trades: json(),
      warnings: json(),
      summary: { type: DataTypes.TEXT },
      files: json(),
      error: { type: DataTypes.TEXT },
      started_at: { type: DataTypes.DATE, allowNull: false },
      finished_at: { type: DataTypes.DATE },
      created_at: now(),
      updated_at: now(),
    });
    await qi.addIndex('backtests', ['account_id', 'created_at'], { name: 'backtests_account_created_idx' });
    await qi.sequelize.query(
      "ALTER TABLE backtests ADD CONSTRAINT backtests_status_check CHECK (status IN ('running', 'completed', 'failed'))",
    );

    await qi.createTable('llm_response_cache', {
      key: { type: DataTypes.STRING(64), primaryKey: true },
      model: { type: DataTypes.STRING(100), allowNull: false },
      prompt_version: { type: DataTypes.STRING(32), allowNull: false },
      response: json(false),
      created_at: now(),
    });
  },

  async down({ queryInterface: qi }) {
    await qi.dropTable('llm_response_cache');
    await qi.dropTable('backtests');
  },
};
