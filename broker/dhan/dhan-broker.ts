/**
 * `Broker` over the Dhan v2 API. The same class serves live trading (real Dhan URL) and the
 * default paper mode (the simulator's URL): it takes a ready `DhanClient`, not config, so the
 * factory that decides between the two stays with the caller.
 */
import { DAY_MS } from '../../core/time';
import { INSTRUMENTS, type Instrument } from '../../core/instruments';
import { type Candle, type Timeframe } from '../../core/types';
import {
  BrokerInputError,
  instrumentFor,
  TERMINAL_STATUSES,
  validateOrderIntent,
  type Broker,
  type BrokerFunds,
  type BrokerOrder,
  type BrokerPosition,
  type BrokerQuote,
  type BrokerTrade,
  type OrderIntent,
  type PlaceOrderResult,
} from '../broker';
import { type DhanClient, type PlaceOrderInput } from './client';
import { formatIstDate, formatIstDateTime } from './dates';
import { type DhanIntradayInterval } from './enums';
import { DhanOrderError, DhanResponseError, DhanServerError, isOutcomeUnknown } from './errors';
import {
  statusOf,
  symbolResolver,
  toBrokerFunds,
  toBrokerOrder,
  toBrokerPosition,
  toBrokerQuote,
  toBrokerTrade,
  toCandles,
} from './mapping';
import { systemLimiterClock } from './rate-limits';

export interface DhanBrokerOptions {
  /** The instruments the desk trades (default `core/instruments`). */
  readonly instruments?: readonly Instrument[];
  /**
   * After a placement whose outcome is unknown (timeout, dropped connection, 5xx), wait this long
   * before looking the order up, so a request still in flight has time to land. Default 500 ms.
   */
  readonly reconcileDelayMs?: number;
  /** Injectable for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * The market clock. When given, `candles` drops bars that have not closed yet at `now()` (Dhan
   * returns the forming bar of the current day). Pass `Date.now` for live Dhan; leave it out for the
   * simulator, which only ever returns closed bars at its own simulated time.
   */
  readonly now?: () => number;
}

const INTERVALS: Readonly<Record<Exclude<Timeframe, '1d'>, DhanIntradayInterval>> = {
  '1m': 1,
  '5m': 5,
  '15m': 15,
  '1h': 60,
};

export class DhanBroker implements Broker {
  private readonly instruments: readonly Instrument[];
  private readonly symbolOf: ReturnType<typeof symbolResolver>;
  private readonly reconcileDelayMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Placements in progress in this process, by correlation id (see `placeOrder`). */
  private readonly placing = new Map<string, Promise<PlaceOrderResult>>();

  constructor(
    private readonly client: DhanClient,
    private readonly options: DhanBrokerOptions = {},
  ) {
    this.instruments = options.instruments ?? INSTRUMENTS;
    this.symbolOf = symbolResolver(this.instruments);
    this.reconcileDelayMs = options.reconcileDelayMs ?? 500;
    this.sleep = options.sleep ?? systemLimiterClock.sleep;
  }

  /**
   * Places the intent at most once:
   * 1. validates it (bad input throws `BrokerInputError` and sends nothing);
   * 2. joins a placement of the same correlation id already in progress in this process;
   * 3. looks the correlation id up, and returns that order if it exists (`alreadyExisted: true`);
   * 4. otherwise POSTs it; if the POST fails with an unknown outcome, waits `reconcileDelayMs`, looks
   *    the id up again and returns the order if it landed, else rethrows the (retryable) error.
   *
   * Across processes, step 3 is the guard: an attempt that timed out while its POST was still in
   * flight can, in the worst case, be followed by a retry that looks up before that POST lands. The
   * reconcile delay and Temporal's retry backoff make that window small; only Dhan rejecting duplicate
   * correlation ids could close it, and its docs do not say that it does.
   */
  async placeOrder(intent: OrderIntent, signal?: AbortSignal): Promise<PlaceOrderResult> {
    const checked = validateOrderIntent(intent, this.instruments);
    const id = checked.intent.correlationId;
    const inFlight = this.placing.get(id);
    if (inFlight) return inFlight.then((result) => ({ ...result, alreadyExisted: true }));
    const placement = this.placeOnce(checked.intent, checked.instrument, signal).finally(() => this.placing.delete(id));
    this.placing.set(id, placement);
    return placement;
  }

  private async placeOnce(valid: OrderIntent, instrument: Instrument, signal?: AbortSignal): Promise<PlaceOrderResult> {
    const existing = await this.getOrderByCorrelationId(valid.correlationId, signal);
    if (existing) return { order: existing, alreadyExisted: true };

    const request: PlaceOrderInput = {
      correlationId: valid.correlationId,
      transactionType: valid.side,
      exchangeSegment: instrument.exchangeSegment,
      productType: valid.product,
      orderType: valid.orderType,
      validity: valid.validity ?? 'DAY',
      securityId: instrument.securityId,
      quantity: valid.quantity,
      price: valid.price,
      triggerPrice: valid.triggerPrice,
    };
    let ack;
    try {
      ack = await this.client.placeOrder(request, signal);
    } catch (error) {
      // A 2xx whose body cannot be read may well have placed the order: as unknown as a timeout.
      const unreadable = error instanceof DhanResponseError;
      if (!isOutcomeUnknown(error) && !unreadable) throw error;
      const landed = await this.reconcile(valid.correlationId, signal);
      if (landed) return { order: landed, alreadyExisted: true };
      if (unreadable)
        throw new DhanServerError(
          `${error.message}; the order may exist, so retry (the retry looks it up by correlation id first)`,
          { endpoint: error.endpoint, status: error.status },
        );
      throw error;
    }
    // The order exists now; failing to read it back must not make the caller place it again.
    const order = await this.getOrder(ack.orderId, signal).catch(() => null);
    return {
      order: order ?? {
        orderId: ack.orderId,
        correlationId: valid.correlationId,
        symbol: valid.symbol,
        securityId: instrument.securityId,
        side: valid.side,
        quantity: valid.quantity,
        filledQuantity: 0,
        remainingQuantity: valid.quantity,
        orderType: valid.orderType,
        product: valid.product,
        validity: request.validity,
        price: valid.price,
        triggerPrice: valid.triggerPrice,
        status: statusOf(ack.orderStatus),
        rawStatus: ack.orderStatus,
      },
      alreadyExisted: false,
    };
  }

  private async reconcile(correlationId: string, signal?: AbortSignal): Promise<BrokerOrder | null> {
    try {
      await this.sleep(this.reconcileDelayMs, signal);
      return await this.getOrderByCorrelationId(correlationId, signal);
    } catch {
      // The caller rethrows the original error; the next attempt looks the id up first anyway.
      return null;
    }
  }

  async getOrder(orderId: string, signal?: AbortSignal): Promise<BrokerOrder | null> {
    const order = await this.client.order(orderId, signal);
    return order && toBrokerOrder(order, this.symbolOf);
  }

  async getOrderByCorrelationId(correlationId: string, signal?: AbortSignal): Promise<BrokerOrder | null> {
    const order = await this.client.orderByCorrelationId(correlationId, signal);
    return order && toBrokerOrder(order, this.symbolOf);
  }

  /**
   * Cancels a working order and returns it as it stands afterwards. Cancelling an order that has
   * already reached a final state (e.g. a retried cancel, or it traded meanwhile) returns that order
   * instead of failing, so the caller sees what really happened.
   */
  async cancelOrder(orderId: string, signal?: AbortSignal): Promise<BrokerOrder> {
    try {
      await this.client.cancelOrder(orderId, signal);
    } catch (error) {
      if (!(error instanceof DhanOrderError)) throw error;
      const order = await this.getOrder(orderId, signal);
      if (order && TERMINAL_STATUSES.has(order.status)) return order;
      throw error;
    }
    const order = await this.getOrder(orderId, signal);
    if (!order)
      throw new DhanResponseError(`Dhan cancelled order ${orderId} but then did not find it`, {
        endpoint: `GET /orders/${orderId}`,
      });
    return order;
  }

  async trades(orderId: string, signal?: AbortSignal): Promise<BrokerTrade[]> {
    return (await this.client.tradesOfOrder(orderId, signal)).map((t) => toBrokerTrade(t, this.symbolOf));
  }

  async positions(signal?: AbortSignal): Promise<BrokerPosition[]> {
    return (await this.client.positions(signal)).map((p) => toBrokerPosition(p, this.symbolOf));
  }

  async funds(signal?: AbortSignal): Promise<BrokerFunds> {
    return toBrokerFunds(await this.client.fundLimit(signal));
  }

  /** Full quotes (one request for all symbols; Dhan allows 1 quote request per second). */
  async quotes(symbols: readonly string[], signal?: AbortSignal): Promise<Record<string, BrokerQuote>> {
    const wanted = [...new Set(symbols)].map((s) => instrumentFor(s, this.instruments));
    if (wanted.length === 0) return {};
    const request: Record<string, number[]> = {};
    for (const i of wanted) (request[i.exchangeSegment] ??= []).push(Number(i.securityId));
    const response = await this.client.quote(request, signal);
    const quotes: Record<string, BrokerQuote> = {};
    for (const i of wanted) {
      const entry = response.data[i.exchangeSegment]?.[i.securityId];
      if (entry) quotes[i.symbol] = toBrokerQuote(i.symbol, entry);
    }
    return quotes;
  }

  /**
   * Bars whose start lies in `[from, to)`, oldest first. Daily bars are stamped 00:00 IST of their
   * date; intraday bars at their start. Ranges over 90 days are split by the client.
   */
  async candles(
    symbol: string,
    timeframe: Timeframe,
    from: number,
    to: number,
    signal?: AbortSignal,
  ): Promise<Candle[]> {
    const instrument = instrumentFor(symbol, this.instruments);
    if (!Number.isFinite(from) || !Number.isFinite(to) || !(from < to))
      throw new BrokerInputError(`candles: need finite epoch-ms bounds with from < to, got [${from}, ${to})`);
    const base = {
      securityId: instrument.securityId,
      exchangeSegment: instrument.exchangeSegment,
      instrument: 'EQUITY' as const,
    };
    let raw;
    let barMs: number;
    if (timeframe === '1d') {
      // `toDate` is exclusive: ask up to the day after the one that holds `to - 1`.
      const request = { ...base, fromDate: formatIstDate(from), toDate: formatIstDate(to - 1 + DAY_MS) };
      raw = await this.client.dailyCandles(request, signal);
      barMs = DAY_MS;
    } else {
      const interval = INTERVALS[timeframe];
      const request = { ...base, interval, fromDate: formatIstDateTime(from), toDate: formatIstDateTime(to) };
      raw = await this.client.intradayCandles(request, signal);
      barMs = interval * 60_000;
    }
    const now = this.options.now?.();
    // Daily bars are stamped at midnight but close at 15:30; only intraday bars are filtered by `now`.
    return toCandles(raw).filter(
      (c) => c.time >= from && c.time < to && (now === undefined || timeframe === '1d' || c.time + barMs <= now),
    );
  }
}
