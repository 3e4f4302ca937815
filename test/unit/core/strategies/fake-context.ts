/**
 * Hand-set strategy contexts: every indicator value a rule reads is written in the test, so each
 * expected signal can be worked out by hand.
 */
import { FrameValues, LookaheadError, type FrameView } from '../../../../core/indicators/frame';
import { MarketStructure } from '../../../../core/indicators/smc/structure';
import { type SessionView, type StrategyContext, type SymbolActivity } from '../../../../core/strategies/strategy';
import { istMinuteOfDay } from '../../../../core/time';
import { type Position, type Timeframe } from '../../../../core/types';

export interface FakeBar {
  readonly open?: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly vwap?: number;
}

export interface FakeFrameInput {
  readonly timeframe?: Timeframe;
  readonly lastCloseTime: number;
  /** Oldest first; the last one is the bar that just closed. */
  readonly bars: readonly FakeBar[];
  /** Values at the last bar and the one before (close/high/low default to the bars'). */
  readonly now?: Partial<FrameValues>;
  readonly prev?: Partial<FrameValues>;
  /** EMA period → [now, previous bar]. */
  readonly ema?: Readonly<Record<number, readonly [number, number]>>;
  readonly structure?: MarketStructure;
  /** Bars folded in so far (default: the number of bars given). */
  readonly count?: number;
}

function values(bar: FakeBar | undefined, overrides: Partial<FrameValues> | undefined): FrameValues {
  const v = new FrameValues(0);
  if (bar)
    Object.assign(v, {
      open: bar.open ?? bar.close,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      vwap: bar.vwap ?? NaN,
    });
  return Object.assign(v, overrides);
}

export function fakeFrame(input: FakeFrameInput): FrameView {
  const bars = input.bars;
  const at = (back: number): FakeBar | undefined => {
    if (back < 0) throw new LookaheadError(`fake bar back=${back}`);
    return bars[bars.length - 1 - back];
  };
  const read = (pick: (b: FakeBar) => number | undefined) => (back: number) => {
    const b = at(back);
    return b ? (pick(b) ?? NaN) : NaN;
  };
  const extreme = (n: number, pick: (b: FakeBar) => number, better: (a: number, b: number) => number) => {
    if (n > bars.length) return NaN;
    return bars
      .slice(-n)
      .map(pick)
      .reduce((a, b) => better(a, b));
  };
  return {
    timeframe: input.timeframe ?? '5m',
    count: input.count ?? bars.length,
    lastCloseTime: input.lastCloseTime,
    now: values(at(0), input.now),
    prev: values(at(1), input.prev),
    structure: input.structure ?? new MarketStructure(),
    emaPeriods: Object.keys(input.ema ?? {}).map(Number),
    open: read((b) => b.open ?? b.close),
    high: read((b) => b.high),
    low: read((b) => b.low),
    close: read((b) => b.close),
    time: () => NaN,
    volume: () => NaN,
    vwapAt: read((b) => b.vwap),
    ema(period: number, back: 0 | 1 = 0) {
      const pair = input.ema?.[period];
      if (!pair) throw new RangeError(`EMA(${period}) not set in the fake frame`);
      return pair[back];
    },
    lowestLow: (n) => extreme(n, (b) => b.low, Math.min),
    highestHigh: (n) => extreme(n, (b) => b.high, Math.max),
  };
}

export interface FakeContextInput {
  readonly time: number;
  readonly frames: Partial<Record<Timeframe, FrameView>>;
  readonly session?: Partial<SessionView>;
  readonly position?: Position;
  readonly activity?: SymbolActivity;
  readonly tickSize?: number;
}

export function fakeContext(input: FakeContextInput): StrategyContext {
  const session: SessionView = {
    high: NaN,
    low: NaN,
    range: NaN,
    averageRange: NaN,
    prevHigh: NaN,
    prevLow: NaN,
    openingHigh: NaN,
    openingLow: NaN,
    ...input.session,
  };
  return {
    symbol: 'TEST',
    time: input.time,
    minuteOfDay: istMinuteOfDay(input.time),
    tickSize: input.tickSize ?? 0.1,
    session,
    position: input.position,
    activity: input.activity,
    frame(tf) {
      const f = input.frames[tf];
      if (!f) throw new RangeError(`no ${tf} frame in the fake context`);
      return f;
    },
  };
}

/** A long (quantity > 0) or short position opened by `strategy`. */
export function position(
  strategy: Position['strategy'],
  quantity: number,
  stopLoss = 1,
  takeProfit?: number,
): Position {
  return { symbol: 'TEST', quantity, avgPrice: 100, stopLoss, takeProfit, strategy };
}
