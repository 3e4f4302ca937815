import { CandleValidationError } from '../../../../core/candles/validate';
import { analyseSymbol } from '../../../../core/strategies/analyse';
import { replaySignals } from '../../../../core/strategies/lookahead';
import { createAllStrategies, createStrategy } from '../../../../core/strategies/registry';
import { type Strategy } from '../../../../core/strategies/strategy';
import { at, bar, closesToBars, MON } from '../candle-fixtures';
import { randomWalkSessions } from './market-fixture';

const morning = closesToBars(MON, '09:15', [100, 100.4, 100.2, 100.8, 101, 100.6, 100.9, 101.3, 101.1, 101.5, 101.2]);

describe('analyseSymbol (the live cycle’s entry point)', () => {
  it('drops the still-forming bar the feed returns', () => {
    // The feed holds bars 09:15 … 10:05; at 10:05:03 the 10:05 bar is forming.
    const now = at(MON, '10:05') + 3_000;
    const analysis = analyseSymbol({ symbol: 'TCS', bars: morning, now, strategies: createAllStrategies() });
    expect(analysis.barsUsed).toBe(10);
    expect(analysis.stale).toBe(false);
    expect(analysis.snapshot.time).toBe(at(MON, '10:05'));
    expect(analysis.snapshot.frames['5m']).toMatchObject({ time: at(MON, '10:00'), close: 101.5 });
    expect(analysis.gaps).toEqual([]);
  });

  it('evaluates nothing when the feed is behind (no signal on old data stamped as new)', () => {
    const now = at(MON, '10:20') + 3_000; // the 10:15 bar should have closed, the feed stops at 10:05
    const analysis = analyseSymbol({ symbol: 'TCS', bars: morning, now, strategies: createAllStrategies() });
    expect(analysis.stale).toBe(true);
    expect(analysis.signals).toEqual([]);
  });

  it('gives, at every bar close, exactly the signals the backtest replay gives at that bar', () => {
    const bars = randomWalkSessions();
    const strategies = createAllStrategies();
    const replayed = replaySignals('TEST', bars, strategies, { tickSize: 0.1 });
    const last = bars.length - 1;
    let compared = 0;
    // Every bar close of the last session, with the feed also returning the forming bar.
    for (let k = last - 74; k < last; k++) {
      const close = bars[k]!.time + 300_000;
      const live = analyseSymbol({
        symbol: 'TEST',
        tickSize: 0.1,
        bars: bars.slice(0, k + 2),
        now: close + 5_000,
        strategies,
      });
      expect(live.signals).toEqual(replayed.filter((s) => s.time === close));
      compared += live.signals.length;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('throws a clear error for broken bars and for an unknown symbol without a tick size', () => {
    const broken = [...morning.slice(0, 3), bar(MON, '09:30', 100, 99, 98, 100.5)];
    const now = at(MON, '09:35') + 1;
    expect(() => analyseSymbol({ symbol: 'TCS', bars: broken, now, strategies: [] })).toThrow(CandleValidationError);
    expect(() => analyseSymbol({ symbol: 'XYZ', bars: morning, now, strategies: [] })).toThrow(
      /unknown symbol 'XYZ': pass its tickSize/,
    );
  });

  it('reports a failing strategy and keeps the others', () => {
    const failing: Strategy = {
      ...createStrategy('ema'),
      evaluate: () => {
        throw new Error('bad rule');
      },
    };
    const now = at(MON, '10:05') + 3_000;
    const analysis = analyseSymbol({
      symbol: 'TCS',
      bars: morning,
      now,
      strategies: [failing, createStrategy('vwap')],
    });
    expect(analysis.failures).toEqual([{ strategy: 'ema', message: expect.stringMatching(/Error: bad rule$/) }]);
  });
});
