/**
 * Point in time by construction, and tested by trying to cheat:
 * - the series refuses to hand out bars that have not closed;
 * - a strategy that reads the next bar through its context fails with a LookaheadError;
 * - a strategy that smuggles the future in through a closure is caught by the truncation check,
 *   which the honest strategies pass.
 */
import { runBacktest } from '../../../backtest/engine/run';
import { findBacktestLookahead } from '../../../backtest/engine/lookahead';
import { PointInTimeSeries } from '../../../backtest/engine/series';
import { LookaheadError } from '../../../core/indicators';
import { type Strategy } from '../../../core/strategies';
import { istTime } from '../../../core/time';
import { type Candle, type Signal } from '../../../core/types';
import { coreSize, createRulesDecider } from '../../../llm/rules-decider';
import { specOver, tradingDays, walkBars } from './fixtures';

const BAR_MS = 5 * 60_000;
const bars = walkBars(['RELIANCE', 'INFY'], 3);
const days = tradingDays('2026-06-01', 3);
const cuts = [istTime(days[0]!, 11, 0), istTime(days[1]!, 10, 30), istTime(days[1]!, 13, 45), istTime(days[2]!, 12, 5)];

/** A strategy built from `evaluate` alone (5-minute frame, no warm-up). */
function strategy(id: 'vwap', evaluate: Strategy['evaluate']): Strategy {
  return { id, params: {}, timeframes: ['5m'], emaPeriods: [], warmupBars: 0, evaluate };
}

/** A long entry at the last close, stop 1 % below, target 1 % above. */
function entry(symbol: string, time: number, close: number): Signal {
  return {
    symbol,
    strategy: 'vwap',
    timeframe: '5m',
    kind: 'entry',
    side: 'BUY',
    strength: 1,
    entry: close,
    stop: Math.round(close * 0.99 * 10) / 10,
    target: Math.round(close * 1.01 * 10) / 10,
    reason: 'test',
    time,
  };
}

test('the series hands out closed bars only; asking past the market time throws a LookaheadError', () => {
  const series = new PointInTimeSeries('RELIANCE', bars.get('RELIANCE')!);
  const open = istTime(days[0]!, 9, 15);
  const seen: Candle[] = [];
  series.advance(open + 3 * BAR_MS, { onBar: (b) => seen.push(b) });
  expect(seen.map((b) => b.time)).toEqual([open, open + BAR_MS, open + 2 * BAR_MS]);
  expect(series.last?.time).toBe(open + 2 * BAR_MS);
  expect(series.window(open, open + 3 * BAR_MS)).toHaveLength(3);
  expect(() => series.window(open, open + 4 * BAR_MS)).toThrow(LookaheadError);
  expect(() => series.advance(open)).toThrow(/cannot go back/);
});

test('a strategy that reads the bar after the newest closed one gets a LookaheadError, and no trade', async () => {
  const peeker = strategy('vwap', (ctx) => {
    const next = ctx.frame('5m').close(-1);
    return next > ctx.frame('5m').close(0) ? [entry(ctx.symbol, ctx.time, ctx.frame('5m').close(0))] : [];
  });
  const run = await runBacktest({
    spec: specOver(bars, { account: { ...specOver(bars).account, strategies: ['vwap'] } }),
    bars,
    decider: createRulesDecider(coreSize),
    strategies: [peeker],
  });
  expect(run.orders).toEqual([]);
  expect(run.warnings.some((w) => /look-ahead/.test(w) && /LookaheadError/.test(w))).toBe(true);
});

/** Buys whenever the next bar closes higher, read from the bars it was built from: a cheat. */
function clairvoyant(data: ReadonlyMap<string, readonly Candle[]>): Strategy {
  const nextClose = new Map<string, number>();
  for (const [symbol, series] of data)
    series.forEach((b, i) => {
      const next = series[i + 1];
      if (next) nextClose.set(`${symbol}@${b.time + BAR_MS}`, next.close);
    });
  return strategy('vwap', (ctx) => {
    const now = ctx.frame('5m').close(0);
    const next = nextClose.get(`${ctx.symbol}@${ctx.time}`);
    return next !== undefined && next > now + 0.5 ? [entry(ctx.symbol, ctx.time, now)] : [];
  });
}

const runWith =
  (make?: (data: ReadonlyMap<string, readonly Candle[]>) => Strategy) =>
  (data: ReadonlyMap<string, readonly Candle[]>) =>
    runBacktest({
      spec: specOver(bars, make ? { account: { ...specOver(bars).account, strategies: ['vwap'] } } : {}),
      bars: data,
      decider: createRulesDecider(coreSize),
      strategies: make ? [make(data)] : undefined,
    });

test('a strategy that smuggles in the next bar trades, and the truncation check catches it', async () => {
  const cheat = await runWith(clairvoyant)(bars);
  expect(cheat.orders.length).toBeGreaterThan(0);
  const finding = await findBacktestLookahead(runWith(clairvoyant), bars);
  expect(finding).toBeDefined();
  expect(finding!.full).not.toEqual(finding!.truncated);
});

test('the honest pipeline (four strategies, rules decider, fills, ledger) passes the truncation check', async () => {
  const honest = await runWith()(bars);
  expect(honest.orders.length).toBeGreaterThan(0);
  expect(await findBacktestLookahead(runWith(), bars)).toBeUndefined();
  expect(await findBacktestLookahead(runWith(), bars, cuts)).toBeUndefined();
});
