/**
 * The simulated market at a given instant: last prices, the day's OHLC, circuit bands and candles
 * made only of bars that have closed by then. Every question takes the market time as an argument;
 * the simulator's clock decides what "now" is.
 */
import { type Instrument } from '../../../core/instruments';
import { ceilToTick, floorToTick } from '../../../core/ticks';
import { DAY_MS, istDateKey, istTime, MINUTE_MS } from '../../../core/time';
import { type Candle } from '../../../core/types';
import { createSession, type SimSession } from '../session';
import { type MarketSource } from './source';

/** A base bar of one symbol, with the instant it closed. */
export interface ClosedBar {
  readonly instrument: Instrument;
  readonly bar: Candle;
  readonly closesAt: number;
}

export interface DayStats {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly volume: number;
  /** Volume-weighted average of the closed bars' typical prices. */
  readonly vwap: number;
}

export class Market {
  readonly session: SimSession;
  private readonly barMs: number;

  constructor(
    readonly source: MarketSource,
    /** Circuit band as a fraction of the previous close. */
    private readonly bandPct = 0.1,
  ) {
    this.session = createSession((d) => source.isTradingDay(d));
    this.barMs = source.baseMinutes * MINUTE_MS;
  }

  get instruments(): readonly Instrument[] {
    return this.source.instruments;
  }

  get baseMinutes(): number {
    return this.source.baseMinutes;
  }

  bySecurityId(securityId: string): Instrument | undefined {
    return this.instruments.find((i) => i.securityId === securityId);
  }

  /** Today's bars that have closed by `t`. */
  closedBarsOfDay(symbol: string, t: number): readonly Candle[] {
    const bars = this.source.session(symbol, istDateKey(t)) ?? [];
    const closed = bars.findIndex((b) => b.time + this.barMs > t);
    return closed < 0 ? bars : bars.slice(0, closed);
  }

  /** Close of the last session strictly before `dateKey`, or `undefined` before the first day. */
  previousClose(symbol: string, dateKey: string): number | undefined {
    for (let day = dateKey, i = 0; i < 60; i++) {
      day = istDateKey(istTime(day, 12, 0) - DAY_MS);
      if (day < this.source.firstDay) return undefined;
      const bars = this.source.session(symbol, day);
      if (bars && bars.length > 0) return (bars[bars.length - 1] as Candle).close;
    }
    return undefined;
  }

  /**
   * Last traded price at `t`: the close of today's last closed bar; at the open, the first bar's
   * open; before it (or on a closed day), the last close before today.
   */
  lastPrice(symbol: string, t: number): number | undefined {
    const today = istDateKey(t);
    const closed = this.closedBarsOfDay(symbol, t);
    const last = closed[closed.length - 1];
    if (last) return last.close;
    const first = this.source.session(symbol, today)?.[0];
    if (first && t >= first.time) return first.open;
    return this.previousClose(symbol, today);
  }

  /** Time of the last trade at `t` (the close of the last closed bar), if any today. */
  lastTradeTime(symbol: string, t: number): number | undefined {
    const last = this.closedBarsOfDay(symbol, t).at(-1);
    return last ? last.time + this.barMs : undefined;
  }

  /** The day's open, high, low, volume and VWAP from bars closed by `t`; `undefined` before the first closes. */
  dayStats(symbol: string, t: number): DayStats | undefined {
    const closed = this.closedBarsOfDay(symbol, t);
    const first = closed[0];
    if (!first) return undefined;
    let volume = 0;
    let value = 0;
    for (const b of closed) {
      volume += b.volume;
      value += b.volume * ((b.high + b.low + b.close) / 3);
    }
    return {
      open: first.open,
      high: Math.max(...closed.map((b) => b.high)),
      low: Math.min(...closed.map((b) => b.low)),
      volume,
      vwap: volume > 0 ? value / volume : first.open,
    };
  }

  /** The circuit band `[lower, upper]` of `dateKey`, on the tick, around the previous close. */
  band(instrument: Instrument, dateKey: string): { lower: number; upper: number } | undefined {
    const reference =
      this.previousClose(instrument.symbol, dateKey) ?? this.source.session(instrument.symbol, dateKey)?.[0]?.open;
    if (reference === undefined) return undefined;
    return {
      lower: ceilToTick(reference * (1 - this.bandPct), instrument.tickSize),
      upper: floorToTick(reference * (1 + this.bandPct), instrument.tickSize),
    };
  }

  /** Base bars of every instrument that close in `(after, upTo]`, in closing order. */
  barsClosingIn(after: number, upTo: number): ClosedBar[] {
    const found: ClosedBar[] = [];
    if (!(upTo > after)) return found;
    for (let day = istDateKey(after); day <= istDateKey(upTo); day = istDateKey(istTime(day, 12, 0) + DAY_MS)) {
      if (!this.source.isTradingDay(day)) continue;
      for (const instrument of this.instruments) {
        for (const bar of this.source.session(instrument.symbol, day) ?? []) {
          const closesAt = bar.time + this.barMs;
          if (closesAt > after && closesAt <= upTo) found.push({ instrument, bar, closesAt });
        }
      }
    }
    // Stable sort keeps instrument order within one closing instant.
    return found.sort((a, b) => a.closesAt - b.closesAt);
  }

  /**
   * Intraday candles of `intervalMinutes` (a multiple of the base bar, anchored at 09:15) whose start
   * lies in `[from, to]` and that have closed by `now`. Like Dhan, when the range reaches today,
   * all of today's closed candles are returned, whatever `to` says.
   */
  intradayCandles(symbol: string, intervalMinutes: number, from: number, to: number, now: number): Candle[] {
    const today = istDateKey(now);
    const intervalMs = intervalMinutes * MINUTE_MS;
    const lastDay = istDateKey(to) < today ? istDateKey(to) : today;
    const candles: Candle[] = [];
    for (let day = istDateKey(from); day <= lastDay; day = istDateKey(istTime(day, 12, 0) + DAY_MS)) {
      const bars = this.source.session(symbol, day);
      if (!bars) continue;
      // The last candle of a day may be cut short by the close (e.g. 15:15–15:30 for 60 minutes).
      const close = this.session.close(day);
      for (const candle of aggregate(bars, intervalMs, this.session.open(day))) {
        const closed = Math.min(candle.time + intervalMs, close) <= now;
        const inRange = candle.time >= from && (candle.time <= to || day === today);
        if (closed && inRange) candles.push(candle);
      }
    }
    return candles;
  }

  /** Daily candles (stamped 00:00 IST) of sessions complete by `now`, for dates in `[fromDate, toDate)`. */
  dailyCandles(symbol: string, fromDate: string, toDate: string, now: number): Candle[] {
    const candles: Candle[] = [];
    for (let day = fromDate; day < toDate; day = istDateKey(istTime(day, 12, 0) + DAY_MS)) {
      const bars = this.source.session(symbol, day);
      if (!bars || bars.length === 0 || this.session.close(day) > now) continue;
      const [daily] = aggregate(bars, DAY_MS, istTime(day, 0, 0));
      if (daily) candles.push(daily);
    }
    return candles;
  }
}

/**
 * Groups consecutive bars into buckets of `intervalMs` counted from `anchor` (09:15 for intraday,
 * midnight for daily); each bucket is stamped at its start.
 */
export function aggregate(bars: readonly Candle[], intervalMs: number, anchor: number): Candle[] {
  const out: Candle[] = [];
  let current: { time: number; open: number; high: number; low: number; close: number; volume: number } | undefined;
  for (const bar of bars) {
    const bucket = anchor + Math.floor((bar.time - anchor) / intervalMs) * intervalMs;
    if (!current || current.time !== bucket) {
      if (current) out.push(current);
      current = { time: bucket, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume };
    } else {
      current.high = Math.max(current.high, bar.high);
      current.low = Math.min(current.low, bar.low);
      current.close = bar.close;
      current.volume += bar.volume;
    }
  }
  if (current) out.push(current);
  return out;
}
