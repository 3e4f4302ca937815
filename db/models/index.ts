import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/*
 * Sequelize models, built by a factory per Sequelize instance (a class model can be bound to only
 * one instance, which breaks tests that use several databases in one process). Attribute types are
 * the rows as the repositories hand them out: plain data, camelCase, numbers for money.
 * The schema itself is owned by the migrations; these definitions must match them.
 */

/** A model whose instances (and `raw: true` rows) expose the attributes as typed properties. */
type Row<A extends object, Optional_ extends keyof A = never> = ModelStatic<Model<A, Optional<A, Optional_>> & A>;
type Timestamps = { createdAt: Date; updatedAt: Date };

export interface StockRow extends Timestamps {
  symbol: string;
  securityId: string;
  exchangeSegment: string;
  name: string;
  tickSize: number;
  lotSize: number;
}

export type AccountStatus = 'created' | 'running' | 'paused' | 'stopped' | 'killed';

export interface AccountRow extends Timestamps {
  id: string;
  name: string;
  model: string;
  capitalSharePct: number;
  allocatedCapital: number;
  stocks: string[];
  strategies: string[];
  mode: 'paper' | 'live';
  status: AccountStatus;
  riskState: 'ACTIVE' | 'REDUCING' | 'HALTED';
  riskLimits: Record<string, unknown>;
}

export interface CycleRow extends Timestamps {
  id: number;
  accountId: string;
  workflowId: string;
  runId: string | null;
  marketTime: Date;
  startedAt: Date;
  finishedAt: Date | null;
  status: 'running' | 'completed' | 'failed' | 'skipped';
  stepTimings: Record<string, number>;
  decision: string | null;
  ordersPlaced: number;
  error: string | null;
}

export interface SignalRow {
  id: number;
  accountId: string;
  cycleId: number | null;
  symbol: string;
  strategy: string;
  timeframe: string;
  kind: 'entry' | 'exit';
  side: 'BUY' | 'SELL';
  strength: number;
  entry: number;
  stop: number;
  target: number | null;
  reason: string;
  marketTime: Date;
  createdAt: Date;
}

export interface InvocationRow {
  id: number;
  invocationKey: string;
  accountId: string;
  cycleId: number | null;
  decider: 'llm' | 'rules' | 'fallback' | 'manual' | 'protect';
  model: string | null;
  promptVersion: string | null;
  marketTime: Date | null;
  stopReason: string | null;
  proposals: unknown[];
  details: Record<string, unknown>;
  messages: unknown[];
  tools: unknown[];
  rawResponse: unknown;
  toolCalls: unknown[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  costInr: number;
  latencyMs: number;
  error: string | null;
  createdAt: Date;
}

export type OrderStatus =
  'NEW' | 'TRANSIT' | 'PENDING' | 'PART_TRADED' | 'TRADED' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';

export interface OrderRow extends Timestamps {
  id: number;
  correlationId: string;
  brokerOrderId: string | null;
  accountId: string;
  cycleId: number | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  orderType: string;
  product: string;
  price: number | null;
  triggerPrice: number | null;
  stopLoss: number | null;
  takeProfit: number | null;
  status: OrderStatus;
  filledQuantity: number;
  averagePrice: number | null;
  rejectionReason: string | null;
  source: string;
  strategy: string | null;
  reason: string;
  placedAt: Date | null;
  completedAt: Date | null;
}

export interface FillRow {
  id: number;
  orderId: number;
  tradeId: string;
  accountId: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  price: number;
  brokerage: number;
  stt: number;
  exchangeCharge: number;
  sebiFee: number;
  stampDuty: number;
  gst: number;
  totalCharges: number;
  filledAt: Date;
  createdAt: Date;
}

export interface PositionRow extends Timestamps {
  accountId: string;
  symbol: string;
  quantity: number;
  avgPrice: number;
  realisedPnl: number;
  stopLoss: number | null;
  takeProfit: number | null;
  strategy: string | null;
  openedAt: Date | null;
}

export interface PortfolioSnapshotRow {
  id: number;
  accountId: string;
  cycleId: number | null;
  marketTime: Date;
  cash: number;
  equity: number;
  realisedPnl: number;
  unrealisedPnl: number;
  charges: number;
  peakEquity: number;
  drawdown: number;
  positions: unknown[];
  createdAt: Date;
}

export interface RiskEventRow {
  id: number;
  eventKey: string;
  accountId: string;
  cycleId: number | null;
  correlationId: string | null;
  rule: string;
  verdict: string;
  detail: string;
  proposal: unknown;
  marketTime: Date;
  createdAt: Date;
}

export interface CandleRow {
  symbol: string;
  timeframe: string;
  time: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  createdAt: Date;
}

export interface AccountLedgerRow {
  accountId: string;
  /** A core/ledger `Ledger`, as JSON. */
  ledger: unknown;
  fillCount: number;
  updatedAt: Date;
}

export interface ClosedTradeRow {
  id: number;
  accountId: string;
  symbol: string;
  direction: 'LONG' | 'SHORT';
  quantity: number;
  entryPrice: number;
  exitPrice: number;
  openedAt: Date;
  closedAt: Date;
  grossPnl: number;
  charges: number;
  netPnl: number;
  exitOrderKey: string;
  fillSeq: number;
  strategy: string | null;
  createdAt: Date;
}

export interface Models {
  Stock: Row<StockRow, 'createdAt' | 'updatedAt' | 'lotSize'>;
  Account: Row<AccountRow, 'createdAt' | 'updatedAt' | 'status' | 'riskState' | 'mode'>;
  Cycle: Row<
    CycleRow,
    | 'id'
    | 'createdAt'
    | 'updatedAt'
    | 'runId'
    | 'finishedAt'
    | 'status'
    | 'stepTimings'
    | 'decision'
    | 'ordersPlaced'
    | 'error'
  >;
  Signal: Row<SignalRow, 'id' | 'createdAt' | 'cycleId' | 'target'>;
  Invocation: Row<
    InvocationRow,
    | 'id'
    | 'createdAt'
    | 'cycleId'
    | 'model'
    | 'promptVersion'
    | 'marketTime'
    | 'stopReason'
    | 'proposals'
    | 'details'
    | 'tools'
    | 'rawResponse'
    | 'toolCalls'
    | 'inputTokens'
    | 'outputTokens'
    | 'costUsd'
    | 'costInr'
    | 'latencyMs'
    | 'error'
  >;
  Order: Row<
    OrderRow,
    | 'id'
    | 'createdAt'
    | 'updatedAt'
    | 'brokerOrderId'
    | 'cycleId'
    | 'price'
    | 'triggerPrice'
    | 'stopLoss'
    | 'takeProfit'
    | 'status'
    | 'filledQuantity'
    | 'averagePrice'
    | 'rejectionReason'
    | 'strategy'
    | 'reason'
    | 'placedAt'
    | 'completedAt'
  >;
  Fill: Row<FillRow, 'id' | 'createdAt'>;
  Position: Row<
    PositionRow,
    'createdAt' | 'updatedAt' | 'realisedPnl' | 'stopLoss' | 'takeProfit' | 'strategy' | 'openedAt'
  >;
  PortfolioSnapshot: Row<PortfolioSnapshotRow, 'id' | 'createdAt' | 'cycleId' | 'positions'>;
  RiskEvent: Row<RiskEventRow, 'id' | 'createdAt' | 'cycleId' | 'correlationId' | 'proposal'>;
  Candle: Row<CandleRow, 'createdAt'>;
  AccountLedger: Row<AccountLedgerRow, 'updatedAt' | 'fillCount'>;
  ClosedTrade: Row<ClosedTradeRow, 'id' | 'createdAt' | 'strategy'>;
}

// Factories, not shared objects: Sequelize writes `field` names into each attribute definition.
const money = () => ({ type: DataTypes.DECIMAL(18, 4), allowNull: false, defaultValue: 0 });
const price = (allowNull = true) => ({ type: DataTypes.DECIMAL(18, 4), allowNull });
const bigId = () => ({ type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true });
const createdOnly = { timestamps: true, updatedAt: false } as const;

/** Defines every model on `sequelize` and returns them. Call once per Sequelize instance. */
export function defineModels(sequelize: Sequelize): Models {
  const Stock = sequelize.define(
    'Stock',
    {
      symbol: { type: DataTypes.STRING(20), primaryKey: true },
      securityId: { type: DataTypes.STRING(20), allowNull: false },
      exchangeSegment: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(120), allowNull: false },
      tickSize: { type: DataTypes.DECIMAL(10, 4), allowNull: false },
      lotSize: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    },
    { tableName: 'stocks' },
  ) as Models['Stock'];

  const Account = sequelize.define(
    'Account',
    {
      id: { type: DataTypes.STRING(12), primaryKey: true },
      name: { type: DataTypes.STRING(60), allowNull: false },
      model: { type: DataTypes.STRING(100), allowNull: false },
      capitalSharePct: { type: DataTypes.DECIMAL(7, 4), allowNull: false },
      allocatedCapital: money(),
      stocks: { type: DataTypes.ARRAY(DataTypes.STRING(20)), allowNull: false },
      strategies: { type: DataTypes.ARRAY(DataTypes.STRING(16)), allowNull: false },
      mode: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'paper' },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'created' },
      riskState: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'ACTIVE' },
      riskLimits: { type: DataTypes.JSONB, allowNull: false },
    },
    { tableName: 'accounts' },
  ) as Models['Account'];

  const Cycle = sequelize.define(
    'Cycle',
    {
      id: bigId(),
      accountId: { type: DataTypes.STRING(12), allowNull: false },
      workflowId: { type: DataTypes.STRING(100), allowNull: false, unique: true },
      runId: { type: DataTypes.STRING(64) },
      marketTime: { type: DataTypes.DATE, allowNull: false },
      startedAt: { type: DataTypes.DATE, allowNull: false },
      finishedAt: { type: DataTypes.DATE },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'running' },
      stepTimings: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      decision: { type: DataTypes.TEXT },
      ordersPlaced: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      error: { type: DataTypes.TEXT },
    },
    { tableName: 'cycles' },
  ) as Models['Cycle'];

  const Signal = sequelize.define(
    'Signal',
    {
      id: bigId(),
      accountId: { type: DataTypes.STRING(12), allowNull: false },
      cycleId: { type: DataTypes.BIGINT },
      symbol: { type: DataTypes.STRING(20), allowNull: false },
      strategy: { type: DataTypes.STRING(16), allowNull: false },
      timeframe: { type: DataTypes.STRING(4), allowNull: false },
      kind: { type: DataTypes.STRING(8), allowNull: false },
      side: { type: DataTypes.STRING(4), allowNull: false },
      strength: { type: DataTypes.DECIMAL(6, 4), allowNull: false },
      entry: price(false),
      stop: price(false),
      target: price(),
      reason: { type: DataTypes.TEXT, allowNull: false },
      marketTime: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'signals', ...createdOnly },
  ) as Models['Signal'];

  const Invocation = sequelize.define(
    'Invocation',
    {
      id: bigId(),
      invocationKey: { type: DataTypes.STRING(140), allowNull: false, unique: true },
      accountId: { type: DataTypes.STRING(12), allowNull: false },
      cycleId: { type: DataTypes.BIGINT },
      decider: { type: DataTypes.STRING(10), allowNull: false },
      model: { type: DataTypes.STRING(100) },
      promptVersion: { type: DataTypes.STRING(32) },
      marketTime: { type: DataTypes.DATE },
      stopReason: { type: DataTypes.STRING(16) },
      proposals: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      details: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      messages: { type: DataTypes.JSONB, allowNull: false },
      tools: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      rawResponse: { type: DataTypes.JSONB },
      toolCalls: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      inputTokens: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      outputTokens: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      costUsd: { type: DataTypes.DECIMAL(14, 6), allowNull: false, defaultValue: 0 },
      costInr: { type: DataTypes.DECIMAL(14, 4), allowNull: false, defaultValue: 0 },
      latencyMs: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      error: { type: DataTypes.TEXT },
    },
    { tableName: 'invocations', ...createdOnly },
  ) as Models['Invocation'];

  const Order = sequelize.define(
    'Order',
    {
      id: bigId(),
      correlationId: { type: DataTypes.STRING(30), allowNull: false, unique: true },
      brokerOrderId: { type: DataTypes.STRING(40) },
      accountId: { type: DataTypes.STRING(12), allowNull: false },
      cycleId: { type: DataTypes.BIGINT },
      symbol: { type: DataTypes.STRING(20), allowNull: false },
      side: { type: DataTypes.STRING(4), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      orderType: { type: DataTypes.STRING(20), allowNull: false },
      product: { type: DataTypes.STRING(10), allowNull: false },
      price: price(),
      triggerPrice: price(),
      stopLoss: price(),
      takeProfit: price(),
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'NEW' },
      filledQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      averagePrice: price(),
      rejectionReason: { type: DataTypes.TEXT },
      source: { type: DataTypes.STRING(10), allowNull: false },
      strategy: { type: DataTypes.STRING(16) },
      reason: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      placedAt: { type: DataTypes.DATE },
      completedAt: { type: DataTypes.DATE },
    },
    { tableName: 'orders' },
  ) as Models['Order'];

  const Fill = sequelize.define(
    'Fill',
    {
      id: bigId(),
      orderId: { type: DataTypes.BIGINT, allowNull: false },
      tradeId: { type: DataTypes.STRING(40), allowNull: false },
      accountId: { type: DataTypes.STRING(12), allowNull: false },
      symbol: { type: DataTypes.STRING(20), allowNull: false },
      side: { type: DataTypes.STRING(4), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      price: price(false),
      brokerage: money(),
      stt: money(),
      exchangeCharge: money(),
      sebiFee: money(),
      stampDuty: money(),
      gst: money(),
      totalCharges: money(),
      filledAt: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'fills', ...createdOnly },
  ) as Models['Fill'];

  const Position = sequelize.define(
    'Position',
    {
      accountId: { type: DataTypes.STRING(12), primaryKey: true },
      symbol: { type: DataTypes.STRING(20), primaryKey: true },
      quantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      avgPrice: money(),
      realisedPnl: money(),
      stopLoss: price(),
      takeProfit: price(),
      strategy: { type: DataTypes.STRING(16) },
      openedAt: { type: DataTypes.DATE },
    },
    { tableName: 'positions' },
  ) as Models['Position'];

  const PortfolioSnapshot = sequelize.define(
    'PortfolioSnapshot',
    {
      id: bigId(),
      accountId: { type: DataTypes.STRING(12), allowNull: false },
      cycleId: { type: DataTypes.BIGINT },
      marketTime: { type: DataTypes.DATE, allowNull: false },
      cash: money(),
      equity: money(),
      realisedPnl: money(),
      unrealisedPnl: money(),
      charges: money(),
      peakEquity: money(),
      drawdown: { type: DataTypes.DECIMAL(9, 6), allowNull: false, defaultValue: 0 },
      positions: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
    },
    { tableName: 'portfolio_snapshots', ...createdOnly },
  ) as Models['PortfolioSnapshot'];

  const RiskEvent = sequelize.define(
    'RiskEvent',
    {
      id: bigId(),
      eventKey: { type: DataTypes.STRING(140), allowNull: false, unique: true },
      accountId: { type: DataTypes.STRING(12), allowNull: false },
      cycleId: { type: DataTypes.BIGINT },
      correlationId: { type: DataTypes.STRING(30) },
      rule: { type: DataTypes.STRING(40), allowNull: false },
      verdict: { type: DataTypes.STRING(10), allowNull: false },
      detail: { type: DataTypes.TEXT, allowNull: false },
      proposal: { type: DataTypes.JSONB },
      marketTime: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'risk_events', ...createdOnly },
  ) as Models['RiskEvent'];

  const Candle = sequelize.define(
    'Candle',
    {
      symbol: { type: DataTypes.STRING(20), primaryKey: true },
      timeframe: { type: DataTypes.STRING(4), primaryKey: true },
      time: { type: DataTypes.DATE, primaryKey: true },
      open: price(false),
      high: price(false),
      low: price(false),
      close: price(false),
      volume: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    },
    { tableName: 'candles', ...createdOnly },
  ) as Models['Candle'];

  const AccountLedger = sequelize.define(
    'AccountLedger',
    {
      accountId: { type: DataTypes.STRING(12), primaryKey: true },
      ledger: { type: DataTypes.JSONB, allowNull: false },
      fillCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    { tableName: 'account_ledgers', timestamps: true, createdAt: false },
  ) as Models['AccountLedger'];

  const ClosedTrade = sequelize.define(
    'ClosedTrade',
    {
      id: bigId(),
      accountId: { type: DataTypes.STRING(12), allowNull: false },
      symbol: { type: DataTypes.STRING(20), allowNull: false },
      direction: { type: DataTypes.STRING(5), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      entryPrice: price(false),
      exitPrice: price(false),
      openedAt: { type: DataTypes.DATE, allowNull: false },
      closedAt: { type: DataTypes.DATE, allowNull: false },
      grossPnl: price(false),
      charges: price(false),
      netPnl: price(false),
      exitOrderKey: { type: DataTypes.STRING(30), allowNull: false },
      fillSeq: { type: DataTypes.INTEGER, allowNull: false },
      strategy: { type: DataTypes.STRING(16) },
    },
    { tableName: 'closed_trades', ...createdOnly },
  ) as Models['ClosedTrade'];

  return {
    Stock,
    Account,
    Cycle,
    Signal,
    Invocation,
    Order,
    Fill,
    Position,
    PortfolioSnapshot,
    RiskEvent,
    Candle,
    AccountLedger,
    ClosedTrade,
  };
}
