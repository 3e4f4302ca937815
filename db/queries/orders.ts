import { type Sequelize } from 'sequelize';
import { type Page, type Paged, select, selectOne, selectPage, Where } from './sql';

/** An order (a "trade" in the API) as recorded by the workers. */
export interface OrderRecord {
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
  status: string;
  filledQuantity: number;
  averagePrice: number | null;
  rejectionReason: string | null;
  source: string;
  strategy: string | null;
  reason: string;
  placedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface FillRecord {
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

export const ORDER_COLUMNS = `
  o.id, o.correlation_id AS "correlationId", o.broker_order_id AS "brokerOrderId", o.account_id AS "accountId",
  o.cycle_id AS "cycleId", o.symbol, o.side, o.quantity, o.order_type AS "orderType", o.product, o.price,
  o.trigger_price AS "triggerPrice", o.stop_loss AS "stopLoss", o.take_profit AS "takeProfit", o.status,
  o.filled_quantity AS "filledQuantity", o.average_price AS "averagePrice", o.rejection_reason AS "rejectionReason",
  o.source, o.strategy, o.reason, o.placed_at AS "placedAt", o.completed_at AS "completedAt",
  o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

const FILL_COLUMNS = `
  f.id, f.order_id AS "orderId", f.trade_id AS "tradeId", f.account_id AS "accountId", f.symbol, f.side,
  f.quantity, f.price, f.brokerage, f.stt, f.exchange_charge AS "exchangeCharge", f.sebi_fee AS "sebiFee",
  f.stamp_duty AS "stampDuty", f.gst, f.total_charges AS "totalCharges", f.filled_at AS "filledAt",
  f.created_at AS "createdAt"`;

export interface OrderFilter {
  readonly accountId?: string;
  readonly symbol?: string;
  readonly side?: 'BUY' | 'SELL';
  readonly status?: string;
  readonly source?: string;
  readonly cycleId?: number;
  /** Created at or after. */
  readonly from?: Date;
  /** Created before. */
  readonly to?: Date;
}

/** Orders matching the filter, newest first. */
export function listOrders(db: Sequelize, filter: OrderFilter, page: Page): Promise<Paged<OrderRecord>> {
  const where = new Where()
    .add('o.account_id = :accountId', { accountId: filter.accountId })
    .add('o.symbol = :symbol', { symbol: filter.symbol })
    .add('o.side = :side', { side: filter.side })
    .add('o.status = :status', { status: filter.status })
    .add('o.source = :source', { source: filter.source })
    .add('o.cycle_id = :cycleId', { cycleId: filter.cycleId })
    .add('o.created_at >= :from', { from: filter.from })
    .add('o.created_at < :to', { to: filter.to });
  return selectPage<OrderRecord>(
    db,
    { columns: ORDER_COLUMNS, from: 'orders o', where, orderBy: 'o.created_at DESC, o.id DESC' },
    page,
  );
}

export function getOrderById(db: Sequelize, id: number): Promise<OrderRecord | null> {
  return selectOne<OrderRecord>(db, `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = :id`, { id });
}

export function getOrderByCorrelationId(db: Sequelize, correlationId: string): Promise<OrderRecord | null> {
  return selectOne<OrderRecord>(db, `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.correlation_id = :correlationId`, {
    correlationId,
  });
}

/** Executions of one order, oldest first. */
export function fillsOfOrder(db: Sequelize, orderId: number): Promise<FillRecord[]> {
  return select<FillRecord>(db, `SELECT ${FILL_COLUMNS} FROM fills f WHERE f.order_id = :orderId ORDER BY f.id`, {
    orderId,
  });
}

export function getFill(db: Sequelize, id: number): Promise<FillRecord | null> {
  return selectOne<FillRecord>(db, `SELECT ${FILL_COLUMNS} FROM fills f WHERE f.id = :id`, { id });
}

export interface FillFilter {
  readonly accountId?: string;
  readonly symbol?: string;
  readonly side?: 'BUY' | 'SELL';
  /** Filled at or after. */
  readonly from?: Date;
  /** Filled before. */
  readonly to?: Date;
}

/** Executions matching the filter, latest first: the account's fills with their charges, chart markers. */
export function listFills(db: Sequelize, filter: FillFilter, page: Page): Promise<Paged<FillRecord>> {
  const where = new Where()
    .add('f.account_id = :accountId', { accountId: filter.accountId })
    .add('f.symbol = :symbol', { symbol: filter.symbol })
    .add('f.side = :side', { side: filter.side })
    .add('f.filled_at >= :from', { from: filter.from })
    .add('f.filled_at < :to', { to: filter.to });
  return selectPage<FillRecord>(
    db,
    { columns: FILL_COLUMNS, from: 'fills f', where, orderBy: 'f.filled_at DESC, f.id DESC' },
    page,
  );
}
