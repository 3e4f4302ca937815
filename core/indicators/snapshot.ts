/**
 * Plain-data views of the engine for callers outside the hot path: the LLM prompt builder, the
 * dashboard, activity results. Unavailable values are left `undefined` (absent in JSON).
 */
import { type Timeframe } from '../types';
import { type FeatureEngine } from './engine';
import { type FrameView } from './frame';
import { type SessionTracker } from './session';
import { type Trend } from './smc/structure';

export interface StructureSnapshot {
  readonly trend: Trend;
  /** The last break, e.g. `bullish CHoCH of 1312.4`. */
  readonly lastEvent?: string;
  /** Unbroken swing levels. */
  readonly swingHigh?: number;
  readonly swingLow?: number;
  /** Midpoint of the latest swing range: above it premium, below it discount. */
  readonly equilibrium?: number;
}

/** Indicators of one symbol on one timeframe at its last closed bar. */
export interface IndicatorSnapshot {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Start and close of the last closed bar (epoch ms). */
  readonly time: number;
  readonly closeTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly vwap?: number;
  readonly vwapUpper1?: number;
  readonly vwapLower1?: number;
  readonly vwapUpper2?: number;
  readonly vwapLower2?: number;
  /** VWAP now minus VWAP 3 bars ago. */
  readonly vwapSlope?: number;
  readonly ema9?: number;
  readonly ema21?: number;
  readonly ema50?: number;
  readonly rsi14?: number;
  readonly atr14?: number;
  readonly macd?: number;
  readonly macdSignal?: number;
  readonly macdHistogram?: number;
  readonly rvol?: number;
  readonly structure: StructureSnapshot;
}

/** Session facts of one symbol. */
export interface SessionSnapshot {
  readonly dayHigh?: number;
  readonly dayLow?: number;
  readonly prevHigh?: number;
  readonly prevLow?: number;
  readonly prevClose?: number;
  readonly openingHigh?: number;
  readonly openingLow?: number;
  readonly averageRange?: number;
}

export interface SymbolSnapshot {
  readonly symbol: string;
  /** Market time the snapshot describes (close of the newest base bar). */
  readonly time: number;
  readonly session: SessionSnapshot;
  readonly frames: Partial<Record<Timeframe, IndicatorSnapshot>>;
}

/** `x` if it is a finite number, else undefined. */
function known(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}

function emaOrUndefined(frame: FrameView, period: number): number | undefined {
  return frame.emaPeriods.includes(period) ? known(frame.ema(period)) : undefined;
}

function structureSnapshot(frame: FrameView): StructureSnapshot {
  const s = frame.structure;
  const event = s.lastEvent;
  return {
    trend: s.trend,
    lastEvent: event && `${event.direction === 1 ? 'bullish' : 'bearish'} ${event.kind} of ${event.level}`,
    swingHigh: known(s.swingHigh),
    swingLow: known(s.swingLow),
    equilibrium: known(s.equilibrium),
  };
}

/** Snapshot of one frame, or undefined before its first closed bar. */
export function frameSnapshot(symbol: string, frame: FrameView): IndicatorSnapshot | undefined {
  if (frame.count === 0) return undefined;
  const v = frame.now;
  const band = (m: number) => known(v.vwap + m * v.vwapSigma);
  return {
    symbol,
    timeframe: frame.timeframe,
    time: frame.time(0),
    closeTime: frame.lastCloseTime,
    open: frame.open(0),
    high: frame.high(0),
    low: frame.low(0),
    close: frame.close(0),
    volume: frame.volume(0),
    vwap: known(v.vwap),
    vwapUpper1: band(1),
    vwapLower1: band(-1),
    vwapUpper2: band(2),
    vwapLower2: band(-2),
    vwapSlope: known(v.vwapSlope),
    ema9: emaOrUndefined(frame, 9),
    ema21: emaOrUndefined(frame, 21),
    ema50: emaOrUndefined(frame, 50),
    rsi14: known(v.rsi),
    atr14: known(v.atr),
    macd: known(v.macd),
    macdSignal: known(v.macdSignal),
    macdHistogram: known(v.macdHistogram),
    rvol: known(v.rvol),
    structure: structureSnapshot(frame),
  };
}

export function sessionSnapshot(session: SessionTracker): SessionSnapshot {
  return {
    dayHigh: known(session.high),
    dayLow: known(session.low),
    prevHigh: known(session.prevHigh),
    prevLow: known(session.prevLow),
    prevClose: known(session.prevClose),
    openingHigh: known(session.openingHigh),
    openingLow: known(session.openingLow),
    averageRange: known(session.averageRange),
  };
}

/** Everything the engine knows about its symbol, as plain data. */
export function symbolSnapshot(engine: FeatureEngine): SymbolSnapshot {
  const frames: Partial<Record<Timeframe, IndicatorSnapshot>> = {};
  for (const tf of engine.timeframes) {
    const snap = frameSnapshot(engine.symbol, engine.frame(tf));
    if (snap) frames[tf] = snap;
  }
  return { symbol: engine.symbol, time: engine.time, session: sessionSnapshot(engine.session), frames };
}
