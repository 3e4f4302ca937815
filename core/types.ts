/**
 * The shared vocabulary of the trading core. Everything here is plain data: no classes, no I/O,
 * so it crosses activity boundaries, workflow histories and the API unchanged.
 *
 * Conventions:
 * - Times are epoch milliseconds (UTC). IST is a fixed +05:30 offset (no DST), so IST wall-clock
 *   values are derived by arithmetic, never through a time-zone database.
 * - A candle's `time` is the **start** of its bar (the 09:15 bar covers 09:15:00–09:19:59 IST).
 * - Prices and money are rupees as JavaScript numbers; prices are rounded to the instrument's tick.
 * - Quantities are whole shares.
 */
import { type StrategyId } from './strategy-ids';

export type { StrategyId } from './strategy-ids';

export type Timeframe = '1m' | '5m' | '15m' | '1h' | '1d';

export interface Candle {
  /** Bar start, epoch ms UTC. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export type Side = 'BUY' | 'SELL';

/** What a strategy says about one symbol at one market time. */
export interface Signal {
  readonly symbol: string;
  readonly strategy: StrategyId;
  /** Timeframe the signal was computed on. */
  readonly timeframe: Timeframe;
  /** `entry` opens a position; `exit` closes (part of) one. */
  readonly kind: 'entry' | 'exit';
  readonly side: Side;
  /** 0..1, how strongly the rule fired. */
  readonly strength: number;
  /** Reference entry price (the last close; the fill comes at the next bar). */
  readonly entry: number;
  /** Protective stop, rounded to the tick away from the entry. */
  readonly stop: number;
  readonly target?: number;
  /** One short human sentence, shown to the LLM and in the dashboard. */
  readonly reason: string;
  /** Close time of the bar that produced the signal (epoch ms). */
  readonly time: number;
}

export type OrderType = 'MARKET' | 'LIMIT' | 'STOP_LOSS' | 'STOP_LOSS_MARKET';
/** Dhan product types used here: intraday (MIS) and delivery (CNC). */
export type ProductType = 'INTRADAY' | 'CNC';
/** Who wanted the order. */
export type OrderSource = 'llm' | 'rules' | 'manual' | 'squareoff' | 'risk';

/** An order someone wants, before the risk rules have looked at it. */
export interface OrderProposal {
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  readonly orderType: OrderType;
  readonly product: ProductType;
  /** Limit price (LIMIT, STOP_LOSS). */
  readonly price?: number;
  /** Trigger price (STOP_LOSS, STOP_LOSS_MARKET). */
  readonly triggerPrice?: number;
  readonly strategy?: StrategyId;
  /** Protective stop for a new position; required for entries. */
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly reason: string;
  readonly source: OrderSource;
}

/** Itemised Indian charges of one fill, in rupees. */
export interface Charges {
  readonly brokerage: number;
  readonly stt: number;
  readonly exchange: number;
  readonly sebi: number;
  readonly stamp: number;
  readonly gst: number;
  readonly total: number;
}

/** An execution: part or all of an order. */
export interface Fill {
  /** The order's idempotency key (= broker correlation id). */
  readonly orderKey: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  readonly price: number;
  readonly time: number;
  readonly product: ProductType;
  readonly charges: Charges;
}

/** A net position in one symbol. Negative quantity = intraday short. */
export interface Position {
  readonly symbol: string;
  readonly quantity: number;
  /** Average price of the open quantity. */
  readonly avgPrice: number;
  /** Protective stop and target recorded at entry, if any. */
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly strategy?: StrategyId;
  readonly openedAt?: number;
}

/** Per-account risk state, after Nautilus' trading states. */
export type RiskState = 'ACTIVE' | 'REDUCING' | 'HALTED';
