import { DataTypes, literal } from 'sequelize';
import { type Migration } from './types';

/*
 * The desk's ledger of record. Conventions:
 * - money and prices are NUMERIC(18,4) rupees; quantities are whole shares (INTEGER);
 * - every row a retried activity may write has a natural unique key, so writes are idempotent upserts;
 * - times are TIMESTAMPTZ (UTC); market time is the bar-close instant the cycle ran for.
 */
const money = () => ({ type: DataTypes.DECIMAL(18, 4), allowNull: false, defaultValue: 0 });
const price = (allowNull = true) => ({ type: DataTypes.DECIMAL(18, 4), allowNull });
const timestamps = () => ({
  created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
  updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
});
const id = () => ({ type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true });
const ref = (table: string, onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT', allowNull = false) => ({
  type: table === 'accounts' ? DataTypes.STRING(12) : table === 'stocks' ? DataTypes.STRING(20) : DataTypes.BIGINT,
  allowNull,
  references: { model: table, key: table === 'stocks' ? 'symbol' : 'id' },
  onDelete,
  onUpdate: 'CASCADE',
});

const TABLES = [
  'risk_events',
  'portfolio_snapshots',
  'positions',
  'fills',
  'orders',
  'invocations',
  'signals',
  'cycles',
  'accounts',
  'stocks',
];

export const initialSchema: Migration = {
  name: '0001-initial-schema',
  async up({ queryInterface: qi }) {
    await qi.createTable('stocks', {
      symbol: { type: DataTypes.STRING(20), primaryKey: true },
      security_id: { type: DataTypes.STRING(20), allowNull: false },
      exchange_segment: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(120), allowNull: false },
      tick_size: { type: DataTypes.DECIMAL(10, 4), allowNull: false },
      lot_size: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      ...timestamps(),
    });
    await qi.addConstraint('stocks', {
      type: 'unique',
      fields: ['exchange_segment', 'security_id'],
      name: 'stocks_segment_security_id_key',
    });

    await qi.createTable('accounts', {
      id: { type: DataTypes.STRING(12), primaryKey: true },
      name: { type: DataTypes.STRING(60), allowNull: false },
      model: { type: DataTypes.STRING(100), allowNull: false },
      capital_share_pct: { type: DataTypes.DECIMAL(7, 4), allowNull: false },
      allocated_capital: money(),
      stocks: { type: DataTypes.ARRAY(DataTypes.STRING(20)), allowNull: false },
      strategies: { type: DataTypes.ARRAY(DataTypes.STRING(16)), allowNull: false },
      mode: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'paper' },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'created' },
      risk_state: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'ACTIVE' },
      risk_limits: { type: DataTypes.JSONB, allowNull: false },
      ...timestamps(),
    });

    await qi.createTable('cycles', {
      id: id(),
      account_id: ref('accounts', 'CASCADE'),
      workflow_id: { type: DataTypes.STRING(100), allowNull: false, unique: true },
      run_id: { type: DataTypes.STRING(64) },
      market_time: { type: DataTypes.DATE, allowNull: false },
      started_at: { type: DataTypes.DATE, allowNull: false },
      finished_at: { type: DataTypes.DATE },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'running' },
      step_timings: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      decision: { type: DataTypes.TEXT },
      orders_placed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      error: { type: DataTypes.TEXT },
      ...timestamps(),
    });
    // Not unique: a manual trade or a flatten runs as a cycle of its own at a tick's market time.
    await qi.addIndex('cycles', ['account_id', 'market_time'], { name: 'cycles_account_market_time_idx' });

    await qi.createTable('signals', {
      id: id(),
      account_id: ref('accounts', 'CASCADE'),
      cycle_id: ref('cycles', 'CASCADE', true),
      symbol: ref('stocks', 'RESTRICT'),
      strategy: { type: DataTypes.STRING(16), allowNull: false },
      timeframe: { type: DataTypes.STRING(4), allowNull: false },
      kind: { type: DataTypes.STRING(8), allowNull: false },
      side: { type: DataTypes.STRING(4), allowNull: false },
      strength: { type: DataTypes.DECIMAL(6, 4), allowNull: false },
      entry: price(false),
      stop: price(false),
      target: price(),
      reason: { type: DataTypes.TEXT, allowNull: false },
      market_time: { type: DataTypes.DATE, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });
    await qi.addIndex('signals', ['cycle_id', 'symbol', 'strategy', 'timeframe', 'kind', 'side'], {
      unique: true,
      name: 'signals_natural_key',
    });

    await qi.createTable('invocations', {
      id: id(),
      /** `<cycle workflow id>/decide`: a retried activity overwrites its own row. */
      invocation_key: { type: DataTypes.STRING(140), allowNull: false, unique: true },
      account_id: ref('accounts', 'CASCADE'),
      cycle_id: ref('cycles', 'CASCADE', true),
      decider: { type: DataTypes.STRING(10), allowNull: false },
      model: { type: DataTypes.STRING(100), allowNull: false },
      prompt_version: { type: DataTypes.STRING(32), allowNull: false },
      messages: { type: DataTypes.JSONB, allowNull: false },
      tools: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      raw_response: { type: DataTypes.JSONB },
      tool_calls: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      input_tokens: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      output_tokens: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      cost_usd: { type: DataTypes.DECIMAL(14, 6), allowNull: false, defaultValue: 0 },
      cost_inr: { type: DataTypes.DECIMAL(14, 4), allowNull: false, defaultValue: 0 },
      latency_ms: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      error: { type: DataTypes.TEXT },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });

    await qi.createTable('orders', {
      id: id(),
      /** The idempotency key of the decision, also sent to Dhan as `correlationId` (≤ 30 chars). */
      correlation_id: { type: DataTypes.STRING(30), allowNull: false, unique: true },
      broker_order_id: { type: DataTypes.STRING(40) },
      account_id: ref('accounts', 'RESTRICT'),
      cycle_id: ref('cycles', 'SET NULL', true),
      symbol: ref('stocks', 'RESTRICT'),
      side: { type: DataTypes.STRING(4), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      order_type: { type: DataTypes.STRING(20), allowNull: false },
      product: { type: DataTypes.STRING(10), allowNull: false },
      price: price(),
      trigger_price: price(),
      stop_loss: price(),
      take_profit: price(),
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'NEW' },
      filled_quantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      average_price: price(),
      rejection_reason: { type: DataTypes.TEXT },
      source: { type: DataTypes.STRING(10), allowNull: false },
      strategy: { type: DataTypes.STRING(16) },
      reason: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      placed_at: { type: DataTypes.DATE },
      completed_at: { type: DataTypes.DATE },
      ...timestamps(),
    });
    await qi.addIndex('orders', ['account_id', 'created_at'], { name: 'orders_account_created_idx' });
    await qi.addIndex('orders', ['broker_order_id'], { name: 'orders_broker_order_id_idx' });

    await qi.createTable('fills', {
      id: id(),
      order_id: ref('orders', 'CASCADE'),
      /** The broker's trade id: one row per execution, so re-reading the trade book is idempotent. */
      trade_id: { type: DataTypes.STRING(40), allowNull: false },
      account_id: ref('accounts', 'RESTRICT'),
      symbol: ref('stocks', 'RESTRICT'),
      side: { type: DataTypes.STRING(4), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      price: price(false),
      brokerage: money(),
      stt: money(),
      exchange_charge: money(),
      sebi_fee: money(),
      stamp_duty: money(),
      gst: money(),
      total_charges: money(),
      filled_at: { type: DataTypes.DATE, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });
    await qi.addIndex('fills', ['order_id', 'trade_id'], { unique: true, name: 'fills_order_trade_key' });

    await qi.createTable('positions', {
      account_id: { ...ref('accounts', 'CASCADE'), primaryKey: true },
      symbol: { ...ref('stocks', 'RESTRICT'), primaryKey: true },
      quantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      avg_price: money(),
      realised_pnl: money(),
      stop_loss: price(),
      take_profit: price(),
      strategy: { type: DataTypes.STRING(16) },
      opened_at: { type: DataTypes.DATE },
      ...timestamps(),
    });

    await qi.createTable('portfolio_snapshots', {
      id: id(),
      account_id: ref('accounts', 'CASCADE'),
      cycle_id: ref('cycles', 'SET NULL', true),
      market_time: { type: DataTypes.DATE, allowNull: false },
      cash: money(),
      equity: money(),
      realised_pnl: money(),
      unrealised_pnl: money(),
      charges: money(),
      peak_equity: money(),
      /** Fraction below the peak, 0..1. */
      drawdown: { type: DataTypes.DECIMAL(9, 6), allowNull: false, defaultValue: 0 },
      positions: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });
    await qi.addIndex('portfolio_snapshots', ['account_id', 'market_time'], {
      unique: true,
      name: 'portfolio_snapshots_account_market_time_key',
    });

    await qi.createTable('risk_events', {
      id: id(),
      /** Natural key of the event (e.g. `<correlation id>/<rule>`), so a retried write is a no-op. */
      event_key: { type: DataTypes.STRING(140), allowNull: false, unique: true },
      account_id: ref('accounts', 'CASCADE'),
      cycle_id: ref('cycles', 'SET NULL', true),
      correlation_id: { type: DataTypes.STRING(30) },
      rule: { type: DataTypes.STRING(40), allowNull: false },
      verdict: { type: DataTypes.STRING(10), allowNull: false },
      detail: { type: DataTypes.TEXT, allowNull: false },
      proposal: { type: DataTypes.JSONB },
      market_time: { type: DataTypes.DATE, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
    });
    await qi.addIndex('risk_events', ['account_id', 'created_at'], { name: 'risk_events_account_created_idx' });

    // Domain checks the database enforces whatever the application does.
    const checks: [string, string, string][] = [
      ['accounts', 'accounts_mode_check', "mode IN ('paper', 'live')"],
      ['accounts', 'accounts_status_check', "status IN ('created', 'running', 'paused', 'stopped', 'killed')"],
      ['accounts', 'accounts_risk_state_check', "risk_state IN ('ACTIVE', 'REDUCING', 'HALTED')"],
      ['accounts', 'accounts_capital_share_check', 'capital_share_pct > 0 AND capital_share_pct <= 100'],
      ['orders', 'orders_side_check', "side IN ('BUY', 'SELL')"],
      ['orders', 'orders_quantity_check', 'quantity > 0 AND filled_quantity >= 0 AND filled_quantity <= quantity'],
      ['orders', 'orders_correlation_id_check', "correlation_id ~ '^[A-Za-z0-9_-]{1,30}$'"],
      ['fills', 'fills_quantity_check', 'quantity > 0 AND price > 0 AND total_charges >= 0'],
      ['signals', 'signals_side_check', "side IN ('BUY', 'SELL')"],
    ];
    for (const [table, name, expr] of checks) {
      await qi.sequelize.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${expr})`);
    }
  },

  async down({ queryInterface: qi }) {
    for (const table of TABLES) await qi.dropTable(table);
  },
};
