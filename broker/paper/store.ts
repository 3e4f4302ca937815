/**
 * The paper broker's book in Postgres (tables of migration 0004): plain objects in and out.
 *
 * Every change runs in {@link PaperStore.locked}: one transaction holding the book's advisory lock,
 * so workers sharing the database change the book one at a time and each decision (funds, fills)
 * sees every earlier one. The unique correlation id and the one-trade-per-order key back that up.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { type Charges, type OrderType, type ProductType, type Side } from '../../core/types';
import { type Validity } from '../broker';
import { type PaperTrade } from './book';

/** Statuses a paper order can have (Dhan's words; a paper order never stays TRANSIT or PART_TRADED). */
export type PaperOrderStatus = 'PENDING' | 'TRADED' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';

/** A paper order as stored. Times are market times (epoch ms). */
export interface PaperOrder {
  readonly orderId: string;
  readonly correlationId: string;
  readonly symbol: string;
  readonly securityId: string;
  readonly side: Side;
  readonly product: ProductType;
  readonly orderType: OrderType;
  readonly validity: Validity;
  readonly quantity: number;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly status: PaperOrderStatus;
  readonly triggered: boolean;
  readonly filledQuantity: number;
  readonly averagePrice?: number;
  readonly marginPerShare: number;
  readonly rejectionReason?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Bars starting before this instant have been matched against the order. */
  readonly checkedTo: number;
}

/** A new order: everything but the id the database assigns. */
export type NewPaperOrder = Omit<PaperOrder, 'orderId'>;

/** What a matching step changes on an order. */
export type OrderChange = Partial<
  Pick<PaperOrder, 'status' | 'triggered' | 'filledQuantity' | 'averagePrice' | 'updatedAt' | 'checkedTo'>
>;

/** Trades as the book keeps them, without their ids. */
export type NewPaperTrade = Omit<PaperTrade, 'tradeId'>;

const ORDER_PREFIX = 'paper-';
const TRADE_PREFIX = 'paper-trade-';
/** Key of the transaction-level advisory lock that serialises changes to the paper book. */
const BOOK_LOCK = "hashtext('ai-trading-desk:paper-book')";

interface OrderRow {
  id: number | string;
  correlation_id: string;
  symbol: string;
  security_id: string;
  side: Side;
  product: ProductType;
  order_type: OrderType;
  validity: Validity;
  quantity: number;
  price: number | string | null;
  trigger_price: number | string | null;
  status: PaperOrderStatus;
  triggered: boolean;
  filled_quantity: number;
  average_price: number | string | null;
  margin_per_share: number | string;
  rejection_reason: string | null;
  created_at: Date;
  updated_at: Date;
  checked_to: Date;
}

interface TradeRow {
  id: number | string;
  order_id: number | string;
  symbol: string;
  side: Side;
  product: ProductType;
  quantity: number;
  price: number | string;
  charges: Charges;
  time: Date;
}

const optionalNumber = (v: number | string | null) => (v === null ? undefined : Number(v));

function toOrder(r: OrderRow): PaperOrder {
  return {
    orderId: `${ORDER_PREFIX}${r.id}`,
    correlationId: r.correlation_id,
    symbol: r.symbol,
    securityId: r.security_id,
    side: r.side,
    product: r.product,
    orderType: r.order_type,
    validity: r.validity,
    quantity: Number(r.quantity),
    price: optionalNumber(r.price),
    triggerPrice: optionalNumber(r.trigger_price),
    status: r.status,
    triggered: r.triggered,
    filledQuantity: Number(r.filled_quantity),
    averagePrice: optionalNumber(r.average_price),
    marginPerShare: Number(r.margin_per_share),
    rejectionReason: r.rejection_reason ?? undefined,
    createdAt: r.created_at.getTime(),
    updatedAt: r.updated_at.getTime(),
    checkedTo: r.checked_to.getTime(),
  };
}

function toTrade(r: TradeRow): PaperTrade {
  return {
    tradeId: `${TRADE_PREFIX}${r.id}`,
    orderId: `${ORDER_PREFIX}${r.order_id}`,
    symbol: r.symbol,
    side: r.side,
    product: r.product,
    quantity: Number(r.quantity),
    price: Number(r.price),
    charges: r.charges,
    time: r.time.getTime(),
  };
}

/** The database id of a paper order id, or `undefined` when it is not one of ours. */
function idOf(orderId: string): string | undefined {
  const match = /^paper-(\d{1,18})$/.exec(orderId);
  return match?.[1];
}

export class PaperStore {
  constructor(private readonly sequelize: Sequelize) {}

  private select<T extends object>(sql: string, bind: unknown[], transaction?: Transaction): Promise<T[]> {
    return this.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT, transaction });
  }

  /** Runs `fn` in one transaction that holds the paper book's lock. */
  locked<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
    return this.sequelize.transaction(async (t) => {
      await this.sequelize.query(`SELECT pg_advisory_xact_lock(${BOOK_LOCK})`, { transaction: t });
      return fn(t);
    });
  }

  async orderById(orderId: string, t?: Transaction): Promise<PaperOrder | null> {
    const id = idOf(orderId);
    if (id === undefined) return null;
    const [row] = await this.select<OrderRow>('SELECT * FROM paper_orders WHERE id = $1', [id], t);
    return row ? toOrder(row) : null;
  }

  async orderByCorrelationId(correlationId: string, t?: Transaction): Promise<PaperOrder | null> {
    const [row] = await this.select<OrderRow>(
      'SELECT * FROM paper_orders WHERE correlation_id = $1',
      [correlationId],
      t,
    );
    return row ? toOrder(row) : null;
  }

  /** Orders still working, oldest first. */
  async working(t?: Transaction): Promise<PaperOrder[]> {
    const rows = await this.select<OrderRow>("SELECT * FROM paper_orders WHERE status = 'PENDING' ORDER BY id", [], t);
    return rows.map(toOrder);
  }

  /** Every execution, in the order they happened. */
  async trades(t?: Transaction): Promise<PaperTrade[]> {
    const rows = await this.select<TradeRow>('SELECT * FROM paper_trades ORDER BY time, id', [], t);
    return rows.map(toTrade);
  }

  async tradesOf(orderId: string): Promise<PaperTrade[]> {
    const id = idOf(orderId);
    if (id === undefined) return [];
    const rows = await this.select<TradeRow>('SELECT * FROM paper_trades WHERE order_id = $1 ORDER BY id', [id]);
    return rows.map(toTrade);
  }

  /**
   * Inserts a new order; returns `null` when its correlation id is already taken (then nothing
   * changed). Call inside {@link locked}.
   */
  async insertOrder(o: NewPaperOrder, t: Transaction): Promise<PaperOrder | null> {
    const rows = await this.select<OrderRow>(
      `INSERT INTO paper_orders (correlation_id, symbol, security_id, side, product, order_type, validity, quantity,
         price, trigger_price, status, triggered, filled_quantity, average_price, margin_per_share, rejection_reason,
         created_at, updated_at, checked_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (correlation_id) DO NOTHING
       RETURNING *`,
      [
        o.correlationId,
        o.symbol,
        o.securityId,
        o.side,
        o.product,
        o.orderType,
        o.validity,
        o.quantity,
        o.price ?? null,
        o.triggerPrice ?? null,
        o.status,
        o.triggered,
        o.filledQuantity,
        o.averagePrice ?? null,
        o.marginPerShare,
        o.rejectionReason ?? null,
        new Date(o.createdAt),
        new Date(o.updatedAt),
        new Date(o.checkedTo),
      ],
      t,
    );
    return rows[0] ? toOrder(rows[0]) : null;
  }

  /** Applies a matching step to an order and returns it as it now stands. Call inside {@link locked}. */
  async updateOrder(orderId: string, change: OrderChange, t: Transaction): Promise<PaperOrder> {
    const columns: Record<keyof OrderChange, string> = {
      status: 'status',
      triggered: 'triggered',
      filledQuantity: 'filled_quantity',
      averagePrice: 'average_price',
      updatedAt: 'updated_at',
      checkedTo: 'checked_to',
    };
    const entries = (Object.keys(columns) as (keyof OrderChange)[]).filter((k) => change[k] !== undefined);
    if (entries.length === 0) throw new RangeError(`nothing to change on paper order ${orderId}`);
    const values = entries.map((k) => (k === 'updatedAt' || k === 'checkedTo' ? new Date(change[k]!) : change[k]));
    const sets = entries.map((k, i) => `${columns[k]} = $${i + 2}`);
    const [row] = await this.select<OrderRow>(
      `UPDATE paper_orders SET ${sets.join(', ')} WHERE id = $1 RETURNING *`,
      [idOf(orderId), ...values],
      t,
    );
    if (!row) throw new Error(`paper order ${orderId} vanished during an update`);
    return toOrder(row);
  }

  /** Records an execution. Call inside {@link locked}, with the order's update. */
  async insertTrade(trade: NewPaperTrade, t: Transaction): Promise<void> {
    await this.sequelize.query(
      `INSERT INTO paper_trades (order_id, symbol, side, product, quantity, price, charges, time)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      {
        bind: [
          idOf(trade.orderId),
          trade.symbol,
          trade.side,
          trade.product,
          trade.quantity,
          trade.price,
          JSON.stringify(trade.charges),
          new Date(trade.time),
        ],
        transaction: t,
      },
    );
  }
}
