/**
 * RSI(14) strategy (strategies.md §1.3), two variants.
 *
 * Mean reversion (default):
 * - Long when RSI_{k−1} < 30 ≤ RSI_k (the cross back up) and the market is not in a strong downtrend:
 *   the last completed 15m close is above its EMA50, or today's range is below 1.5 × the average range
 *   of the previous 10 sessions. Shorts mirror at 70.
 * - Stop = signal-bar low − 0.5·ATR14; target = session VWAP, taken only if it is ≥ 1.5 R away.
 * - Exit when RSI ≥ 50 or the close reaches VWAP (whichever first), else at 15:15.
 *
 * Momentum:
 * - Long when RSI crosses above 60, C > VWAP, the 15m EMA9 > EMA21, and RSI ≤ 75 ("do not chase").
 *   Shorts mirror at 40 / 25.
 * - Stop as above (the note gives none for this variant); target 2 R; exit when RSI < 45 (short: > 55).
 */
import { z } from 'zod';
import { ATR_PERIOD, type FrameView, RSI_PERIOD } from '../indicators/frame';
import { type Signal } from '../types';
import { parseParams, timeframeSchema } from './params';
import {
  atOrBeyond,
  BARS_PER_SESSION,
  beyond,
  type Direction,
  DIRECTIONS,
  entrySignal,
  entryWindowOpen,
  exitSignal,
  NO_SIGNALS,
  ownDirection,
  positionDirection,
  px,
  squareOffDue,
  squareOffExit,
} from './signals';
import { type Strategy, type StrategyContext } from './strategy';

export const rsiParamsSchema = z
  .object({
    variant: z.enum(['meanReversion', 'momentum']).default('meanReversion'),
    timeframe: timeframeSchema.default('5m'),
    trendTimeframe: timeframeSchema.default('15m'),
    trendEma: z.number().int().min(2).default(50),
    trendFast: z.number().int().min(1).default(9),
    trendSlow: z.number().int().min(2).default(21),
    oversold: z.number().min(1).max(49).default(30),
    /** Exit of a mean-reversion long (shorts: 100 − this). */
    exitLevel: z.number().min(1).max(99).default(50),
    /** Range filter: today's range below this multiple of the average session range. */
    rangeMultiple: z.number().positive().default(1.5),
    atrStopMultiple: z.number().nonnegative().default(0.5),
    minRewardRisk: z.number().positive().default(1.5),
    momentumLevel: z.number().min(51).max(99).default(60),
    momentumExit: z.number().min(1).max(99).default(45),
    chaseLimit: z.number().min(51).max(100).default(75),
    rewardRisk: z.number().positive().default(2),
  })
  .strict();

export type RsiParams = z.output<typeof rsiParamsSchema>;

/**
 * Levels seen from a long: a short uses 100 − level, so one rule reads both ways.
 * mirror(d, 30) is 30 for longs and 70 for shorts.
 */
const mirror = (d: Direction, level: number): number => (d === 1 ? level : 100 - level);

/** RSI crossed `level` in direction `d` at the last bar (up for longs, down for shorts). */
function rsiCrossed(f: FrameView, d: Direction, level: number): boolean {
  return beyond(-d as Direction, f.prev.rsi, level) && atOrBeyond(d, f.now.rsi, level);
}

function meanReversionEntry(p: RsiParams, ctx: StrategyContext, f: FrameView, d: Direction): Signal | undefined {
  const level = mirror(d, p.oversold);
  if (!rsiCrossed(f, d, level)) return undefined;
  const trend = ctx.frame(p.trendTimeframe);
  const notAgainstTrend = beyond(d, trend.close(0), trend.ema(p.trendEma));
  const quietDay = ctx.session.range < p.rangeMultiple * ctx.session.averageRange;
  if (!notAgainstTrend && !quietDay) return undefined;
  const v = f.now;
  const stop = (d === 1 ? f.low(0) : f.high(0)) - d * p.atrStopMultiple * v.atr;
  const signal = entrySignal(ctx, {
    strategy: 'rsi',
    timeframe: p.timeframe,
    direction: d,
    strength: Math.min(1, Math.abs(v.rsi - f.prev.rsi) / 10),
    stop,
    target: { price: v.vwap },
    reason: `RSI${RSI_PERIOD} crossed back ${d === 1 ? 'up through' : 'down through'} ${level} (${v.rsi.toFixed(1)}); ${notAgainstTrend ? `${p.trendTimeframe} close on the right side of EMA${p.trendEma}` : 'quiet day range'}; target VWAP ${px(v.vwap)}.`,
  });
  if (!signal?.target) return undefined;
  const reward = d * (signal.target - signal.entry);
  return reward >= p.minRewardRisk * Math.abs(signal.entry - signal.stop) ? signal : undefined;
}

function momentumEntry(p: RsiParams, ctx: StrategyContext, f: FrameView, d: Direction): Signal | undefined {
  const v = f.now;
  const level = mirror(d, p.momentumLevel);
  if (!rsiCrossed(f, d, level) || beyond(d, v.rsi, mirror(d, p.chaseLimit)) || !beyond(d, v.close, v.vwap))
    return undefined;
  const trend = ctx.frame(p.trendTimeframe);
  if (!beyond(d, trend.ema(p.trendFast), trend.ema(p.trendSlow))) return undefined;
  return entrySignal(ctx, {
    strategy: 'rsi',
    timeframe: p.timeframe,
    direction: d,
    strength: 0.5 + Math.min(0.5, Math.abs(v.close - v.vwap) / (v.atr || Infinity)),
    stop: (d === 1 ? f.low(0) : f.high(0)) - d * p.atrStopMultiple * v.atr,
    target: { rewardRisk: p.rewardRisk },
    reason: `RSI${RSI_PERIOD} momentum: crossed ${d === 1 ? 'above' : 'below'} ${level} (${v.rsi.toFixed(1)}), close ${px(v.close)} ${d === 1 ? 'above' : 'below'} VWAP, ${p.trendTimeframe} EMA${p.trendFast}/${p.trendSlow} agrees; stop ${p.atrStopMultiple}×ATR${ATR_PERIOD} beyond the bar.`,
  });
}

function exitReason(p: RsiParams, f: FrameView, d: Direction): string | undefined {
  const v = f.now;
  if (p.variant === 'momentum') {
    const level = mirror(d, p.momentumExit);
    return beyond(-d as Direction, v.rsi, level) ? `RSI ${v.rsi.toFixed(1)} fell back through ${level}.` : undefined;
  }
  const level = mirror(d, p.exitLevel);
  if (atOrBeyond(d, v.rsi, level)) return `RSI ${v.rsi.toFixed(1)} reached ${level}.`;
  if (atOrBeyond(d, v.close, v.vwap)) return `Close ${px(v.close)} reached VWAP ${px(v.vwap)}.`;
  return undefined;
}

/** Creates the RSI strategy; `input` holds parameter overrides (validated). */
export function createRsiStrategy(input?: unknown): Strategy<RsiParams> {
  const p = parseParams('rsi', rsiParamsSchema, input);
  const enter = p.variant === 'momentum' ? momentumEntry : meanReversionEntry;
  return {
    id: 'rsi',
    params: p,
    timeframes: [p.timeframe, p.trendTimeframe],
    emaPeriods: [p.trendEma, p.trendFast, p.trendSlow],
    // The range filter averages the previous 10 sessions; 15m EMA50 needs 150 15m bars (2 sessions).
    warmupBars: 11 * BARS_PER_SESSION,
    evaluate(ctx) {
      const f = ctx.frame(p.timeframe);
      if (f.lastCloseTime !== ctx.time) return NO_SIGNALS;
      const own = ownDirection(ctx, 'rsi');
      if (own !== 0) {
        if (squareOffDue(ctx.time)) return squareOffExit(ctx, 'rsi', p.timeframe);
        const reason = exitReason(p, f, own);
        return reason ? [exitSignal(ctx, 'rsi', p.timeframe, reason)] : NO_SIGNALS;
      }
      if (positionDirection(ctx.position) !== 0 || !entryWindowOpen(ctx.time)) return NO_SIGNALS;
      for (const d of DIRECTIONS) {
        const signal = enter(p, ctx, f, d);
        if (signal) return [signal];
      }
      return NO_SIGNALS;
    },
  };
}
