/**
 * A market-data source for paper broker tests: quotes and bars set by the test, and order methods
 * that throw, so any attempt to send an order to the data source fails the test.
 */
import { type Broker, type BrokerQuote } from '../../../broker/broker';
import { type Candle, type Timeframe } from '../../../core/types';

export class FakeMarketData implements Broker {
  readonly prices: Record<string, number> = {};
  readonly circuits: Record<string, { lower: number; upper: number }> = {};
  /** Bars by `${symbol}:${timeframe}`, oldest first. */
  private readonly bars = new Map<string, Candle[]>();
  /** Every call the paper broker made, by method name. */
  readonly calls: Record<string, number> = {};

  setBars(symbol: string, timeframe: Timeframe, bars: readonly Candle[]): void {
    this.bars.set(`${symbol}:${timeframe}`, [...bars]);
  }

  private count(method: string): void {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
  }

  private refuse(method: string): never {
    this.count(method);
    throw new Error(`the paper broker called ${method} on its market data source`);
  }

  async quotes(symbols: readonly string[]): Promise<Record<string, BrokerQuote>> {
    this.count('quotes');
    const quotes: Record<string, BrokerQuote> = {};
    for (const symbol of symbols) {
      const lastPrice = this.prices[symbol];
      if (lastPrice === undefined) continue;
      const band = this.circuits[symbol];
      quotes[symbol] = { symbol, lastPrice, lowerCircuit: band?.lower, upperCircuit: band?.upper };
    }
    return quotes;
  }

  async candles(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<Candle[]> {
    this.count('candles');
    return (this.bars.get(`${symbol}:${timeframe}`) ?? []).filter((b) => b.time >= from && b.time < to);
  }

  placeOrder(): never {
    return this.refuse('placeOrder');
  }
  getOrder(): never {
    return this.refuse('getOrder');
  }
  getOrderByCorrelationId(): never {
    return this.refuse('getOrderByCorrelationId');
  }
  cancelOrder(): never {
    return this.refuse('cancelOrder');
  }
  trades(): never {
    return this.refuse('trades');
  }
  positions(): never {
    return this.refuse('positions');
  }
  funds(): never {
    return this.refuse('funds');
  }
}

/** A one-minute bar at `time`. */
export function minuteBar(time: number, open: number, high: number, low: number, close: number): Candle {
  return { time, open, high, low, close, volume: 10_000 };
}
