import { DhanError } from '../../broker/dhan/errors';
import { DAY_MS } from '../../core/time';
import { FeatureEngine, symbolSnapshot, type SymbolSnapshot } from '../../core/indicators';
import { INSTRUMENTS } from '../../core/instruments';
import { type Candle, type Timeframe } from '../../core/types';
import { HttpError, notFoundError } from '../errors';
import { indicatorSeries } from './series';
import { type MarketDataSource, MarketDataUnavailable } from './source';

/** Bars of each timeframe in one NSE session (09:15–15:30, 375 minutes). */
const BARS_PER_SESSION: Readonly<Record<Timeframe, number>> = { '1m': 375, '5m': 75, '15m': 25, '1h': 7, '1d': 1 };
/** Calendar days of 5-minute bars folded into the indicators: enough for the daily EMA(21) and RSI(14). */
const INDICATOR_HISTORY_DAYS = 60;

/** Calendar days that hold at least `sessions` sessions (weekends and a margin for holidays). */
function calendarDaysFor(sessions: number): number {
  return Math.ceil((sessions * 7) / 5) + 10;
}

/** 404 unless the desk trades `symbol`. */
export function assertKnownSymbol(symbol: string): void {
  if (!INSTRUMENTS.some((i) => i.symbol === symbol))
    throw notFoundError(
      `Unknown symbol ${symbol}; the desk trades ${INSTRUMENTS.map((i) => i.symbol).join(', ')}.`,
      'unknown_symbol',
    );
}

/**
 * Calls the market-data source; a broker failure becomes a 502 naming the broker's code (never its
 * request or credentials), and is reported to `onBrokerError` for the metrics.
 */
async function fromBroker<T>(call: () => Promise<T>, onBrokerError: (code: string) => void): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof DhanError) && !(e instanceof MarketDataUnavailable)) throw e;
    const code = e.code ?? e.name;
    onBrokerError(code);
    throw new HttpError(502, 'market_data_unavailable', `The market-data source failed (${code}); try again later.`);
  }
}

/** Reads candles and indicators for the API from a `MarketDataSource`. */
export class MarketDataReader {
  constructor(
    private readonly source: MarketDataSource,
    private readonly onBrokerError: (code: string) => void = () => undefined,
  ) {}

  get sourceName(): string {
    return this.source.name;
  }

  /** The market's time by its source (the simulator runs its own clock), or undefined if it does not answer. */
  marketTime(): Promise<number | undefined> {
    return this.source.now().catch(() => undefined);
  }

  /** The last `limit` closed bars of `timeframe`, oldest first, and the latest quote. */
  async recent(symbol: string, timeframe: Timeframe, limit: number) {
    assertKnownSymbol(symbol);
    const now = await fromBroker(() => this.source.now(), this.onBrokerError);
    const sessions = Math.ceil(limit / BARS_PER_SESSION[timeframe]) + 1;
    const from = now - calendarDaysFor(sessions) * DAY_MS;
    const [candles, quote] = await Promise.all([
      fromBroker(() => this.source.candles(symbol, timeframe, from, now), this.onBrokerError),
      fromBroker(() => this.source.quote(symbol), this.onBrokerError),
    ]);
    return { now, quote, candles: candles.slice(-limit) };
  }

  /** Indicators of every frame, computed by the trading core's feature engine from 5-minute bars. */
  async indicators(symbol: string): Promise<SymbolSnapshot | null> {
    const { bars } = await this.history(symbol);
    if (bars.length === 0) return null;
    const engine = new FeatureEngine(symbol);
    for (const bar of bars) engine.push(bar);
    return symbolSnapshot(engine);
  }

  /** Bars of `timeframe` with their indicators and structure breaks, as the feature engine saw them. */
  async series(symbol: string, timeframe: Timeframe, limit: number) {
    const { now, bars } = await this.history(symbol);
    return { now, ...indicatorSeries(symbol, bars, timeframe, limit) };
  }

  /** The 5-minute bars the indicators are folded from, and the market time they end at. */
  private async history(symbol: string): Promise<{ now: number; bars: Candle[] }> {
    assertKnownSymbol(symbol);
    const now = await fromBroker(() => this.source.now(), this.onBrokerError);
    const bars = await fromBroker(
      () => this.source.candles(symbol, '5m', now - INDICATOR_HISTORY_DAYS * DAY_MS, now),
      this.onBrokerError,
    );
    return { now, bars };
  }
}
