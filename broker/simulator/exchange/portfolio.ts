/**
 * Positions, holdings and funds of the simulated Dhan account, kept consistent with every fill.
 *
 * Accounting model (a documented simplification of Dhan's RMS):
 * - Positions net fills per (security, product) for the day; realised P&L is on the matched quantity
 *   (`min(buyQty, sellQty) × (sellAvg − buyAvg)`), unrealised on the open quantity at the last price.
 * - Margin: INTRADAY positions use `value ÷ intradayLeverage`, CNC buys the full value; a CNC sell
 *   comes out of holdings (no margin) and its proceeds are `receiveableAmount` until the next day.
 * - `utilizedAmount` = position margin + margin blocked by working orders + the day's charges;
 *   `availabelBalance` = `sodLimit` + realised P&L − `utilizedAmount`.
 * - A new trading day (`rollover`) closes leftover intraday positions at the last close, moves CNC
 *   buys to holdings as T1 (then demat the day after), credits sale proceeds and starts a new `sodLimit`.
 */
import { type Instrument } from '../../../core/instruments';
import { roundPaise } from '../../../core/ticks';
import { type ProductType, type Side } from '../../../core/types';

export interface SeedHolding {
  readonly symbol: string;
  readonly quantity: number;
  readonly avgCostPrice: number;
}

interface Book {
  readonly instrument: Instrument;
  readonly product: ProductType;
  buyQty: number;
  buyValue: number;
  sellQty: number;
  sellValue: number;
  /** Cost of holdings sold from demat through this CNC book. */
  holdingCost: number;
}

interface Holding {
  readonly instrument: Instrument;
  dpQty: number;
  t1Qty: number;
  avgCostPrice: number;
  soldToday: number;
}

export interface PortfolioOptions {
  readonly clientId: string;
  readonly startingBalance: number;
  readonly intradayLeverage: number;
  readonly holdings: readonly {
    readonly instrument: Instrument;
    readonly quantity: number;
    readonly avgCostPrice: number;
  }[];
}

/** Price lookup for marking positions; `undefined` means "no price", which marks at cost. */
export type PriceOf = (instrument: Instrument) => number | undefined;

const avg = (value: number, qty: number) => (qty > 0 ? value / qty : 0);

export class Portfolio {
  private books = new Map<string, Book>();
  private readonly holdingsById = new Map<string, Holding>();
  /** Today's CNC buys by security id, which become T1 holdings at the rollover. */
  private readonly pendingT1 = new Map<string, number>();
  private sodLimit: number;
  private chargesToday = 0;

  constructor(private readonly options: PortfolioOptions) {
    this.sodLimit = options.startingBalance;
    for (const h of options.holdings)
      this.holdingsById.set(h.instrument.securityId, {
        instrument: h.instrument,
        dpQty: h.quantity,
        t1Qty: 0,
        avgCostPrice: h.avgCostPrice,
        soldToday: 0,
      });
  }

  /** Net quantity of today's position in `instrument` and `product`. */
  netQty(instrument: Instrument, product: ProductType): number {
    const book = this.books.get(key(instrument, product));
    return book ? book.buyQty - book.sellQty : 0;
  }

  /** Shares a CNC sell may still deliver: today's CNC long plus unsold holdings. */
  sellableQty(instrument: Instrument): number {
    const holding = this.holdingsById.get(instrument.securityId);
    const fromHoldings = holding ? holding.dpQty + holding.t1Qty - holding.soldToday : 0;
    return Math.max(0, this.netQty(instrument, 'CNC')) + fromHoldings;
  }

  /** Margin the exchange blocks for `quantity` more shares at `price` on `side` (exposure-increasing part only). */
  marginFor(instrument: Instrument, product: ProductType, side: Side, quantity: number, price: number): number {
    if (product === 'CNC') return side === 'BUY' ? quantity * price : 0;
    const net = this.netQty(instrument, product);
    const reducing = side === 'BUY' ? Math.max(0, -net) : Math.max(0, net);
    return (Math.max(0, quantity - reducing) * price) / this.options.intradayLeverage;
  }

  /** Books one execution and its charges. */
  applyFill(
    instrument: Instrument,
    product: ProductType,
    side: Side,
    quantity: number,
    price: number,
    charges: number,
  ): void {
    const book = this.bookOf(instrument, product);
    if (side === 'BUY') {
      book.buyQty += quantity;
      book.buyValue += quantity * price;
    } else {
      if (product === 'CNC') this.deliverFromHoldings(book, quantity);
      book.sellQty += quantity;
      book.sellValue += quantity * price;
    }
    this.chargesToday += charges;
  }

  /** The part of a CNC sell not covered by today's CNC buys comes out of holdings. */
  private deliverFromHoldings(book: Book, quantity: number): void {
    const todaysLong = Math.max(0, book.buyQty - book.sellQty);
    const fromHoldings = Math.max(0, quantity - todaysLong);
    if (fromHoldings === 0) return;
    const holding = this.holdingsById.get(book.instrument.securityId);
    if (!holding) return;
    holding.soldToday += fromHoldings;
    book.holdingCost += fromHoldings * holding.avgCostPrice;
  }

  private bookOf(instrument: Instrument, product: ProductType): Book {
    const k = key(instrument, product);
    let book = this.books.get(k);
    if (!book) {
      book = { instrument, product, buyQty: 0, buyValue: 0, sellQty: 0, sellValue: 0, holdingCost: 0 };
      this.books.set(k, book);
    }
    return book;
  }

  private leverage(product: ProductType): number {
    return product === 'INTRADAY' ? this.options.intradayLeverage : 1;
  }

  private margin(book: Book): number {
    const net = book.buyQty - book.sellQty;
    if (net > 0) return (net * avg(book.buyValue, book.buyQty)) / this.leverage(book.product);
    if (net < 0 && book.product === 'INTRADAY')
      return (-net * avg(book.sellValue, book.sellQty)) / this.leverage(book.product);
    return 0;
  }

  /** P&L on the quantity bought and sold today. */
  private matchedPnl(book: Book): number {
    const matched = Math.min(book.buyQty, book.sellQty);
    return matched * (avg(book.sellValue, book.sellQty) - avg(book.buyValue, book.buyQty));
  }

  /** Delivery sales out of holdings: proceeds due next day, and their P&L against the holding cost. */
  private delivered(book: Book): { proceeds: number; pnl: number } {
    const net = book.buyQty - book.sellQty;
    if (book.product !== 'CNC' || net >= 0) return { proceeds: 0, pnl: 0 };
    const proceeds = -net * avg(book.sellValue, book.sellQty);
    return { proceeds, pnl: proceeds - book.holdingCost };
  }

  private unrealized(book: Book, price: number | undefined): number {
    const net = book.buyQty - book.sellQty;
    if (price === undefined || net === 0) return 0;
    if (net > 0) return net * (price - avg(book.buyValue, book.buyQty));
    return book.product === 'INTRADAY' ? -net * (avg(book.sellValue, book.sellQty) - price) : 0;
  }

  /** `GET /fundlimit` body, with `blocked` = margin held by working orders. */
  fundLimit(blocked: number) {
    const books = [...this.books.values()];
    const realized = books.reduce((s, b) => s + this.matchedPnl(b), 0);
    const receivable = books.reduce((s, b) => s + this.delivered(b).proceeds, 0);
    const utilized = books.reduce((s, b) => s + this.margin(b), 0) + blocked + this.chargesToday;
    const available = this.sodLimit + realized - utilized;
    return {
      dhanClientId: this.options.clientId,
      availabelBalance: roundPaise(available),
      sodLimit: roundPaise(this.sodLimit),
      collateralAmount: 0,
      receiveableAmount: roundPaise(receivable),
      utilizedAmount: roundPaise(utilized),
      blockedPayoutAmount: 0,
      withdrawableBalance: roundPaise(Math.max(0, available)),
    };
  }

  /** `GET /positions` body. */
  positions(priceOf: PriceOf) {
    return [...this.books.values()].map((b) => {
      const net = b.buyQty - b.sellQty;
      const buyAvg = roundPaise(avg(b.buyValue, b.buyQty));
      const sellAvg = roundPaise(avg(b.sellValue, b.sellQty));
      return {
        dhanClientId: this.options.clientId,
        tradingSymbol: b.instrument.symbol,
        securityId: b.instrument.securityId,
        positionType: net > 0 ? 'LONG' : net < 0 ? 'SHORT' : 'CLOSED',
        exchangeSegment: b.instrument.exchangeSegment,
        productType: b.product,
        buyAvg,
        costPrice: net > 0 ? buyAvg : net < 0 ? sellAvg : 0,
        buyQty: b.buyQty,
        sellAvg,
        sellQty: b.sellQty,
        netQty: net,
        realizedProfit: roundPaise(this.matchedPnl(b) + this.delivered(b).pnl),
        unrealizedProfit: roundPaise(this.unrealized(b, priceOf(b.instrument))),
        rbiReferenceRate: 1,
        multiplier: 1,
        carryForwardBuyQty: 0,
        carryForwardSellQty: 0,
        carryForwardBuyValue: 0,
        carryForwardSellValue: 0,
        dayBuyQty: b.buyQty,
        daySellQty: b.sellQty,
        dayBuyValue: roundPaise(b.buyValue),
        daySellValue: roundPaise(b.sellValue),
        drvExpiryDate: '0001-01-01',
        drvOptionType: null,
        drvStrikePrice: 0,
        crossCurrency: false,
      };
    });
  }

  /** `GET /holdings` body. */
  holdings(priceOf: PriceOf) {
    return [...this.holdingsById.values()]
      .filter((h) => h.dpQty + h.t1Qty > 0)
      .map((h) => ({
        exchange: 'ALL',
        tradingSymbol: h.instrument.symbol,
        securityId: h.instrument.securityId,
        isin: '',
        totalQty: h.dpQty + h.t1Qty,
        dpQty: h.dpQty,
        t1Qty: h.t1Qty,
        availableQty: Math.max(0, h.dpQty + h.t1Qty - h.soldToday),
        collateralQty: 0,
        avgCostPrice: roundPaise(h.avgCostPrice),
        lastTradedPrice: priceOf(h.instrument) ?? 0,
      }));
  }

  /**
   * Starts a new trading day: intraday leftovers close at `closeOf` (Dhan's RMS would have squared
   * them off), CNC buys become T1 holdings and yesterday's T1 moves to demat, sale proceeds settle.
   */
  rollover(closeOf: PriceOf): void {
    let cash = this.sodLimit - this.chargesToday;
    for (const book of this.books.values()) {
      const net = book.buyQty - book.sellQty;
      if (book.product === 'INTRADAY' && net !== 0) {
        const close = closeOf(book.instrument) ?? avg(net > 0 ? book.buyValue : book.sellValue, Math.abs(net));
        if (net > 0) {
          book.sellQty += net;
          book.sellValue += net * close;
        } else {
          book.buyQty -= net;
          book.buyValue -= net * close;
        }
      }
      cash += this.matchedPnl(book) + this.delivered(book).proceeds;
      if (book.product === 'CNC' && net > 0) {
        const cost = net * avg(book.buyValue, book.buyQty);
        cash -= cost;
        this.addT1(book.instrument, net, cost);
      }
    }
    for (const h of this.holdingsById.values()) {
      const sold = h.soldToday;
      // Sales come out of demat first, then out of yesterday's T1.
      const fromDp = Math.min(h.dpQty, sold);
      h.dpQty = h.dpQty - fromDp + h.t1Qty - (sold - fromDp);
      h.t1Qty = 0;
      h.soldToday = 0;
    }
    for (const [securityId, t1] of this.pendingT1) {
      const h = this.holdingsById.get(securityId);
      if (h) h.t1Qty = t1;
    }
    this.pendingT1.clear();
    this.sodLimit = cash;
    this.chargesToday = 0;
    this.books = new Map();
  }

  private addT1(instrument: Instrument, quantity: number, cost: number): void {
    const h = this.holdingsById.get(instrument.securityId) ?? {
      instrument,
      dpQty: 0,
      t1Qty: 0,
      avgCostPrice: 0,
      soldToday: 0,
    };
    const held = h.dpQty + h.t1Qty - h.soldToday;
    h.avgCostPrice = (held * h.avgCostPrice + cost) / (held + quantity);
    this.holdingsById.set(instrument.securityId, h);
    this.pendingT1.set(instrument.securityId, (this.pendingT1.get(instrument.securityId) ?? 0) + quantity);
  }
}

function key(instrument: Instrument, product: ProductType): string {
  return `${instrument.securityId}:${product}`;
}
