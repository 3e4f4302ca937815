import { createEmaCrossStrategy } from '../../../../core/strategies/ema-cross';
import { at, MON } from '../candle-fixtures';
import { fakeContext, fakeFrame, position } from './fake-context';

const T = at(MON, '11:00');

/** 5m: EMA9 crosses above EMA21 (100 ≤ 100.1, then 100.3 > 100.2); close 100.6, VWAP 100.4, ATR 0.4. */
function crossFrames(trend: { ema9: number; ema21: number; close: number; ema50: number }, close = 100.6) {
  const m5 = fakeFrame({
    lastCloseTime: T,
    // The last 5 lows: 100.2, 99.9, 100.1, 100.3, 100.4 → lowest 99.9.
    bars: [100.2, 99.9, 100.1, 100.3, 100.4].map((low, i) => ({
      high: low + 0.6,
      low,
      close: i === 4 ? close : low + 0.3,
    })),
    now: { vwap: 100.4, atr: 0.4 },
    ema: { 9: [100.3, 100], 21: [100.2, 100.1], 50: [99, 99] },
  });
  const m15 = fakeFrame({
    timeframe: '15m',
    lastCloseTime: at(MON, '10:45'),
    bars: [{ high: trend.close + 0.5, low: trend.close - 0.5, close: trend.close }],
    ema: { 9: [trend.ema9, trend.ema9], 21: [trend.ema21, trend.ema21], 50: [trend.ema50, trend.ema50] },
  });
  return { '5m': m5, '15m': m15 };
}

describe('EMA crossover', () => {
  const ema = createEmaCrossStrategy();

  it('goes long on a 9/21 cross with the 15m trend and price above VWAP', () => {
    const frames = crossFrames({ ema9: 101, ema21: 100.5, close: 100.8, ema50: 100.7 });
    const [signal] = ema.evaluate(fakeContext({ time: T, frames }));
    // Stop = max(lowest low 99.9, 100.6 − 1.5 × 0.4 = 100.0) = 100.0 (the tighter one); risk 0.6;
    // target 100.6 + 2 × 0.6 = 101.8. Both 15m filters agree: strength 0.5 + 0.25 + 0.25.
    expect(signal).toMatchObject({ side: 'BUY', entry: 100.6, stop: 100, target: 101.8, strength: 1 });
  });

  it('accepts either 15m filter but needs one', () => {
    // 15m EMA9 < EMA21 but close 100.8 > EMA50 100.7: price filter alone → strength 0.75.
    const priceOnly = crossFrames({ ema9: 100.4, ema21: 100.5, close: 100.8, ema50: 100.7 });
    expect(ema.evaluate(fakeContext({ time: T, frames: priceOnly }))).toMatchObject([{ strength: 0.75 }]);
    const neither = crossFrames({ ema9: 100.4, ema21: 100.5, close: 100.6, ema50: 100.7 });
    expect(ema.evaluate(fakeContext({ time: T, frames: neither }))).toEqual([]);
  });

  it('needs the close above session VWAP for a long', () => {
    const frames = crossFrames({ ema9: 101, ema21: 100.5, close: 100.8, ema50: 100.7 }, 100.35);
    expect(ema.evaluate(fakeContext({ time: T, frames }))).toEqual([]);
  });

  it('exits its long on the opposite cross, and only its own position', () => {
    const frames = {
      '5m': fakeFrame({
        lastCloseTime: T,
        bars: [{ high: 101, low: 100, close: 100.5 }],
        ema: { 9: [100.1, 100.3], 21: [100.2, 100.2], 50: [99, 99] },
      }),
    };
    expect(ema.evaluate(fakeContext({ time: T, frames, position: position('ema', 10) }))).toMatchObject([
      { kind: 'exit', side: 'SELL', reason: 'Opposite EMA9/EMA21 cross.' },
    ]);
    expect(ema.evaluate(fakeContext({ time: T, frames, position: position('rsi', 10) }))).toEqual([]);
  });

  it('declares the frames, EMA periods and warm-up it needs', () => {
    const custom = createEmaCrossStrategy({ fast: 5, slow: 13 });
    expect(custom.timeframes).toEqual(['5m', '15m']);
    expect(custom.emaPeriods).toEqual([5, 13, 50]);
    // 3 × EMA50 on 15m = 150 fifteen-minute bars = 450 five-minute bars (more than 3 × 13 on 5m).
    expect(custom.warmupBars).toBe(450);
    expect(() => createEmaCrossStrategy({ fast: 21, slow: 9 })).toThrow(/fast must be shorter than slow/);
  });
});
