/**
 * The broker as the activities see it: plain data in, plain data out, in the trading core's
 * vocabulary (`Side`, `OrderType`, `ProductType`, `Candle`). `DhanBroker` implements it over the Dhan
 * v2 API (real Dhan in live mode, the simulator in paper/simulator mode); `PaperBroker` (broker/paper)
 * implements it over Postgres for paper trading on Dhan's market data.
 *
 * Exactly-once placement rests on the correlation id: `placeOrder` first looks the id up and returns
 * the order it finds, so an activity retried by Temporal never places a second order for one intent.
 */
import { z } from 'zod';
import { INSTRUMENTS, type Instrument } from '../core/instruments';
import { isOnTick } from '../core/ticks';
import { type Candle, type OrderType, type ProductType, type Side, type Timeframe } from '../core/types';

/** Correlation ids the desk uses: 1–30 of `[A-Za-z0-9_-]` (a subset of what Dhan accepts). */
export const correlationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,30}$/, 'a correlation id is 1–30 characters of letters, digits, _ and -');

export type Validity = 'DAY' | 'IOC';

/** An order the desk wants placed, keyed by its idempotency key. */
export interface OrderIntent {
  /** Idempotency key, e.g. `claude-20260619-042-0`: the same key never yields two orders. */
  readonly correlationId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  readonly orderType: OrderType;
  readonly product: ProductType;
  /** Limit price (LIMIT, STOP_LOSS), on the instrument's tick. */
  readonly price?: number;
  /** Trigger price (STOP_LOSS, STOP_LOSS_MARKET), on the instrument's tick. */
  readonly triggerPrice?: number;
  /** Default `DAY`. */
  readonly validity?: Validity;
}

/** Order states the desk understands (Dhan's words); anything else is reported as `UNKNOWN`. */
export const ORDER_STATUSES = [
  'TRANSIT',
  'PENDING',
  'PART_TRADED',
  'TRADED',
  'REJECTED',
  'CANCELLED',
  'EXPIRED',
] as const;
/** `UNKNOWN`: a status word this code does not know; see `rawStatus`. */
export type OrderStatus = (typeof ORDER_STATUSES)[number] | 'UNKNOWN';

/** States after which an order never changes again. */
export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['TRADED', 'REJECTED', 'CANCELLED', 'EXPIRED']);

/** An order as the broker last reported it. */
export interface BrokerOrder {
  readonly orderId: string;
  readonly correlationId?: string;
  readonly symbol: string;
  readonly securityId: string;
  readonly side: Side;
  /** Total quantity ordered. */
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly remainingQuantity: number;
  /** Average fill price, once something filled. */
  readonly averagePrice?: number;
  /** As the broker reports it (Dhan may show a converted MARKET order as LIMIT). */
  readonly orderType: OrderType | (string & {});
  readonly product: ProductType | (string & {});
  readonly validity?: string;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly status: OrderStatus;
  /** The broker's own status word, kept for the audit trail. */
  readonly rawStatus: string;
  /** Why the broker rejected the order (`omsErrorDescription`). */
  readonly rejectionReason?: string;
  /** Epoch ms. */
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

export interface PlaceOrderResult {
  readonly order: BrokerOrder;
  /**
   * `true` when an order with this correlation id already existed (an earlier attempt placed it),
   * so nothing new was sent.
   */
  readonly alreadyExisted: boolean;
}

/** One execution of an order. */
export interface BrokerTrade {
  readonly orderId: string;
  readonly tradeId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  readonly price: number;
  readonly product: ProductType | (string & {});
  /** Epoch ms, when the broker reports it. */
  readonly time?: number;
}

/** A position for one symbol and product, as the broker nets it for the day. */
export interface BrokerPosition {
  readonly symbol: string;
  readonly securityId: string;
  readonly product: ProductType | (string & {});
  /** Net quantity: > 0 long, < 0 short, 0 closed today. */
  readonly quantity: number;
  /** Average price of the open quantity (0 when closed). */
  readonly avgPrice: number;
  readonly buyQuantity: number;
  readonly sellQuantity: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
}

/** Money in the trading account, in rupees. */
export interface BrokerFunds {
  /** Cash available for new orders (Dhan's `availabelBalance`). */
  readonly available: number;
  readonly startOfDay: number;
  readonly utilized: number;
  readonly withdrawable: number;
  readonly collateral: number;
  readonly receivable: number;
  readonly blockedPayout: number;
}

/** A market snapshot of one symbol. */
export interface BrokerQuote {
  readonly symbol: string;
  readonly lastPrice: number;
  readonly open?: number;
  readonly high?: number;
  readonly low?: number;
  /** Dhan's OHLC `close`: the previous session's close. */
  readonly previousClose?: number;
  readonly volume?: number;
  readonly lowerCircuit?: number;
  readonly upperCircuit?: number;
  /** Last trade time, epoch ms, when known. */
  readonly lastTradeTime?: number;
}

/**
 * What activities call. Every method takes an optional `AbortSignal` last (pass Temporal's
 * `cancellationSignal()`), and throws typed errors whose class names a retry policy can list.
 */
export interface Broker {
  /** Places the order once per correlation id: returns the existing order if the id is known. */
  placeOrder(intent: OrderIntent, signal?: AbortSignal): Promise<PlaceOrderResult>;
  getOrder(orderId: string, signal?: AbortSignal): Promise<BrokerOrder | null>;
  getOrderByCorrelationId(correlationId: string, signal?: AbortSignal): Promise<BrokerOrder | null>;
  /** Cancels a working order; returns the order as it stands afterwards. */
  cancelOrder(orderId: string, signal?: AbortSignal): Promise<BrokerOrder>;
  trades(orderId: string, signal?: AbortSignal): Promise<BrokerTrade[]>;
  positions(signal?: AbortSignal): Promise<BrokerPosition[]>;
  funds(signal?: AbortSignal): Promise<BrokerFunds>;
  /** Quotes keyed by symbol; a symbol the broker has no quote for is absent. */
  quotes(symbols: readonly string[], signal?: AbortSignal): Promise<Record<string, BrokerQuote>>;
  /** Closed bars whose start lies in `[from, to)` (epoch ms), oldest first. */
  candles(symbol: string, timeframe: Timeframe, from: number, to: number, signal?: AbortSignal): Promise<Candle[]>;
}

/** Bad input to a broker call (unknown symbol, malformed intent): never retried, nothing was sent. */
export class BrokerInputError extends Error {
  override readonly name = 'BrokerInputError';
  readonly retryable = false;
}

/** Error class names of `broker/` that a Temporal retry policy should not retry, besides Dhan's. */
export const BROKER_NON_RETRYABLE_ERROR_TYPES = ['BrokerInputError'] as const;

const quantity = z.number().int('quantity is a whole number of shares').positive('quantity must be positive');
const price = z.number().finite().positive();

const orderIntentSchema = z
  .object({
    correlationId: correlationIdSchema,
    symbol: z.string().min(1),
    side: z.enum(['BUY', 'SELL']),
    quantity,
    orderType: z.enum(['MARKET', 'LIMIT', 'STOP_LOSS', 'STOP_LOSS_MARKET']),
    product: z.enum(['INTRADAY', 'CNC']),
    price: price.optional(),
    triggerPrice: price.optional(),
    validity: z.enum(['DAY', 'IOC']).optional(),
  })
  .strict();

/** Looks a symbol up in `instruments`; throws `BrokerInputError` naming the known ones otherwise. */
export function instrumentFor(symbol: string, instruments: readonly Instrument[] = INSTRUMENTS): Instrument {
  const found = instruments.find((i) => i.symbol === symbol);
  if (!found)
    throw new BrokerInputError(`unknown symbol "${symbol}"; known: ${instruments.map((i) => i.symbol).join(', ')}`);
  return found;
}

/**
 * Checks an intent's shape before anything is sent: field types, the correlation id, a known symbol
 * and the price fields its order type needs. Throws `BrokerInputError` listing every problem.
 * Exchange rules (tick, lot size) are left to {@link exchangeRuleProblems}.
 */
export function parseOrderIntent(
  intent: OrderIntent,
  instruments: readonly Instrument[] = INSTRUMENTS,
): { intent: OrderIntent; instrument: Instrument } {
  const parsed = orderIntentSchema.safeParse(intent);
  if (!parsed.success)
    throw new BrokerInputError(
      `invalid order intent: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(intent)'}: ${i.message}`).join('; ')}`,
    );
  const valid = parsed.data;
  const instrument = instrumentFor(valid.symbol, instruments);
  const problems: string[] = [];
  const needsPrice = valid.orderType === 'LIMIT' || valid.orderType === 'STOP_LOSS';
  const needsTrigger = valid.orderType === 'STOP_LOSS' || valid.orderType === 'STOP_LOSS_MARKET';
  if (needsPrice && valid.price === undefined) problems.push(`price is required for ${valid.orderType}`);
  if (!needsPrice && valid.price !== undefined) problems.push(`price must be left out for ${valid.orderType}`);
  if (needsTrigger && valid.triggerPrice === undefined)
    problems.push(`triggerPrice is required for ${valid.orderType}`);
  if (!needsTrigger && valid.triggerPrice !== undefined)
    problems.push(`triggerPrice must be left out for ${valid.orderType}`);
  if (problems.length > 0)
    throw new BrokerInputError(`invalid order intent ${valid.correlationId}: ${problems.join('; ')}`);
  return { intent: valid, instrument };
}

/** What the exchange would refuse in a well-formed intent: prices off the tick, quantity off the lot. */
export function exchangeRuleProblems(intent: OrderIntent, instrument: Instrument): string[] {
  const problems: string[] = [];
  for (const [name, value] of [
    ['price', intent.price],
    ['triggerPrice', intent.triggerPrice],
  ] as const) {
    if (value !== undefined && !isOnTick(value, instrument.tickSize))
      problems.push(`${name} ${value} is not a multiple of ${intent.symbol}'s tick ${instrument.tickSize}`);
  }
  if (intent.quantity % instrument.lotSize !== 0)
    problems.push(`quantity ${intent.quantity} is not a multiple of the lot size ${instrument.lotSize}`);
  return problems;
}

/**
 * Checks an intent before anything is sent: its shape ({@link parseOrderIntent}) and the exchange's
 * tick and lot rules. Throws `BrokerInputError` naming the problems.
 */
export function validateOrderIntent(
  intent: OrderIntent,
  instruments: readonly Instrument[] = INSTRUMENTS,
): { intent: OrderIntent; instrument: Instrument } {
  const checked = parseOrderIntent(intent, instruments);
  const problems = exchangeRuleProblems(checked.intent, checked.instrument);
  if (problems.length > 0)
    throw new BrokerInputError(`invalid order intent ${checked.intent.correlationId}: ${problems.join('; ')}`);
  return checked;
}
