import { FeatureEngine } from '../../../../core/indicators/engine';
import { frameNeeds, SNAPSHOT_INDICATORS } from '../../../../core/indicators/needs';
import { symbolSnapshot } from '../../../../core/indicators/snapshot';
import { replaySignals } from '../../../../core/strategies/lookahead';
import { createAllStrategies, createStrategy, featureConfigFor } from '../../../../core/strategies/registry';
import { type Strategy } from '../../../../core/strategies/strategy';
import { type Position } from '../../../../core/types';
import { randomWalkSessions } from './market-fixture';

const bars = randomWalkSessions();

/** A position held by `strategies[k]` in alternate hours, long on even days, so exit rules run too. */
const heldBy =
  (strategies: readonly Strategy[]) =>
  (time: number): Position | undefined => {
    const hour = Math.floor(time / 3_600_000);
    const owner = strategies[hour % (strategies.length + 1)];
    if (!owner) return undefined;
    const quantity = Math.floor(time / 86_400_000) % 2 === 0 ? 10 : -10;
    return { symbol: 'TEST', quantity, avgPrice: 1000, stopLoss: quantity > 0 ? 990 : 1010, strategy: owner.id };
  };

/**
 * Signals with the engine the strategies ask for, and with one that computes every indicator: once
 * flat (entries), once holding positions (exits).
 */
function leanAndFull(strategies: readonly Strategy[]) {
  const run = (config: object) =>
    [undefined, heldBy(strategies)].flatMap((positionAt) =>
      replaySignals('TEST', bars, strategies, { tickSize: 0.1, positionAt, config }),
    );
  return { lean: run({}), full: run({ indicators: undefined }) };
}

describe('indicators per frame (what a backtest computes)', () => {
  it.each([
    ['defaults', createAllStrategies()],
    [
      'other frames and variants',
      [
        createStrategy('vwap', { stopMode: 'trailing', pullbackMinRvol: 1 }),
        createStrategy('ema', { requireVwap: false, trendTimeframe: '1h' }),
        createStrategy('rsi', { variant: 'momentum', trendTimeframe: '1h' }),
        createStrategy('smc', { zones: 'fairValueGap', biasTimeframe: '1h' }),
      ],
    ],
    [
      'signal frame 15m',
      [
        createStrategy('vwap', { timeframe: '15m', minRvol: 1 }),
        createStrategy('ema', { timeframe: '15m', trendTimeframe: '1h' }),
        createStrategy('rsi', { timeframe: '15m', trendTimeframe: '15m' }),
        createStrategy('smc', { timeframe: '15m', biasTimeframe: '15m' }),
      ],
    ],
  ])('the strategies read only what they declare: same signals as a full engine (%s)', (_name, strategies) => {
    const { lean, full } = leanAndFull(strategies);
    // Meaningful only if every strategy fires, and entries and exits both occur, on this data.
    expect(new Set(full.map((x) => x.strategy))).toEqual(new Set(strategies.map((x) => x.id)));
    expect(full.filter((s) => s.kind === 'entry').length).toBeGreaterThan(5);
    expect(full.filter((s) => s.kind === 'exit').length).toBeGreaterThan(5);
    expect(lean).toEqual(full);
  });

  it('asks only for what the strategies read, and for the snapshot on extra frames', () => {
    const [vwap, ema, rsi, smc] = createAllStrategies();
    expect(featureConfigFor([vwap!, smc!]).indicators).toEqual({
      '5m': ['vwap', 'rvol', 'zones'],
      '15m': ['structure'],
    });
    expect(featureConfigFor([ema!, rsi!], ['1h']).indicators).toEqual({
      '5m': ['ema', 'vwap', 'atr', 'rsi'],
      '15m': ['ema'],
      '1h': SNAPSHOT_INDICATORS,
    });
  });

  it('gives a strategy that declares nothing every indicator on its frames', () => {
    const { indicators: _declared, ...rest } = createStrategy('vwap');
    expect(featureConfigFor([rest]).indicators!['5m']).toContain('macd');
  });

  it('merges two needs of one frame', () => {
    expect(frameNeeds(['5m', ['ema', 'atr']], ['5m', ['atr', 'structure']])).toEqual({
      '5m': ['ema', 'atr', 'structure'],
    });
  });

  it('leaves what a frame does not compute empty in the snapshot, and refuses its EMAs', () => {
    const engine = new FeatureEngine('TEST', { indicators: { '5m': ['rsi'], '15m': [] } });
    bars.slice(0, 150).forEach((b) => engine.push(b));
    const m5 = symbolSnapshot(engine).frames['5m']!;
    expect(m5.rsi14).toEqual(expect.any(Number));
    expect([m5.vwap, m5.atr14, m5.macd, m5.rvol, m5.ema9]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(engine.frame('5m').vwapAt(0)).toBeNaN();
    expect(() => engine.frame('15m').ema(9)).toThrow(/EMA\(9\) is not computed on 15m/);
    // The default engine computes everything, as the dashboard and the prompt snapshot expect.
    const full = new FeatureEngine('TEST');
    bars.slice(0, 150).forEach((b) => full.push(b));
    expect(symbolSnapshot(full).frames['5m']).toMatchObject({ vwap: expect.any(Number), macd: expect.any(Number) });
  });

  it('follows structure without zones on a bias frame: same breaks, no order blocks or sweeps', () => {
    const lean = new FeatureEngine('TEST', { indicators: { '15m': ['structure'] } });
    const full = new FeatureEngine('TEST');
    for (const b of bars) {
      lean.push(b);
      full.push(b);
      const [a, z] = [lean.frame('15m').structure, full.frame('15m').structure];
      expect([a.trend, a.swingHigh, a.swingLow, a.lastEvent?.index]).toEqual([
        z.trend,
        z.swingHigh,
        z.swingLow,
        z.lastEvent?.index,
      ]);
    }
    const s = lean.frame('15m').structure;
    expect(full.frame('15m').structure.lastEvent).toBeDefined();
    expect([s.bullishBlock, s.bearishBlock, s.bullishGap, s.liquidity.lastSellSweep, s.lastEvent?.sweep]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
