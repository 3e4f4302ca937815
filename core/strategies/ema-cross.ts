/**
 * EMA crossover (strategies.md §1.2): EMA 9/21 on 5 minutes with a higher-timeframe trend filter.
 *
 * - Long: EMA9_{k−1} ≤ EMA21_{k−1} and EMA9_k > EMA21_k; the last **completed** 15m bar has
 *   EMA9 > EMA21 or closes above its EMA50; C_k > session VWAP. Shorts mirror.
 * - Stop (long) = max(lowest low of the last 5 bars, entry − 1.5·ATR14): the tighter of the two,
 *   rounded down to the tick. Target 2 R.
 * - Exits: the opposite cross, or the 15:15 time exit.
 * The first 3 bars after 09:15 carry overnight-gap noise: the 09:30 entry window already skips them.
 */
import { z } from 'zod';
import { ATR_PERIOD, type FrameView } from '../indicators/frame';
import { frameNeeds } from '../indicators/needs';
import { defineStrategy } from './define';
import { parseParams, timeframeSchema } from './params';
import { baseBarsFor, type Direction, entrySignal, px } from './signals';
import { type Strategy, type StrategyContext } from './strategy';

export const emaCrossParamsSchema = z
  .object({
    timeframe: timeframeSchema.default('5m'),
    fast: z.number().int().min(1).default(9),
    slow: z.number().int().min(2).default(21),
    trendTimeframe: timeframeSchema.default('15m'),
    trendEma: z.number().int().min(2).default(50),
    requireVwap: z.boolean().default(true),
    swingBars: z.number().int().min(1).max(100).default(5),
    atrStopMultiple: z.number().positive().default(1.5),
    rewardRisk: z.number().positive().default(2),
  })
  .strict()
  .refine((p) => p.fast < p.slow, { message: 'fast must be shorter than slow' });

export type EmaCrossParams = z.output<typeof emaCrossParamsSchema>;

/** Whether the fast EMA crossed the slow one in direction `d` at the last bar. */
function crossed(f: FrameView, p: EmaCrossParams, d: Direction): boolean {
  return d * (f.ema(p.fast, 1) - f.ema(p.slow, 1)) <= 0 && d * (f.ema(p.fast) - f.ema(p.slow)) > 0;
}

function entry(p: EmaCrossParams, ctx: StrategyContext, f: FrameView, d: Direction) {
  if (!crossed(f, p, d)) return undefined;
  const trend = ctx.frame(p.trendTimeframe);
  const emaTrend = d * (trend.ema(p.fast) - trend.ema(p.slow)) > 0;
  const priceTrend = d * (trend.now.close - trend.ema(p.trendEma)) > 0;
  const vwapOk = !p.requireVwap || d * (f.now.close - f.now.vwap) > 0;
  if (!(emaTrend || priceTrend) || !vwapOk) return undefined;
  const close = f.now.close;
  const swing = d === 1 ? f.lowestLow(p.swingBars) : f.highestHigh(p.swingBars);
  const atrStop = close - d * p.atrStopMultiple * f.now.atr;
  // The tighter stop: the one nearer the entry (NaN while ATR warms up: no trade).
  const stop = d === 1 ? Math.max(swing, atrStop) : Math.min(swing, atrStop);
  if (Number.isNaN(stop)) return undefined;
  return entrySignal(ctx, {
    strategy: 'ema',
    timeframe: p.timeframe,
    direction: d,
    strength: 0.5 + (emaTrend ? 0.25 : 0) + (priceTrend ? 0.25 : 0),
    stop,
    target: { rewardRisk: p.rewardRisk },
    reason: `EMA${p.fast} crossed ${d === 1 ? 'above' : 'below'} EMA${p.slow} at ${px(close)}; ${p.trendTimeframe} trend ${emaTrend ? `EMA${p.fast}/${p.slow}` : `close vs EMA${p.trendEma}`} agrees; stop from the ${p.swingBars}-bar ${d === 1 ? 'low' : 'high'} / ${p.atrStopMultiple}×ATR${ATR_PERIOD}.`,
  });
}

/** Creates the EMA-crossover strategy; `input` holds parameter overrides (validated). */
export function createEmaCrossStrategy(input?: unknown): Strategy<EmaCrossParams> {
  const p = parseParams('ema', emaCrossParamsSchema, input);
  return defineStrategy({
    id: 'ema',
    params: p,
    otherTimeframes: [p.trendTimeframe],
    emaPeriods: [p.fast, p.slow, p.trendEma],
    // Three times the longest period on each frame, so the EMAs have forgotten their seed.
    warmupBars: Math.max(baseBarsFor(p.timeframe, 3 * p.slow), baseBarsFor(p.trendTimeframe, 3 * p.trendEma)),
    indicators: frameNeeds([p.timeframe, ['ema', 'vwap', 'atr']], [p.trendTimeframe, ['ema']]),
    entry: (ctx, f, d) => entry(p, ctx, f, d),
    exit: (_ctx, f, d) => (crossed(f, p, -d as Direction) ? `Opposite EMA${p.fast}/EMA${p.slow} cross.` : undefined),
  });
}
