import { type FrameView } from '../../../../core/indicators/frame';
import { defineStrategy } from '../../../../core/strategies/define';
import { findLookahead, replaySignals } from '../../../../core/strategies/lookahead';
import { createAllStrategies } from '../../../../core/strategies/registry';
import { entrySignal } from '../../../../core/strategies/signals';
import { type StrategyContext } from '../../../../core/strategies/strategy';
import { type Candle } from '../../../../core/types';
import { randomWalkSessions } from './market-fixture';

const bars = randomWalkSessions();
const replay = (strategies: Parameters<typeof replaySignals>[2]) => (series: readonly Candle[]) =>
  replaySignals('TEST', series, strategies, { tickSize: 0.1 });

/** A long with a 1-point stop at the last close: what a biased rule emits when it "knows" the future. */
const longHere = (ctx: StrategyContext, f: FrameView) =>
  entrySignal(ctx, {
    strategy: 'ema',
    timeframe: '5m',
    direction: 1,
    strength: 1,
    stop: f.now.close - 1,
    target: { rewardRisk: 2 },
    reason: 'biased',
  });

/** A test-only strategy with just an entry rule (longs). */
const biased = (entry: (ctx: StrategyContext, f: FrameView) => boolean) =>
  defineStrategy({
    id: 'ema',
    params: { timeframe: '5m' as const },
    otherTimeframes: [],
    emaPeriods: [],
    warmupBars: 0,
    entry: (ctx, f, d) => (d === 1 && entry(ctx, f) ? longHere(ctx, f) : undefined),
    exit: () => undefined,
  });

describe('look-ahead guard', () => {
  it('the four strategies give the same signals whether or not later bars exist', () => {
    const all = createAllStrategies();
    const full = replay(all)(bars);
    // The check only means something if every strategy fires on this data.
    expect(new Set(full.map((s) => s.strategy))).toEqual(new Set(['vwap', 'ema', 'rsi', 'smc']));
    const cuts = Array.from({ length: 24 }, (_, i) => 40 + i * 37);
    expect(findLookahead(replay(all), bars, cuts)).toBeUndefined();
  });

  it('stops a strategy that asks for a bar that has not closed (back = −1)', () => {
    // Deliberately biased: buys when the next bar closes higher.
    const peeking = biased((_ctx, f) => f.close(-1) > f.close(0));
    expect(() => replay([peeking])(bars)).toThrow(/look-ahead: bar back=-1 on 5m has not closed yet/);
  });

  it('catches a strategy that precomputed its rule over the whole series (truncation test)', () => {
    // Deliberately biased the vectorised way: a "next close" column built from every bar it was given.
    const biasedRun = (series: readonly Candle[]) => {
      const nextClose = new Map(series.slice(0, -1).map((b, i) => [b.time + 300_000, series[i + 1]!.close]));
      const cheat = biased((ctx, f) => (nextClose.get(ctx.time) ?? -Infinity) > f.now.close);
      return replaySignals('TEST', series, [cheat], { tickSize: 0.1 });
    };
    const cuts = Array.from({ length: 60 }, (_, i) => 20 + i * 5);
    const finding = findLookahead(biasedRun, bars, cuts);
    expect(finding).toBeDefined();
    // At the cut the full run had a signal on the last kept bar that the truncated run cannot produce.
    expect(finding!.full.length).toBe(finding!.truncated.length + 1);
    expect(finding!.full.at(-1)!.time).toBe(bars[finding!.cut]!.time + 300_000);
  });
});
