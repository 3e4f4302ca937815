import { FeatureEngine } from '../../../../core/indicators/engine';
import {
  createAllStrategies,
  createStrategy,
  featureConfigFor,
  STRATEGY_FACTORIES,
  warmupBarsFor,
} from '../../../../core/strategies/registry';
import { StrategyRunner } from '../../../../core/strategies/runner';
import { type Strategy } from '../../../../core/strategies/strategy';
import { STRATEGY_IDS } from '../../../../core/strategy-ids';
import { type Signal } from '../../../../core/types';
import { at, closesToBars, MON } from '../candle-fixtures';

/** A strategy that returns whatever `make` builds from the market time. */
const stub = (id: Strategy['id'], make: (time: number) => Signal[]): Strategy => ({
  id,
  params: {},
  timeframes: ['5m'],
  emaPeriods: [],
  warmupBars: 0,
  evaluate: (ctx) => make(ctx.time),
});

const buy = (time: number, fields: Partial<Signal> = {}): Signal => ({
  symbol: 'TEST',
  strategy: 'ema',
  timeframe: '5m',
  kind: 'entry',
  side: 'BUY',
  strength: 0.5,
  entry: 100,
  stop: 99,
  target: 102,
  reason: 'test',
  time,
  ...fields,
});

function engineAt(clock: string) {
  const engine = new FeatureEngine('TEST');
  closesToBars(MON, '09:15', [100, 100.5]).forEach((b) => engine.push(b));
  expect(engine.time).toBe(at(MON, clock));
  return engine;
}

describe('StrategyRunner: a failing strategy does not take the others down', () => {
  it('records a throw as a StrategyError and still returns the other signals', () => {
    const engine = engineAt('09:25');
    const thrower = stub('vwap', () => {
      throw new Error('boom');
    });
    const runner = new StrategyRunner(engine, [thrower, stub('ema', (t) => [buy(t)])], 0.1);
    expect(runner.evaluate()).toEqual([buy(at(MON, '09:25'))]);
    expect(runner.errors).toHaveLength(1);
    expect(runner.errors[0]).toMatchObject({
      name: 'StrategyError',
      strategy: 'vwap',
      symbol: 'TEST',
      time: at(MON, '09:25'),
    });
    expect(runner.errors[0]!.message).toMatch(/strategy 'vwap' on TEST at 2026-06-01T03:55:00.000Z: Error: boom/);
  });

  it.each([
    ['the stop is not on the losing side of the entry', { stop: 100.5 }],
    ['the target is not on the winning side', { target: 99.5 }],
    ['strength 2 is outside 0..1', { strength: 2 }],
    ['entry, stop and target must be positive numbers', { entry: NaN }],
    ['signal names another strategy or symbol', { symbol: 'OTHER' }],
  ])('drops a signal when %s', (problem, fields) => {
    const runner = new StrategyRunner(engineAt('09:25'), [stub('ema', (t) => [buy(t, fields)])], 0.1);
    expect(runner.evaluate()).toEqual([]);
    expect(runner.errors[0]!.message).toContain(problem);
  });

  it('drops a signal stamped with another time than the market time', () => {
    const runner = new StrategyRunner(engineAt('09:25'), [stub('ema', (t) => [buy(t + 300_000)])], 0.1);
    expect(runner.evaluate()).toEqual([]);
    expect(runner.errors[0]!.message).toMatch(/is not the market time/);
  });
});

describe('registry', () => {
  it('has a factory for every strategy id', () => {
    expect(Object.keys(STRATEGY_FACTORIES).sort()).toEqual([...STRATEGY_IDS].sort());
    expect(createAllStrategies().map((s) => s.id)).toEqual([...STRATEGY_IDS]);
  });

  it('creates a strategy with overrides and refuses unknown ids', () => {
    expect(createStrategy('vwap', { rewardRisk: 3 }).params).toMatchObject({ rewardRisk: 3 });
    expect(() => createStrategy('macd')).toThrow(/unknown strategy 'macd'; known: vwap, ema, rsi, smc/);
  });

  it('asks the engine for the union of frames and EMA periods, and the longest warm-up', () => {
    const strategies = [createStrategy('ema', { fast: 5, slow: 13, trendTimeframe: '1h' }), createStrategy('vwap')];
    const config = featureConfigFor(strategies);
    expect(config.timeframes).toEqual(['5m', '1h']);
    expect(featureConfigFor(strategies, ['1d', '15m']).timeframes).toEqual(['5m', '15m', '1h', '1d']);
    expect(config.emaPeriods).toEqual([9, 21, 50, 5, 13]);
    // EMA: 3 × 50 hourly bars = 150 × 12 = 1800 five-minute bars; VWAP: 11 sessions × 75 = 825.
    expect(warmupBarsFor(strategies)).toBe(1800);
  });
});
