/**
 * Deterministic synthetic NSE sessions: one-minute bars from 09:15 to 15:30 IST on every trading
 * day of the calendar, for each instrument.
 *
 * The price is a random walk in log space whose character changes between regimes (trending with
 * a drift, or mean-reverting towards the day's open), with U-shaped intraday volatility and volume
 * (busy open and close, quiet lunch), occasional opening gaps, prices on the instrument's tick, and
 * a circuit band around the previous close that the price cannot leave. Each (seed, symbol, day)
 * has its own PRNG stream, so a day's shape does not depend on which days were generated before;
 * its level does (it opens from the previous close).
 */
import { type TradingCalendar, isTradingDay } from '../../../core/calendar';
import { type Instrument } from '../../../core/instruments';
import { ceilToTick, floorToTick, roundToTick } from '../../../core/ticks';
import { DAY_MS, istDateKey, istTime, MINUTE_MS } from '../../../core/time';
import { type Candle } from '../../../core/types';
import { Prng, seedFrom } from './prng';
import { type MarketSource } from './source';

export interface SyntheticMarketOptions {
  readonly seed: number;
  readonly instruments: readonly Instrument[];
  /** First generated day (IST `YYYY-MM-DD`); earlier days have no bars. */
  readonly firstDay: string;
  readonly calendar: TradingCalendar;
  /** Opening price of the first day by symbol; default a plausible level per stock, else ₹1000. */
  readonly basePrices?: Readonly<Record<string, number>>;
  /** Standard deviation of a day's close-to-close return (default 0.015 = 1.5 %). */
  readonly dailyVolatility?: number;
  /** Average shares traded per day and symbol (default 5 000 000). */
  readonly dailyVolume?: number;
  /** Circuit band as a fraction of the previous close (default 0.1). */
  readonly bandPct?: number;
}

/** Rough 2026 price levels of the seed stocks, so synthetic prices look familiar. */
const DEFAULT_BASE_PRICES: Readonly<Record<string, number>> = {
  RELIANCE: 1400,
  TCS: 3000,
  INFY: 1200,
  HDFCBANK: 760,
  ICICIBANK: 1230,
};

const BARS_PER_SESSION = 375; // 09:15–15:30 in minutes
const OPEN_MINUTE = 9 * 60 + 15;

export class SyntheticMarketSource implements MarketSource {
  readonly baseMinutes = 1;
  readonly instruments: readonly Instrument[];
  readonly firstDay: string;
  private readonly sessions = new Map<string, Map<string, readonly Candle[]>>(); // symbol → day → bars
  private readonly lastGenerated = new Map<string, { day: string; close: number }>();

  constructor(private readonly options: SyntheticMarketOptions) {
    this.instruments = options.instruments;
    this.firstDay = options.firstDay;
  }

  isTradingDay(dateKey: string): boolean {
    return isTradingDay(dateKey, this.options.calendar);
  }

  session(symbol: string, dateKey: string): readonly Candle[] | undefined {
    if (dateKey < this.firstDay || !this.isTradingDay(dateKey)) return undefined;
    const instrument = this.instruments.find((i) => i.symbol === symbol);
    if (!instrument) return undefined;
    const days = this.sessions.get(symbol) ?? new Map<string, readonly Candle[]>();
    this.sessions.set(symbol, days);
    const cached = days.get(dateKey);
    if (cached) return cached;
    // Generate forward from the last generated day, so each day opens from the previous close.
    let last = this.lastGenerated.get(symbol);
    let day = last ? this.nextDay(last.day) : this.firstTradingDay();
    while (day <= dateKey) {
      const previousClose = last?.close ?? this.basePrice(symbol);
      const bars = generateSession(instrument, day, previousClose, !last, this.options);
      days.set(day, bars);
      last = { day, close: (bars[bars.length - 1] as Candle).close };
      this.lastGenerated.set(symbol, last);
      day = this.nextDay(day);
    }
    return days.get(dateKey);
  }

  private basePrice(symbol: string): number {
    return this.options.basePrices?.[symbol] ?? DEFAULT_BASE_PRICES[symbol] ?? 1000;
  }

  private firstTradingDay(): string {
    return this.isTradingDay(this.firstDay) ? this.firstDay : this.nextDay(this.firstDay);
  }

  private nextDay(dateKey: string): string {
    for (let t = istTime(dateKey, 12, 0) + DAY_MS; ; t += DAY_MS) {
      const candidate = istDateKey(t);
      if (this.isTradingDay(candidate)) return candidate;
    }
  }
}

/** Weight of minute `i` in a U-shaped day: 1 at both ends, 0 at midday. */
function uShape(i: number): number {
  const x = (2 * i) / (BARS_PER_SESSION - 1) - 1;
  return x * x;
}

type Regime =
  { readonly kind: 'trend'; readonly drift: number } | { readonly kind: 'revert'; readonly strength: number };

function pickRegime(rng: Prng, sigma: number): Regime {
  return rng.chance(0.5)
    ? { kind: 'trend', drift: (rng.chance(0.5) ? 1 : -1) * rng.between(0.05, 0.2) * sigma }
    : { kind: 'revert', strength: rng.between(0.01, 0.05) };
}

/** One session of one-minute bars for `instrument` on `day`, opening from `previousClose`. */
function generateSession(
  instrument: Instrument,
  day: string,
  previousClose: number,
  isFirstDay: boolean,
  options: SyntheticMarketOptions,
): Candle[] {
  const rng = new Prng(seedFrom(options.seed, instrument.symbol, day));
  const tick = instrument.tickSize;
  const sigma = (options.dailyVolatility ?? 0.015) / Math.sqrt(BARS_PER_SESSION);
  const band = options.bandPct ?? 0.1;
  const lower = ceilToTick(previousClose * (1 - band), tick);
  const upper = floorToTick(previousClose * (1 + band), tick);
  const clamp = (p: number) => Math.min(upper, Math.max(lower, p));
  const onTick = (p: number) => roundToTick(clamp(p), tick);

  // Most days open near the previous close; about one in five gaps by around a percent.
  const gap = isFirstDay ? 0 : rng.chance(0.2) ? rng.normal() * 0.01 : rng.normal() * 0.002;
  const dayOpen = onTick(previousClose * (1 + gap));
  const meanVolume = (options.dailyVolume ?? 5_000_000) / BARS_PER_SESSION;

  let regime = pickRegime(rng, sigma);
  let price = dayOpen;
  const start = istTime(day, 0, 0) + OPEN_MINUTE * MINUTE_MS;
  const bars: Candle[] = [];
  for (let i = 0; i < BARS_PER_SESSION; i++) {
    if (rng.chance(0.01)) regime = pickRegime(rng, sigma);
    const volatility = sigma * (0.7 + 0.9 * uShape(i));
    const pull = regime.kind === 'trend' ? regime.drift : regime.strength * Math.log(dayOpen / price);
    const open = price;
    const close = onTick(open * Math.exp(pull + volatility * rng.normal()));
    const high = Math.max(onTick(Math.max(open, close) * (1 + Math.abs(rng.normal()) * volatility * 0.5)), open, close);
    const low = Math.min(onTick(Math.min(open, close) * (1 - Math.abs(rng.normal()) * volatility * 0.5)), open, close);
    // Busy open and close, quiet lunch; log-normal noise around that shape.
    const volume = Math.round(meanVolume * (0.6 + 1.2 * uShape(i)) * Math.exp(0.3 * rng.normal() - 0.045));
    bars.push({ time: start + i * MINUTE_MS, open, high, low, close, volume });
    price = close;
  }
  return bars;
}
