import { FeatureEngine, frameSnapshot, type StructureEvent, type StructureSnapshot } from '../../core/indicators';
import { type Candle, type Timeframe } from '../../core/types';

/** One closed bar of a timeframe with the indicators the chart overlays (absent while warming up). */
export interface SeriesPoint extends Candle {
  readonly vwap?: number;
  readonly ema9?: number;
  readonly ema21?: number;
  readonly ema50?: number;
  readonly rsi14?: number;
}

/** A break of market structure (SMC): the bar that closed beyond a swing level. */
export interface StructureMark {
  readonly time: number;
  readonly kind: 'BOS' | 'CHoCH';
  readonly direction: 'bullish' | 'bearish';
  readonly level: number;
}

export interface IndicatorSeries {
  readonly points: SeriesPoint[];
  readonly structure: StructureMark[];
  /** Structure at the last closed bar: trend, unbroken swing levels, equilibrium. */
  readonly levels: StructureSnapshot | undefined;
}

/**
 * Replays 5-minute bars through the trading core's feature engine and records, at every close of
 * `timeframe`, the bar and its indicators: the same numbers the strategies and the LLM saw, as a series
 * for the dashboard's chart. Keeps the last `limit` bars and the structure breaks among them.
 */
export function indicatorSeries(symbol: string, bars: readonly Candle[], timeframe: Timeframe, limit: number) {
  const engine = new FeatureEngine(symbol);
  const frame = engine.frame(timeframe);
  const points: SeriesPoint[] = [];
  const structure: StructureMark[] = [];
  let seen = 0;
  let lastEvent: StructureEvent | undefined;
  for (const bar of bars) {
    engine.push(bar);
    if (frame.count === seen) continue;
    seen = frame.count;
    const s = frameSnapshot(symbol, frame);
    if (!s) continue;
    points.push({
      time: s.time,
      open: s.open,
      high: s.high,
      low: s.low,
      close: s.close,
      volume: s.volume,
      vwap: s.vwap,
      ema9: s.ema9,
      ema21: s.ema21,
      ema50: s.ema50,
      rsi14: s.rsi14,
    });
    const event = frame.structure.lastEvent;
    if (event && event !== lastEvent) {
      structure.push({
        time: s.time,
        kind: event.kind,
        direction: event.direction === 1 ? 'bullish' : 'bearish',
        level: event.level,
      });
    }
    lastEvent = event;
  }
  const kept = points.slice(-limit);
  const since = kept[0]?.time ?? Infinity;
  const last = frameSnapshot(symbol, frame);
  return {
    points: kept,
    structure: structure.filter((m) => m.time >= since),
    levels: last?.structure,
  } satisfies IndicatorSeries;
}
