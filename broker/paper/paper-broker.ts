/**
 * `PaperBroker`: paper trading on a real market-data feed. Market data (`candles`, `quotes`) comes
 * from a data-source `Broker` (a `DhanBroker` over Dhan itself, or over the simulator); orders never
 * leave this process: they are matched by the trading core's fill model (./matching.ts), charged by
 * its cost model (core/costs) and kept in Postgres (./store.ts), so a restart or a second worker
 * loses and duplicates nothing. The data source's order methods are never called.
 *
 * The price a paper MARKET order gets: the data source's last traded price (LTP) when the order is
 * placed, moved half the bid–ask spread (`spreadBps`, default 2) and then `slippageBps` (default 1)
 * against the trader, rounded to the tick against the trader: core/fills `immediateMarketFill`, the
 * function the backtester and the built-in simulator fill market orders with. The live cycle runs
 * seconds after a 5-minute bar closes and places its orders at once, so that LTP is the first price
 * after the bar its decision saw: the backtest's "next price" after the decision, as a live feed gives it.
 *
 * Limit and stop orders that are not marketable at placement rest, and are matched against the data
 * source's 1-minute bars (`fillTimeframe`) that start at or after the first minute after placement and
 * have closed by the clock's time. That happens lazily, whenever the order is read (`getOrder`,
 * `getOrderByCorrelationId`, `trades`, `cancelOrder`), on `positions`/`funds`, or on `sync(now)`.
 * DAY orders still working at 15:30 IST expire; IOC orders that do not fill at once are cancelled.
 *
 * Refusals mirror Dhan's: the order is recorded as REJECTED with a reason (market closed, price off the
 * tick or outside the circuit band, quantity off the lot, insufficient paper funds or holdings), and a
 * retried placement returns that same order. Malformed intents (unknown symbol, missing price fields,
 * a bad correlation id) throw `BrokerInputError` and record nothing, as Dhan answers them with a 400.
 */
import { type Sequelize, type Transaction } from 'sequelize';
import { isMarketOpen, NSE_CALENDAR, sessionClose, type TradingCalendar } from '../../core/calendar';
import { fillCharges } from '../../core/costs';
import { DEFAULT_SLIPPAGE_BPS, DEFAULT_SPREAD_BPS, type ImmediateFillOptions } from '../../core/fills';
import { INSTRUMENTS, type Instrument } from '../../core/instruments';
import { roundPaise } from '../../core/ticks';
import { istDateKey, istTime, MINUTE_MS } from '../../core/time';
import { type Candle, type Timeframe } from '../../core/types';
import {
  BrokerInputError,
  exchangeRuleProblems,
  instrumentFor,
  parseOrderIntent,
  type Broker,
  type BrokerFunds,
  type BrokerOrder,
  type BrokerPosition,
  type BrokerQuote,
  type BrokerTrade,
  type OrderIntent,
  type PlaceOrderResult,
} from '../broker';
import {
  availableFunds,
  fundsOf,
  ledgerOf,
  marginPerShare,
  netQuantity,
  openSymbols,
  positionsOf,
  sellableQuantity,
  type HeldFunds,
} from './book';
import { matchAtPrice, matchOnBars } from './matching';
import { PaperStore, type NewPaperOrder, type PaperOrder } from './store';

/** Dhan's words for an order refused because the exchange is closed. */
export const MARKET_CLOSED_REASON =
  'Markets are Offline or Blocked: orders are accepted 09:15-15:30 IST on trading days';

export interface PaperBrokerOptions {
  /** The desk's database, migrated to 0004 (tables `paper_orders`, `paper_trades`). */
  readonly sequelize: Sequelize;
  /** Where market data comes from. Only `candles` and `quotes` are ever called. */
  readonly data: Broker;
  /** Paper capital in rupees: the funds before the first trade. */
  readonly capital: number;
  /**
   * The market's clock (epoch ms): `Date.now` in production, a simulator's or a test's clock otherwise.
   * The paper broker never reads the wall clock itself.
   */
  readonly now: () => number | Promise<number>;
  /** Adverse slippage of market-like fills (market orders, triggered stops), in basis points. Default 1. */
  readonly slippageBps?: number;
  /** Bid–ask spread in basis points; an order filled at placement pays half of it. Default 2. */
  readonly spreadBps?: number;
  /** Bars that resting orders are matched against. Default `1m`. */
  readonly fillTimeframe?: Exclude<Timeframe, '1d'>;
  readonly instruments?: readonly Instrument[];
  readonly calendar?: TradingCalendar;
}

/** The data source had no last price for a symbol: nothing was recorded, the placement may be retried. */
export class PaperPriceUnavailableError extends Error {
  override readonly name = 'PaperPriceUnavailableError';
  readonly retryable = true;
}

const TIMEFRAME_MS: Readonly<Record<Exclude<Timeframe, '1d'>, number>> = {
  '1m': MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
};

export class PaperBroker implements Broker {
  private readonly store: PaperStore;
  private readonly instruments: readonly Instrument[];
  private readonly calendar: TradingCalendar;
  private readonly barMs: number;

  constructor(private readonly options: PaperBrokerOptions) {
    if (!(options.capital > 0)) throw new RangeError(`paper capital must be > 0, got ${options.capital}`);
    this.store = new PaperStore(options.sequelize);
    this.instruments = options.instruments ?? INSTRUMENTS;
    this.calendar = options.calendar ?? NSE_CALENDAR;
    this.barMs = TIMEFRAME_MS[options.fillTimeframe ?? '1m'];
  }

  // ---------------------------------------------------------------- market data: the data source's

  quotes(symbols: readonly string[], signal?: AbortSignal): Promise<Record<string, BrokerQuote>> {
    return this.options.data.quotes(symbols, signal);
  }

  candles(symbol: string, timeframe: Timeframe, from: number, to: number, signal?: AbortSignal): Promise<Candle[]> {
    return this.options.data.candles(symbol, timeframe, from, to, signal);
  }

  // ---------------------------------------------------------------- orders: simulated here

  /**
   * Places the intent at most once per correlation id, across calls, workers and restarts: an id
   * already in the book returns that order with `alreadyExisted: true` and changes nothing.
   */
  async placeOrder(intent: OrderIntent, signal?: AbortSignal): Promise<PlaceOrderResult> {
    const { intent: valid, instrument } = parseOrderIntent(intent, this.instruments);
    const existing = await this.store.orderByCorrelationId(valid.correlationId);
    if (existing) return { order: toBrokerOrder(await this.advance(existing, signal)), alreadyExisted: true };

    const now = await this.options.now();
    const problems = exchangeRuleProblems(valid, instrument);
    const refusal =
      problems.length > 0 ? problems.join('; ') : isMarketOpen(now, this.calendar) ? undefined : MARKET_CLOSED_REASON;
    // Only an order the exchange would look at needs a price (and only then is the data source asked).
    const quote = refusal === undefined ? await this.lastQuote(valid.symbol, signal) : undefined;

    return this.store.locked(async (t) => {
      const again = await this.store.orderByCorrelationId(valid.correlationId, t);
      if (again) return { order: toBrokerOrder(again), alreadyExisted: true };
      const draft = this.draft(valid, instrument, now);
      if (quote === undefined) return this.insert({ ...draft, status: 'REJECTED', rejectionReason: refusal }, t);

      const trades = await this.store.trades(t);
      const working = (await this.store.working(t)).map(heldFunds);
      const ledger = ledgerOf(trades, this.options.capital);
      const reference = valid.price ?? valid.triggerPrice ?? quote.lastPrice;
      const perShare = marginPerShare(valid, reference, netQuantity(ledger, valid.symbol, valid.product));
      const available = availableFunds(ledger, working, this.options.capital);
      const reason =
        circuitRefusal(valid, quote) ??
        (valid.product === 'CNC' && valid.side === 'SELL'
          ? holdingsRefusal(valid, sellableQuantity(ledger, working, valid.symbol))
          : undefined) ??
        fundsRefusal(perShare * valid.quantity, available);
      if (reason) return this.insert({ ...draft, status: 'REJECTED', rejectionReason: reason }, t);

      const match = matchAtPrice({ ...valid, triggered: false }, quote.lastPrice, now, this.fillOptions(instrument));
      if (match.fill) return this.insert(draft, t, match.fill.price);
      const lapses = draft.validity === 'IOC';
      return this.insert(
        {
          ...draft,
          status: lapses ? 'CANCELLED' : 'PENDING',
          triggered: match.triggered,
          marginPerShare: lapses ? 0 : perShare,
        },
        t,
      );
    });
  }

  async getOrder(orderId: string, signal?: AbortSignal): Promise<BrokerOrder | null> {
    const order = await this.store.orderById(orderId);
    return order && toBrokerOrder(await this.advance(order, signal));
  }

  async getOrderByCorrelationId(correlationId: string, signal?: AbortSignal): Promise<BrokerOrder | null> {
    const order = await this.store.orderByCorrelationId(correlationId);
    return order && toBrokerOrder(await this.advance(order, signal));
  }

  /**
   * Cancels a working order (after matching it up to now, so a fill that already happened stands).
   * An order already in a final state is returned as it is.
   */
  async cancelOrder(orderId: string, signal?: AbortSignal): Promise<BrokerOrder> {
    const found = await this.store.orderById(orderId);
    if (!found) throw new BrokerInputError(`no paper order ${orderId}`);
    const order = await this.advance(found, signal);
    if (order.status !== 'PENDING') return toBrokerOrder(order);
    const now = await this.options.now();
    return this.store.locked(async (t) => {
      const current = await this.store.orderById(orderId, t);
      if (!current || current.status !== 'PENDING') return toBrokerOrder(current ?? order);
      return toBrokerOrder(await this.store.updateOrder(orderId, { status: 'CANCELLED', updatedAt: now }, t));
    });
  }

  async trades(orderId: string, signal?: AbortSignal): Promise<BrokerTrade[]> {
    const order = await this.store.orderById(orderId);
    if (order) await this.advance(order, signal);
    return (await this.store.tradesOf(orderId)).map((t) => ({
      orderId: t.orderId,
      tradeId: t.tradeId,
      symbol: t.symbol,
      side: t.side,
      quantity: t.quantity,
      price: t.price,
      product: t.product,
      time: t.time,
    }));
  }

  /** Positions open or traded today, marked at the data source's last prices. */
  async positions(signal?: AbortSignal): Promise<BrokerPosition[]> {
    const now = await this.sync(undefined, signal);
    const trades = await this.store.trades();
    const dayStart = istTime(istDateKey(now), 0, 0);
    const held = openSymbols(trades, this.options.capital);
    const quotes = held.length > 0 ? await this.options.data.quotes(held, signal) : {};
    const prices = Object.fromEntries(Object.entries(quotes).map(([s, q]) => [s, q.lastPrice]));
    const securityIdOf = (symbol: string) => instrumentFor(symbol, this.instruments).securityId;
    return positionsOf(trades, this.options.capital, dayStart, securityIdOf, prices);
  }

  async funds(signal?: AbortSignal): Promise<BrokerFunds> {
    const now = await this.sync(undefined, signal);
    const trades = await this.store.trades();
    const working = (await this.store.working()).map(heldFunds);
    return fundsOf(trades, working, this.options.capital, istTime(istDateKey(now), 0, 0));
  }

  /**
   * Matches every working order against the bars closed by `now` (default: the clock's time), and
   * expires DAY orders whose session has closed. Returns the time it synced to.
   */
  async sync(now?: number, signal?: AbortSignal): Promise<number> {
    const at = now ?? (await this.options.now());
    for (const order of await this.store.working()) await this.advance(order, signal, at);
    return at;
  }

  // ---------------------------------------------------------------- helpers

  /** Brings one order up to `now`: fills from the bars that closed since it was last matched, or expiry. */
  private async advance(order: PaperOrder, signal?: AbortSignal, now?: number): Promise<PaperOrder> {
    if (order.status !== 'PENDING') return order;
    const at = now ?? (await this.options.now());
    const close = sessionClose(istDateKey(order.createdAt), this.calendar);
    const until = Math.min(at, close);
    const bars =
      until > order.checkedTo
        ? (
            await this.options.data.candles(order.symbol, this.fillTimeframeOf(), order.checkedTo, until, signal)
          ).filter((b) => b.time + this.barMs <= until)
        : [];
    const expires = at >= close;
    if (bars.length === 0 && !expires) return order;
    const instrument = instrumentFor(order.symbol, this.instruments);

    return this.store.locked(async (t) => {
      const current = await this.store.orderById(order.orderId, t);
      if (!current || current.status !== 'PENDING') return current ?? order;
      // Another worker may have matched some of these bars meanwhile: only newer ones count.
      const fresh = bars.filter((b) => b.time >= current.checkedTo);
      const match = matchOnBars(current, fresh, this.fillOptions(instrument));
      if (match.fill) return this.fill(current, match.fill.price, match.fill.time, match.triggered, t);
      const last = fresh.at(-1);
      return this.store.updateOrder(
        current.orderId,
        {
          triggered: match.triggered,
          checkedTo: last ? last.time + this.barMs : current.checkedTo,
          ...(expires ? { status: 'EXPIRED' as const, updatedAt: close } : {}),
        },
        t,
      );
    });
  }

  private fillTimeframeOf(): Exclude<Timeframe, '1d'> {
    return this.options.fillTimeframe ?? '1m';
  }

  /** The last traded price and circuit band of `symbol`; a missing price is a retryable failure. */
  private async lastQuote(symbol: string, signal?: AbortSignal): Promise<BrokerQuote> {
    const quote = (await this.options.data.quotes([symbol], signal))[symbol];
    if (!quote || !(quote.lastPrice > 0))
      throw new PaperPriceUnavailableError(`no last traded price for ${symbol} from the market data source`);
    return quote;
  }

  private fillOptions(instrument: Instrument): ImmediateFillOptions {
    return {
      tickSize: instrument.tickSize,
      slippageBps: this.options.slippageBps ?? DEFAULT_SLIPPAGE_BPS,
      spreadBps: this.options.spreadBps ?? DEFAULT_SPREAD_BPS,
    };
  }

  private draft(intent: OrderIntent, instrument: Instrument, now: number): NewPaperOrder {
    return {
      correlationId: intent.correlationId,
      symbol: intent.symbol,
      securityId: instrument.securityId,
      side: intent.side,
      product: intent.product,
      orderType: intent.orderType,
      validity: intent.validity ?? 'DAY',
      quantity: intent.quantity,
      price: intent.price,
      triggerPrice: intent.triggerPrice,
      status: 'PENDING',
      triggered: false,
      filledQuantity: 0,
      marginPerShare: 0,
      createdAt: now,
      updatedAt: now,
      // Resting orders meet the bars that start at or after placement (never a bar already under way).
      checkedTo: Math.ceil(now / this.barMs) * this.barMs,
    };
  }

  /** Inserts a new order (filled at `fillPrice` when given) inside the book's transaction. */
  private async insert(order: NewPaperOrder, t: Transaction, fillPrice?: number): Promise<PlaceOrderResult> {
    const filling = fillPrice !== undefined;
    const inserted = await this.store.insertOrder({ ...order, status: filling ? 'PENDING' : order.status }, t);
    if (!inserted) {
      const existing = await this.store.orderByCorrelationId(order.correlationId, t);
      if (!existing) throw new Error(`paper order ${order.correlationId} conflicted but cannot be found`);
      return { order: toBrokerOrder(existing), alreadyExisted: true };
    }
    const placed = filling ? await this.fill(inserted, fillPrice, order.createdAt, false, t) : inserted;
    return { order: toBrokerOrder(placed), alreadyExisted: false };
  }

  /** Executes the whole order at `price`: one trade with its Indian charges, and the order TRADED. */
  private async fill(
    order: PaperOrder,
    price: number,
    time: number,
    triggered: boolean,
    t: Transaction,
  ): Promise<PaperOrder> {
    const { orderId, symbol, side, product, quantity } = order;
    const charges = fillCharges({ side, product, price, quantity });
    await this.store.insertTrade({ orderId, symbol, side, product, quantity, price, charges, time }, t);
    return this.store.updateOrder(
      orderId,
      { status: 'TRADED', triggered, filledQuantity: quantity, averagePrice: price, updatedAt: time },
      t,
    );
  }
}

function heldFunds(o: PaperOrder): HeldFunds {
  return {
    symbol: o.symbol,
    product: o.product,
    side: o.side,
    unfilled: o.quantity - o.filledQuantity,
    marginPerShare: o.marginPerShare,
  };
}

function circuitRefusal(intent: OrderIntent, quote: BrokerQuote): string | undefined {
  const { lowerCircuit: lower, upperCircuit: upper } = quote;
  if (lower === undefined || upper === undefined || !(upper > 0)) return undefined;
  for (const [name, value] of [
    ['Price', intent.price],
    ['Trigger price', intent.triggerPrice],
  ] as const) {
    if (value !== undefined && (value < lower || value > upper))
      return `${name} ${value} is outside the circuit band ${lower}-${upper}`;
  }
  return undefined;
}

function holdingsRefusal(intent: OrderIntent, sellable: number): string | undefined {
  return intent.quantity > sellable
    ? `Insufficient holdings: ${intent.quantity} ${intent.symbol} to sell, ${sellable} available`
    : undefined;
}

function fundsRefusal(required: number, available: number): string | undefined {
  return required > available
    ? `Insufficient funds: required ${roundPaise(required).toFixed(2)}, available ${available.toFixed(2)}`
    : undefined;
}

function toBrokerOrder(o: PaperOrder): BrokerOrder {
  return {
    orderId: o.orderId,
    correlationId: o.correlationId,
    symbol: o.symbol,
    securityId: o.securityId,
    side: o.side,
    quantity: o.quantity,
    filledQuantity: o.filledQuantity,
    remainingQuantity: o.quantity - o.filledQuantity,
    averagePrice: o.filledQuantity > 0 ? o.averagePrice : undefined,
    orderType: o.orderType,
    product: o.product,
    validity: o.validity,
    price: o.price,
    triggerPrice: o.triggerPrice,
    status: o.status,
    rawStatus: o.status,
    rejectionReason: o.rejectionReason,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
