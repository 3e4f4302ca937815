import { DataTypes, literal } from 'sequelize';
import { type Migration } from './types';

/*
 * What the cycles need beyond the initial ledger tables:
 * - `candles`: the bars each cycle decided on (closed bars only), so decisions can be audited and
 *   replayed, and the dashboard and backtests read the same data;
 * - `account_ledgers`: each account's virtual sub-ledger (core/ledger) as JSON, advanced only by new
 *   fills inside one transaction with their insert, so a retried reconciliation never counts a fill twice;
 * - `closed_trades`: round trips closed by fills, for P&L, win rate and the trades views;
 * - invocations carry the whole audit record of the LLM layer (llm/audit.ts): market time, why the
 *   tool loop stopped, the proposals, and fallback/budget/notes details; rules decisions have no model.
 */
export const marketDataAndLedgers: Migration = {
  name: '0003-market-data-and-ledgers',
  async up({ queryInterface: qi }) {
    const price = () => ({ type: DataTypes.DECIMAL(18, 4), allowNull: false });
    await qi.createTable('candles', {
      symbol: {
        type: DataTypes.STRING(20),
        primaryKey: true,
        references: { model: 'stocks', key: 'symbol' },
        onDelete: 'CASCADE',
      },
      timeframe: { type: DataTypes.STRING(4), primaryKey: true },
      /** Bar start. */
      time: { type: DataTypes.DATE, primaryKey: true },
      open: price(),
      high: price(),
      low: price(),
      close: price(),
      volume: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });

    await qi.createTable('account_ledgers', {
      account_id: {
        type: DataTypes.STRING(12),
        primaryKey: true,
        references: { model: 'accounts', key: 'id' },
        onDelete: 'CASCADE',
      },
      ledger: { type: DataTypes.JSONB, allowNull: false },
      fill_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });

    await qi.createTable('closed_trades', {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      account_id: {
        type: DataTypes.STRING(12),
        allowNull: false,
        references: { model: 'accounts', key: 'id' },
        onDelete: 'CASCADE',
      },
      symbol: { type: DataTypes.STRING(20), allowNull: false, references: { model: 'stocks', key: 'symbol' } },
      direction: { type: DataTypes.STRING(5), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      entry_price: price(),
      exit_price: price(),
      opened_at: { type: DataTypes.DATE, allowNull: false },
      closed_at: { type: DataTypes.DATE, allowNull: false },
      gross_pnl: price(),
      charges: price(),
      net_pnl: price(),
      /** The order whose fill closed it; with the account's fill sequence it keys the row. */
      exit_order_key: { type: DataTypes.STRING(30), allowNull: false },
      fill_seq: { type: DataTypes.INTEGER, allowNull: false },
      strategy: { type: DataTypes.STRING(16) },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });
    await qi.addIndex('closed_trades', ['account_id', 'fill_seq', 'symbol'], {
      unique: true,
      name: 'closed_trades_natural_key',
    });
    await qi.sequelize.query(
      "ALTER TABLE closed_trades ADD CONSTRAINT closed_trades_direction_check CHECK (direction IN ('LONG', 'SHORT'))",
    );
    await qi.sequelize.query(
      'ALTER TABLE candles ADD CONSTRAINT candles_ohlc_check CHECK (high >= low AND volume >= 0)',
    );

    await qi.changeColumn('invocations', 'model', { type: DataTypes.STRING(100), allowNull: true });
    await qi.changeColumn('invocations', 'prompt_version', { type: DataTypes.STRING(32), allowNull: true });
    await qi.addColumn('invocations', 'market_time', { type: DataTypes.DATE, allowNull: true });
    await qi.addColumn('invocations', 'stop_reason', { type: DataTypes.STRING(16), allowNull: true });
    await qi.addColumn('invocations', 'proposals', { type: DataTypes.JSONB, allowNull: false, defaultValue: [] });
    /** Fallback, budget event, notes and the cost source: the rest of the audit record. */
    await qi.addColumn('invocations', 'details', { type: DataTypes.JSONB, allowNull: false, defaultValue: {} });
    await qi.addIndex('invocations', ['account_id', 'created_at'], { name: 'invocations_account_created_idx' });
  },

  async down({ queryInterface: qi }) {
    await qi.removeIndex('invocations', 'invocations_account_created_idx');
    for (const column of ['details', 'proposals', 'stop_reason', 'market_time'])
      await qi.removeColumn('invocations', column);
    await qi.sequelize.query(
      "UPDATE invocations SET model = COALESCE(model, ''), prompt_version = COALESCE(prompt_version, '')",
    );
    await qi.changeColumn('invocations', 'prompt_version', { type: DataTypes.STRING(32), allowNull: false });
    await qi.changeColumn('invocations', 'model', { type: DataTypes.STRING(100), allowNull: false });
    for (const table of ['closed_trades', 'account_ledgers', 'candles']) await qi.dropTable(table);
  },
};
