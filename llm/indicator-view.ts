/**
 * Picks, from the core feature engine's snapshot of a symbol, the few indicator values the
 * account's strategies use, per timeframe: a small `Record<string, number | null>` for the prompt.
 * Showing only what the account's strategies read keeps the prompt short (a 3-stock account stays
 * well under 2,500 input tokens) and keeps the model's attention on the rules it is asked to follow.
 */
import { type IndicatorSnapshot as FrameSnapshot, type SymbolSnapshot } from '../core/indicators';
import { type StrategyId, type Timeframe } from '../core/types';
import { type IndicatorSnapshot } from './context';

interface Pick {
  readonly timeframe: Timeframe;
  readonly name: string;
  readonly read: (symbol: SymbolSnapshot, frame: FrameSnapshot | undefined) => number | undefined;
}

const fromFrame = (timeframe: Timeframe, name: string, read: (frame: FrameSnapshot) => number | undefined): Pick => ({
  timeframe,
  name,
  read: (_symbol, frame) => (frame ? read(frame) : undefined),
});

/** Per strategy, what it reads (strategies.md §1): the prompt shows the same values. */
const STRATEGY_INDICATORS: Readonly<Record<StrategyId, readonly Pick[]>> = {
  vwap: [
    fromFrame('5m', 'vwap', (f) => f.vwap),
    fromFrame('5m', 'vwapSlope', (f) => f.vwapSlope),
    fromFrame('5m', 'rvol', (f) => f.rvol),
  ],
  ema: [
    fromFrame('5m', 'ema9', (f) => f.ema9),
    fromFrame('5m', 'ema21', (f) => f.ema21),
    fromFrame('5m', 'atr14', (f) => f.atr14),
    fromFrame('15m', 'ema9', (f) => f.ema9),
    fromFrame('15m', 'ema21', (f) => f.ema21),
    fromFrame('15m', 'ema50', (f) => f.ema50),
  ],
  rsi: [
    fromFrame('5m', 'rsi14', (f) => f.rsi14),
    fromFrame('5m', 'atr14', (f) => f.atr14),
    fromFrame('5m', 'vwap', (f) => f.vwap),
    fromFrame('15m', 'rsi14', (f) => f.rsi14),
    fromFrame('15m', 'ema50', (f) => f.ema50),
  ],
  smc: [
    fromFrame('15m', 'swingHigh', (f) => f.structure.swingHigh),
    fromFrame('15m', 'swingLow', (f) => f.structure.swingLow),
    fromFrame('15m', 'equilibrium', (f) => f.structure.equilibrium),
    { timeframe: '1d', name: 'pdh', read: (s) => s.session.prevHigh },
    { timeframe: '1d', name: 'pdl', read: (s) => s.session.prevLow },
    { timeframe: '1d', name: 'orh', read: (s) => s.session.openingHigh },
    { timeframe: '1d', name: 'orl', read: (s) => s.session.openingLow },
  ],
};

/**
 * The indicator values of `snapshot` that `strategies` use, by timeframe; values not known yet
 * (warming up) are `null`, and a value two strategies share appears once.
 *
 * @example
 * indicatorsForPrompt(symbolSnapshot(engine), ['vwap', 'ema']);
 * // { '5m': { vwap: 1316.2, vwapSlope: 0.8, rvol: 1.4, ema9: …, ema21: …, atr14: … }, '15m': { ema9: …, … } }
 */
export function indicatorsForPrompt(
  snapshot: SymbolSnapshot,
  strategies: readonly StrategyId[],
): Partial<Record<Timeframe, IndicatorSnapshot>> {
  const view: Partial<Record<Timeframe, Record<string, number | null>>> = {};
  for (const pick of strategies.flatMap((s) => STRATEGY_INDICATORS[s])) {
    const values = (view[pick.timeframe] ??= {});
    values[pick.name] = pick.read(snapshot, snapshot.frames[pick.timeframe]) ?? null;
  }
  return view;
}
