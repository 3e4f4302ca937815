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
import { frameNeeds } from '../indicators/needs';
import { type Signal } from '../types';
import { defineStrategy } from './define';
import { parseParams, timeframeSchema } from './params';
import { BARS_PER_SESSION, type Direction, entrySignal, fixed, px } from './signals';
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

/** A level seen from a long; shorts use 100 − level, so mirror(−1, 30) is 70. */
const mirror = (d: Direction, level: number): number => (d === 1 ? level : 100 - level);

/** RSI crossed `level` in direction `d` at the last bar (up for longs, down for shorts). */
function rsiCrossed(f: FrameView, d: Direction, level: number): boolean {
  return d * (f.prev.rsi - level) < 0 && d * (f.now.rsi - level) >= 0;
}

/** Stop for both variants: beyond the signal bar by a multiple of ATR. */
function barStop(p: RsiParams, f: FrameView, d: Direction): number {
  return (d === 1 ? f.now.low : f.now.high) - d * p.atrStopMultiple * f.now.atr;
}

function meanReversionEntry(p: RsiParams, ctx: StrategyContext, f: FrameView, d: Direction): Signal | undefined {
  const level = mirror(d, p.oversold);
  if (!rsiCrossed(f, d, level)) return undefined;
  const trend = ctx.frame(p.trendTimeframe);
  const withTrend = d * (trend.now.close - trend.ema(p.trendEma)) > 0;
  const quietDay = ctx.session.range < p.rangeMultiple * ctx.session.averageRange;
  if (!withTrend && !quietDay) return undefined;
  const v = f.now;
  const signal = entrySignal(ctx, {
    strategy: 'rsi',
    timeframe: p.timeframe,
    direction: d,
    strength: Math.min(1, Math.abs(v.rsi - f.prev.rsi) / 10),
    stop: barStop(p, f, d),
    target: { price: v.vwap },
    reason: `RSI${RSI_PERIOD} crossed back ${d === 1 ? 'up' : 'down'} through ${level} (${fixed(v.rsi, 1)}); ${withTrend ? `${p.trendTimeframe} close on the trade's side of EMA${p.trendEma}` : 'quiet day range'}; target VWAP ${px(v.vwap)}.`,
  });
  if (!signal?.target) return undefined;
  const reward = d * (signal.target - signal.entry);
  return reward >= p.minRewardRisk * Math.abs(signal.entry - signal.stop) ? signal : undefined;
}

function momentumEntry(p: RsiParams, ctx: StrategyContext, f: FrameView, d: Direction): Signal | undefined {
  const v = f.now;
  const level = mirror(d, p.momentumLevel);
  const chasing = d * (v.rsi - mirror(d, p.chaseLimit)) > 0;
  if (!rsiCrossed(f, d, level) || chasing || !(d * (v.close - v.vwap) > 0)) return undefined;
  const trend = ctx.frame(p.trendTimeframe);
  if (!(d * (trend.ema(p.trendFast) - trend.ema(p.trendSlow)) > 0)) return undefined;
  return entrySignal(ctx, {
    strategy: 'rsi',
    timeframe: p.timeframe,
    direction: d,
    strength: 0.5 + Math.min(0.5, (v.rsi - level) / (2 * (mirror(d, p.chaseLimit) - level))),
    stop: barStop(p, f, d),
    target: { rewardRisk: p.rewardRisk },
    reason: `RSI${RSI_PERIOD} momentum: crossed ${d === 1 ? 'above' : 'below'} ${level} (${fixed(v.rsi, 1)}), close ${px(v.close)} ${d === 1 ? 'above' : 'below'} VWAP, ${p.trendTimeframe} EMA${p.trendFast}/${p.trendSlow} agrees; stop ${p.atrStopMultiple}×ATR${ATR_PERIOD} beyond the bar.`,
  });
}

function exitReason(p: RsiParams, f: FrameView, d: Direction): string | undefined {
  const v = f.now;
  if (p.variant === 'momentum') {
    const level = mirror(d, p.momentumExit);
    return d * (v.rsi - level) < 0 ? `RSI ${fixed(v.rsi, 1)} fell back through ${level}.` : undefined;
  }
  const level = mirror(d, p.exitLevel);
  if (d * (v.rsi - level) >= 0) return `RSI ${fixed(v.rsi, 1)} reached ${level}.`;
  if (d * (v.close - v.vwap) >= 0) return `Close ${px(v.close)} reached VWAP ${px(v.vwap)}.`;
  return undefined;
}

/** Creates the RSI strategy; `input` holds parameter overrides (validated). */
export function createRsiStrategy(input?: unknown): Strategy<RsiParams> {
  const p = parseParams('rsi', rsiParamsSchema, input);
  const enter = p.variant === 'momentum' ? momentumEntry : meanReversionEntry;
  return defineStrategy({
    id: 'rsi',
    params: p,
    otherTimeframes: [p.trendTimeframe],
    emaPeriods: [p.trendEma, p.trendFast, p.trendSlow],
    // The range filter averages the previous 10 sessions.
    warmupBars: 11 * BARS_PER_SESSION,
    indicators: frameNeeds([p.timeframe, ['rsi', 'atr', 'vwap']], [p.trendTimeframe, ['ema']]),
    entry: (ctx, f, d) => enter(p, ctx, f, d),
    exit: (_ctx, f, d) => exitReason(p, f, d),
  });
}
