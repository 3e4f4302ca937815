/**
 * The simulated exchange and broker RMS: accepts, rejects, matches and expires orders against the
 * simulated market, and books fills into the portfolio.
 *
 * Time is lazy: nothing runs on timers. Every request first calls `sync(now)`, which replays what
 * happened since the last sync in time order — orders leaving TRANSIT, bars closing (fills), the
 * 15:20 auto square-off, the 15:30 expiry and the next day's rollover — so the stepped clock and the
 * real-time clock behave the same, and results never depend on timer scheduling.
 *
 * Matching (core/fills): a market order, or a limit/stop order that is marketable when it reaches
 * the exchange, fills at once at the last price ± half the spread (market orders also slip); working
 * orders fill against each closing bar, at most `participation × bar volume` shares per bar, so large
 * orders go PART_TRADED before TRADED.
 */
import { fillCharges } from '../../../core/costs';
import {
  DEFAULT_SLIPPAGE_BPS,
  DEFAULT_SPREAD_BPS,
  fillOnBar,
  immediateMarketFill,
  touchPrice,
  type ImmediateFillOptions,
  type PaperOrder,
} from '../../../core/fills';
import { type Instrument } from '../../../core/instruments';
import { isOnTick } from '../../../core/ticks';
import { hm, istDateKey, istTime, MINUTE_MS } from '../../../core/time';
import { type Candle, type ProductType, type Side } from '../../../core/types';
import { type ModifyOrderRequest, type PlaceOrderRequest } from '../../dhan/requests';
import { type Market } from '../market/market';
import { orderToWire, tradeToWire, WORKING, type SimOrder, type SimOrderStatus, type SimTrade } from './order';
import { Portfolio, type SeedHolding } from './portfolio';

export interface ExchangeOptions {
  readonly clientId: string;
  /** Cash at the start (₹). Default 1 000 000. */
  readonly startingBalance?: number;
  /** Intraday margin multiple (1 = no leverage). Default 1. */
  readonly intradayLeverage?: number;
  /** Bid–ask spread in basis points; immediate fills pay half of it. Default 2. */
  readonly spreadBps?: number;
  /** Extra adverse slippage of market-like fills, in basis points. Default 1. */
  readonly slippageBps?: number;
  /** Share of a bar's volume one working order may take. Default 0.1. */
  readonly participation?: number;
  /** Wall-clock milliseconds an order stays TRANSIT before the exchange sees it. Default 0 (next request). */
  readonly transitMs?: number;
  /**
   * How refused orders are reported: `async` (default) accepts them as TRANSIT and then shows them
   * REJECTED with `omsErrorDescription`; `sync` answers the POST with 400 DH-906. Dhan does both.
   */
  readonly rejectMode?: 'async' | 'sync';
  /** Final status of DAY orders still working at 15:30 (Dhan's docs are unclear). Default `EXPIRED`. */
  readonly endOfDayStatus?: 'EXPIRED' | 'CANCELLED';
  /** IST time of Dhan's intraday auto square-off, or `null` for none. Default `15:20`. */
  readonly autoSquareOff?: string | null;
  /** Demat holdings at the start. */
  readonly holdings?: readonly SeedHolding[];
}

/** A request Dhan would refuse outright: the HTTP layer answers 400 with this code. */
export class OrderRefused extends Error {
  constructor(
    readonly code: 'DH-905' | 'DH-906',
    message: string,
  ) {
    super(message);
    this.name = 'OrderRefused';
  }
}

const MAX_MODIFICATIONS = 25;

type TimedEvent =
  | { readonly time: number; readonly rank: 0; readonly kind: 'open'; readonly day: string }
  | {
      readonly time: number;
      readonly rank: 1;
      readonly kind: 'bar';
      readonly instrument: Instrument;
      readonly bar: Candle;
    }
  | { readonly time: number; readonly rank: 2; readonly kind: 'squareoff' }
  | { readonly time: number; readonly rank: 3; readonly kind: 'close' };

export class Exchange {
  private orders: SimOrder[] = [];
  private trades: SimTrade[] = [];
  /** Orders and trades of earlier simulated days (the Dhan books show only today's). */
  private readonly archive: { orders: SimOrder[]; trades: SimTrade[] } = { orders: [], trades: [] };
  private readonly portfolio: Portfolio;
  private syncedTo: number;
  private orderSeq = 0;
  private tradeSeq = 0;
  private readonly squareOffMinute: number | null;

  constructor(
    private readonly market: Market,
    private readonly options: ExchangeOptions,
    start: number,
    private readonly wallClock: () => number = Date.now,
  ) {
    this.syncedTo = start;
    this.squareOffMinute = options.autoSquareOff === null ? null : hm(options.autoSquareOff ?? '15:20');
    const holdings = (options.holdings ?? []).map((h) => {
      const instrument = market.instruments.find((i) => i.symbol === h.symbol);
      if (!instrument) throw new RangeError(`seed holding of unknown symbol ${h.symbol}`);
      return { instrument, quantity: h.quantity, avgCostPrice: h.avgCostPrice };
    });
    this.portfolio = new Portfolio({
      clientId: options.clientId,
      startingBalance: options.startingBalance ?? 1_000_000,
      intradayLeverage: options.intradayLeverage ?? 1,
      holdings,
    });
  }

  // ---------------------------------------------------------------- time

  /** Brings the exchange up to market time `now` (see the module comment). Never goes back. */
  sync(now: number): void {
    this.acceptDue(this.syncedTo);
    if (now <= this.syncedTo) return;
    for (const event of this.eventsIn(this.syncedTo, now)) {
      if (event.kind === 'open') this.rollover(event.day, event.time);
      else if (event.kind === 'bar') this.onBar(event.instrument, event.bar, event.time);
      else if (event.kind === 'squareoff') this.squareOff(event.time);
      else this.expireDayOrders(event.time);
    }
    this.syncedTo = now;
    this.acceptDue(now);
  }

  private eventsIn(after: number, upTo: number): TimedEvent[] {
    const events: TimedEvent[] = this.market
      .barsClosingIn(after, upTo)
      .map((b) => ({ time: b.closesAt, rank: 1, kind: 'bar', instrument: b.instrument, bar: b.bar }));
    const session = this.market.session;
    for (let day = istDateKey(after); day <= istDateKey(upTo); day = istDateKey(istTime(day, 12, 0) + 86_400_000)) {
      if (!session.isTradingDay(day)) continue;
      const inRange = (t: number) => t > after && t <= upTo;
      if (inRange(session.open(day))) events.push({ time: session.open(day), rank: 0, kind: 'open', day });
      if (this.squareOffMinute !== null) {
        const t = istTime(day, 0, 0) + this.squareOffMinute * MINUTE_MS;
        if (inRange(t)) events.push({ time: t, rank: 2, kind: 'squareoff' });
      }
      if (inRange(session.close(day))) events.push({ time: session.close(day), rank: 3, kind: 'close' });
    }
    return events.sort((a, b) => a.time - b.time || a.rank - b.rank);
  }

  /** Orders whose TRANSIT delay has passed reach the exchange at market time `at`. */
  private acceptDue(at: number): void {
    const wall = this.wallClock();
    for (const o of this.orders) {
      if (o.status !== 'TRANSIT' || wall - o.placedWall < (this.options.transitMs ?? 0)) continue;
      o.updateTime = Math.max(at, o.createTime);
      if (o.pendingRejection) {
        this.finish(o, 'REJECTED', o.updateTime, o.pendingRejection);
        continue;
      }
      o.status = 'PENDING';
      o.exchangeOrderId = `1100${o.orderId}`;
      o.exchangeTime = o.updateTime;
      this.fillNow(o, o.updateTime);
      if (o.validity === 'IOC' && WORKING.has(o.status)) this.finish(o, 'CANCELLED', o.updateTime);
    }
  }

  // ---------------------------------------------------------------- requests

  /** `POST /orders`: records the order as TRANSIT (or refuses it in `sync` reject mode). */
  place(body: PlaceOrderRequest, now: number): { orderId: string; orderStatus: SimOrderStatus } {
    const instrument = this.instrumentOf(body.securityId, body.exchangeSegment);
    if (body.productType !== 'CNC' && body.productType !== 'INTRADAY')
      throw new OrderRefused(
        'DH-905',
        `productType ${body.productType} is not supported by the simulator (CNC, INTRADAY)`,
      );
    if (body.afterMarketOrder)
      throw new OrderRefused('DH-906', 'After-market orders are not supported by the simulator');
    const draft = {
      instrument,
      side: body.transactionType,
      product: body.productType as ProductType,
      orderType: body.orderType,
      quantity: body.quantity,
      price: body.price ?? 0,
      triggerPrice: body.triggerPrice ?? 0,
    };
    const problem = this.refusal(draft, now, undefined);
    if (problem && this.options.rejectMode === 'sync') throw new OrderRefused('DH-906', problem);
    const order: SimOrder = {
      ...draft,
      orderId: String(112_600_000_000 + ++this.orderSeq),
      correlationId: body.correlationId || undefined,
      validity: body.validity,
      price: needsPrice(body.orderType) ? draft.price : 0,
      triggerPrice: needsTrigger(body.orderType) ? draft.triggerPrice : 0,
      disclosedQuantity: body.disclosedQuantity ?? 0,
      status: 'TRANSIT',
      filledQty: 0,
      filledValue: 0,
      triggered: false,
      modifications: 0,
      createTime: now,
      updateTime: now,
      pendingRejection: problem,
      placedWall: this.wallClock(),
      marginPerShare: problem ? 0 : this.marginPerShare(draft, now),
      system: false,
    };
    this.orders.push(order);
    return { orderId: order.orderId, orderStatus: order.status };
  }

  /** `PUT /orders/{id}`: only working orders; `quantity` is the new total. */
  modify(orderId: string, body: ModifyOrderRequest, now: number): { orderId: string; orderStatus: SimOrderStatus } {
    const o = this.todaysOrder(orderId);
    if (!WORKING.has(o.status))
      throw new OrderRefused('DH-906', `Order ${orderId} is ${o.status} and cannot be modified`);
    if (o.modifications >= MAX_MODIFICATIONS)
      throw new OrderRefused('DH-906', `Order ${orderId} reached the limit of ${MAX_MODIFICATIONS} modifications`);
    const quantity = body.quantity ?? o.quantity;
    if (quantity <= o.filledQty)
      throw new OrderRefused('DH-906', `quantity ${quantity} must exceed the ${o.filledQty} shares already filled`);
    const draft = {
      instrument: o.instrument,
      side: o.side,
      product: o.product,
      orderType: body.orderType,
      quantity: quantity - o.filledQty,
      price: body.price ?? o.price,
      triggerPrice: body.triggerPrice ?? o.triggerPrice,
    };
    const problem = this.refusal(draft, now, o);
    if (problem) throw new OrderRefused('DH-906', problem);
    Object.assign(o, {
      orderType: body.orderType,
      validity: body.validity,
      quantity,
      price: needsPrice(body.orderType) ? draft.price : 0,
      triggerPrice: needsTrigger(body.orderType) ? draft.triggerPrice : 0,
      disclosedQuantity: body.disclosedQuantity ?? o.disclosedQuantity,
      modifications: o.modifications + 1,
      updateTime: now,
      marginPerShare: this.marginPerShare(draft, now),
    });
    if (o.status !== 'TRANSIT') this.fillNow(o, now);
    return { orderId: o.orderId, orderStatus: o.status };
  }

  /** `DELETE /orders/{id}`: working orders become CANCELLED. */
  cancel(orderId: string, now: number): { orderId: string; orderStatus: SimOrderStatus } {
    const o = this.todaysOrder(orderId);
    if (!WORKING.has(o.status))
      throw new OrderRefused('DH-906', `Order ${orderId} is ${o.status} and cannot be cancelled`);
    this.finish(o, 'CANCELLED', now);
    return { orderId: o.orderId, orderStatus: o.status };
  }

  // ---------------------------------------------------------------- queries (Dhan wire shapes)

  orderBook() {
    return this.orders.map((o) => orderToWire(o, this.options.clientId));
  }

  orderById(orderId: string) {
    return orderToWire(this.todaysOrder(orderId), this.options.clientId);
  }

  /** The latest of today's orders tagged `correlationId` (Dhan does not promise uniqueness). */
  orderByCorrelationId(correlationId: string) {
    const o = [...this.orders].reverse().find((x) => x.correlationId === correlationId);
    if (!o) throw new OrderRefused('DH-906', `No order found for correlation id ${correlationId}`);
    return orderToWire(o, this.options.clientId);
  }

  tradeBook() {
    return this.trades.map((t) => tradeToWire(t, this.options.clientId));
  }

  tradesOf(orderId: string) {
    const o = this.todaysOrder(orderId);
    return this.trades.filter((t) => t.order === o).map((t) => tradeToWire(t, this.options.clientId));
  }

  positions(now: number) {
    return this.portfolio.positions((i) => this.market.lastPrice(i.symbol, now));
  }

  holdings(now: number) {
    return this.portfolio.holdings((i) => this.market.lastPrice(i.symbol, now));
  }

  fundLimit() {
    return this.portfolio.fundLimit(this.blockedMargin());
  }

  /** Every order since the simulator started, oldest first (for tests counting duplicates). */
  allOrders() {
    return [...this.archive.orders, ...this.orders].map((o) => orderToWire(o, this.options.clientId));
  }

  /** Every trade since the simulator started. */
  allTrades() {
    return [...this.archive.trades, ...this.trades].map((t) => tradeToWire(t, this.options.clientId));
  }

  // ---------------------------------------------------------------- rules

  private instrumentOf(securityId: string, segment: string): Instrument {
    const instrument = this.market.bySecurityId(securityId);
    if (!instrument || instrument.exchangeSegment !== segment)
      throw new OrderRefused('DH-905', `Invalid securityId ${securityId} for ${segment}`);
    return instrument;
  }

  private todaysOrder(orderId: string): SimOrder {
    const o = this.orders.find((x) => x.orderId === orderId);
    if (!o) throw new OrderRefused('DH-906', `Order ${orderId} not found`);
    return o;
  }

  /** Why the exchange or the RMS would refuse this order now, or `undefined` if it is acceptable. */
  private refusal(d: Draft, now: number, replacing: SimOrder | undefined): string | undefined {
    const { instrument, side, product } = d;
    if (d.quantity <= 0) return 'Quantity should be greater than zero';
    if (d.quantity % instrument.lotSize !== 0) return `Quantity should be a multiple of lot size ${instrument.lotSize}`;
    if (!this.market.session.isOpen(now))
      return 'Markets are Offline or Blocked: orders are accepted 09:15-15:30 IST on trading days';
    const band = this.market.band(instrument, istDateKey(now));
    for (const [name, value] of [
      ['Price', needsPrice(d.orderType) ? d.price : 0],
      ['Trigger price', needsTrigger(d.orderType) ? d.triggerPrice : 0],
    ] as const) {
      if (value === 0) continue;
      if (!isOnTick(value, instrument.tickSize))
        return `${name} ${value} is not a multiple of tick size ${instrument.tickSize}`;
      if (band && (value < band.lower || value > band.upper))
        return `${name} ${value} is outside the circuit band ${band.lower}-${band.upper}`;
    }
    const net = this.portfolio.netQty(instrument, product);
    const adds = side === 'BUY' ? net >= 0 : net <= 0;
    if (product === 'INTRADAY' && adds && this.pastSquareOff(now))
      return 'Intraday orders that open or add to a position are blocked after the auto square-off time';
    if (product === 'CNC' && side === 'SELL') {
      const committed = this.working()
        .filter((o) => o !== replacing && o.instrument === instrument && o.product === 'CNC' && o.side === 'SELL')
        .reduce((n, o) => n + o.quantity - o.filledQty, 0);
      const sellable = this.portfolio.sellableQty(instrument) - committed;
      if (d.quantity > sellable)
        return `Insufficient holdings: ${d.quantity} ${instrument.symbol} to sell, ${Math.max(0, sellable)} available`;
    }
    const required = this.marginPerShare(d, now) * d.quantity;
    const available = this.portfolio.fundLimit(this.blockedMargin(replacing)).availabelBalance;
    if (required > available)
      return `Insufficient funds: required ${required.toFixed(2)}, available ${available.toFixed(2)}`;
    return undefined;
  }

  private pastSquareOff(now: number): boolean {
    return this.squareOffMinute !== null && now >= istTime(istDateKey(now), 0, 0) + this.squareOffMinute * MINUTE_MS;
  }

  private marginPerShare(d: Draft, now: number): number {
    const reference = needsPrice(d.orderType) ? d.price : (this.market.lastPrice(d.instrument.symbol, now) ?? 0);
    return d.quantity > 0
      ? this.portfolio.marginFor(d.instrument, d.product, d.side, d.quantity, reference) / d.quantity
      : 0;
  }

  private working(): SimOrder[] {
    return this.orders.filter((o) => WORKING.has(o.status) && !o.pendingRejection);
  }

  private blockedMargin(except?: SimOrder): number {
    return this.working()
      .filter((o) => o !== except)
      .reduce((sum, o) => sum + o.marginPerShare * (o.quantity - o.filledQty), 0);
  }

  // ---------------------------------------------------------------- matching

  private fillOptions(instrument: Instrument, slippage = true): ImmediateFillOptions {
    return {
      tickSize: instrument.tickSize,
      slippageBps: slippage ? (this.options.slippageBps ?? DEFAULT_SLIPPAGE_BPS) : 0,
      spreadBps: this.options.spreadBps ?? DEFAULT_SPREAD_BPS,
    };
  }

  /** Fills what is marketable against the last price at `at`, in full (core/fills: the backtester fills the same way). */
  private fillNow(o: SimOrder, at: number): void {
    const last = this.market.lastPrice(o.instrument.symbol, at);
    if (last === undefined) return;
    const options = this.fillOptions(o.instrument);
    if (isStop(o) && !o.triggered) {
      const reached = o.side === 'BUY' ? last >= o.triggerPrice : last <= o.triggerPrice;
      if (!reached) return;
      o.triggered = true;
    }
    const limit = needsPrice(o.orderType) ? o.price : undefined;
    if (limit === undefined) {
      this.execute(o, o.quantity - o.filledQty, immediateMarketFill(o.side, last, at, options).price, at);
      return;
    }
    const touch = touchPrice(o.side, last, options.spreadBps, options.tickSize);
    if (o.side === 'BUY' ? limit >= touch : limit <= touch) this.execute(o, o.quantity - o.filledQty, touch, at);
  }

  /** A bar closed at `closesAt`: working orders of its instrument may fill, up to the participation cap. */
  private onBar(instrument: Instrument, bar: Candle, closesAt: number): void {
    const capacity = Math.floor(bar.volume * (this.options.participation ?? 0.1));
    for (const o of this.working()) {
      if (o.instrument !== instrument || o.status === 'TRANSIT') continue;
      const outcome = fillOnBar(asPaperOrder(o), bar, this.fillOptions(instrument));
      if (outcome.status === 'pending') continue;
      if (isStop(o)) o.triggered = true;
      if (outcome.status !== 'filled' || capacity === 0) continue;
      this.execute(o, Math.min(capacity, o.quantity - o.filledQty), outcome.fill.price, closesAt);
    }
  }

  private execute(o: SimOrder, quantity: number, rawPrice: number, at: number): void {
    if (quantity <= 0) return;
    const band = this.market.band(o.instrument, istDateKey(at));
    const price = band ? Math.min(band.upper, Math.max(band.lower, rawPrice)) : rawPrice;
    const charges = fillCharges({ side: o.side, product: o.product, price, quantity, priorTurnover: o.filledValue });
    this.portfolio.applyFill(o.instrument, o.product, o.side, quantity, price, charges.total);
    o.filledQty += quantity;
    o.filledValue += price * quantity;
    o.status = o.filledQty >= o.quantity ? 'TRADED' : 'PART_TRADED';
    o.updateTime = at;
    this.trades.push({ tradeId: String(2_100_000_000 + ++this.tradeSeq), order: o, quantity, price, time: at });
  }

  private finish(o: SimOrder, status: SimOrderStatus, at: number, reason?: string): void {
    o.status = status;
    o.updateTime = at;
    if (reason) o.omsErrorDescription = reason;
  }

  /** Dhan's RMS at 15:20: cancel working intraday orders, then close every intraday position at market. */
  private squareOff(at: number): void {
    for (const o of this.working())
      if (o.product === 'INTRADAY') this.finish(o, 'CANCELLED', at, 'Cancelled by RMS at auto square-off');
    for (const instrument of this.market.instruments) {
      const net = this.portfolio.netQty(instrument, 'INTRADAY');
      if (net === 0) continue;
      const side: Side = net > 0 ? 'SELL' : 'BUY';
      const o: SimOrder = {
        orderId: String(112_600_000_000 + ++this.orderSeq),
        instrument,
        side,
        product: 'INTRADAY',
        orderType: 'MARKET',
        validity: 'DAY',
        quantity: Math.abs(net),
        price: 0,
        triggerPrice: 0,
        disclosedQuantity: 0,
        status: 'PENDING',
        filledQty: 0,
        filledValue: 0,
        triggered: false,
        modifications: 0,
        createTime: at,
        updateTime: at,
        exchangeTime: at,
        placedWall: this.wallClock(),
        marginPerShare: 0,
        system: true,
      };
      this.orders.push(o);
      this.fillNow(o, at);
    }
  }

  /** 15:30: working DAY orders lapse. */
  private expireDayOrders(at: number): void {
    const status = this.options.endOfDayStatus ?? 'EXPIRED';
    for (const o of this.orders) if (WORKING.has(o.status)) this.finish(o, status, at);
  }

  /** A new trading day: yesterday's books are archived and the portfolio rolls over. */
  private rollover(day: string, at: number): void {
    this.expireDayOrders(at);
    const previousClose = (i: Instrument) => this.market.previousClose(i.symbol, day);
    this.portfolio.rollover(previousClose);
    this.archive.orders.push(...this.orders);
    this.archive.trades.push(...this.trades);
    this.orders = [];
    this.trades = [];
  }
}

interface Draft {
  readonly instrument: Instrument;
  readonly side: Side;
  readonly product: ProductType;
  readonly orderType: SimOrder['orderType'];
  readonly quantity: number;
  readonly price: number;
  readonly triggerPrice: number;
}

function needsPrice(orderType: string): boolean {
  return orderType === 'LIMIT' || orderType === 'STOP_LOSS';
}

function needsTrigger(orderType: string): boolean {
  return orderType === 'STOP_LOSS' || orderType === 'STOP_LOSS_MARKET';
}

function isStop(o: SimOrder): boolean {
  return needsTrigger(o.orderType);
}

/** The order as core/fills sees it: a triggered stop works as its limit (or as a market order). */
function asPaperOrder(o: SimOrder): PaperOrder {
  if (isStop(o) && o.triggered)
    return o.orderType === 'STOP_LOSS'
      ? { side: o.side, orderType: 'LIMIT', price: o.price }
      : { side: o.side, orderType: 'MARKET' };
  return {
    side: o.side,
    orderType: o.orderType,
    price: needsPrice(o.orderType) ? o.price : undefined,
    triggerPrice: needsTrigger(o.orderType) ? o.triggerPrice : undefined,
  };
}
