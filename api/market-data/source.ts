import { type Broker, type BrokerQuote } from '../../broker/broker';
import { type Candle, type Timeframe } from '../../core/types';

/**
 * Where the API reads prices: the broker's market data (the Dhan simulator in paper mode, Dhan
 * itself with MARKET_DATA=dhan). Read-only: the API never places orders through it.
 */
export interface MarketDataSource {
  /** `simulator` or `dhan`, shown in answers. */
  readonly name: string;
  /** Market time now (the simulator runs its own clock). */
  now(): Promise<number>;
  /** Closed bars whose start lies in [from, to), oldest first. */
  candles(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<Candle[]>;
  /** Latest quote, or null when the broker has none. */
  quote(symbol: string): Promise<BrokerQuote | null>;
}

/** A `MarketDataSource` over any `Broker` and a market clock. */
export function brokerMarketData(name: string, broker: Broker, now: () => Promise<number>): MarketDataSource {
  return {
    name,
    now,
    candles: (symbol, timeframe, from, to) => broker.candles(symbol, timeframe, from, to),
    quote: async (symbol) => (await broker.quotes([symbol]))[symbol] ?? null,
  };
}

/** The source cannot answer (e.g. the simulator is not running); `code` labels it in errors and metrics. */
export class MarketDataUnavailable extends Error {
  override readonly name = 'MarketDataUnavailable';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
