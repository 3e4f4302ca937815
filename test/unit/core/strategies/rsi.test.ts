import { createRsiStrategy } from '../../../../core/strategies/rsi';
import { at, MON } from '../candle-fixtures';
import { fakeContext, fakeFrame, position } from './fake-context';

const T = at(MON, '11:00');

function frames(
  m5: { rsi: [number, number]; close: number; low: number; high: number; vwap: number; atr?: number },
  m15 = { close: 101, ema50: 100, ema9: 100, ema21: 100 },
) {
  return {
    '5m': fakeFrame({
      lastCloseTime: T,
      bars: [{ high: m5.high, low: m5.low, close: m5.close }],
      now: { rsi: m5.rsi[0], vwap: m5.vwap, atr: m5.atr ?? 0.6 },
      prev: { rsi: m5.rsi[1] },
    }),
    '15m': fakeFrame({
      timeframe: '15m',
      lastCloseTime: at(MON, '10:45'),
      bars: [{ high: m15.close, low: m15.close, close: m15.close }],
      ema: { 50: [m15.ema50, m15.ema50], 9: [m15.ema9, m15.ema9], 21: [m15.ema21, m15.ema21] },
    }),
  };
}

describe('RSI mean reversion', () => {
  const rsi = createRsiStrategy();

  it('goes long when RSI crosses back up through 30 and VWAP is at least 1.5 R away', () => {
    const f = frames({ rsi: [31, 28], close: 99.8, low: 99.5, high: 100, vwap: 101 });
    const [signal] = rsi.evaluate(fakeContext({ time: T, frames: f }));
    // Stop = low 99.5 − 0.5 × ATR 0.6 = 99.2; risk 0.6; target VWAP 101.0 is 1.2 = 2 R away (≥ 1.5 R).
    expect(signal).toMatchObject({ side: 'BUY', entry: 99.8, stop: 99.2, target: 101 });
  });

  it('skips the trade when VWAP is closer than 1.5 R', () => {
    // Target 100.6 is 0.8 away, below 1.5 × 0.6 = 0.9.
    const f = frames({ rsi: [31, 28], close: 99.8, low: 99.5, high: 100, vwap: 100.6 });
    expect(rsi.evaluate(fakeContext({ time: T, frames: f }))).toEqual([]);
  });

  it('needs a cross, not merely RSI below 30', () => {
    const f = frames({ rsi: [25, 28], close: 99.8, low: 99.5, high: 100, vwap: 101 });
    expect(rsi.evaluate(fakeContext({ time: T, frames: f }))).toEqual([]);
  });

  it('in a 15m downtrend takes the long only on a quiet day (range < 1.5 × average)', () => {
    const down = { close: 99, ema50: 100, ema9: 100, ema21: 100 };
    const f = frames({ rsi: [31, 28], close: 99.8, low: 99.5, high: 100, vwap: 101 }, down);
    // 1.5 × average range 4 = 6: a range of 5 is quiet, 7 is not.
    expect(rsi.evaluate(fakeContext({ time: T, frames: f, session: { range: 5, averageRange: 4 } }))).toHaveLength(1);
    expect(rsi.evaluate(fakeContext({ time: T, frames: f, session: { range: 7, averageRange: 4 } }))).toEqual([]);
  });

  it('goes short when RSI crosses back down through 70', () => {
    const down = { close: 99, ema50: 100, ema9: 100, ema21: 100 };
    const f = frames({ rsi: [69, 72], close: 101.2, low: 101, high: 101.5, vwap: 100 }, down);
    const [signal] = rsi.evaluate(fakeContext({ time: T, frames: f }));
    // Stop = high 101.5 + 0.3 = 101.8; risk 0.6; target VWAP 100 is 1.2 away.
    expect(signal).toMatchObject({ side: 'SELL', entry: 101.2, stop: 101.8, target: 100 });
  });

  it('exits its long at RSI 50 or at VWAP, whichever comes first', () => {
    const held = (rsiNow: number, close: number) =>
      rsi.evaluate(
        fakeContext({
          time: T,
          frames: frames({ rsi: [rsiNow, 45], close, low: close - 0.2, high: close + 0.2, vwap: 101 }),
          position: position('rsi', 10),
        }),
      );
    expect(held(50, 100)).toMatchObject([{ kind: 'exit', reason: 'RSI 50.0 reached 50.' }]);
    expect(held(45, 101)).toMatchObject([{ kind: 'exit', reason: 'Close 101.00 reached VWAP 101.00.' }]);
    expect(held(45, 100.5)).toEqual([]);
  });
});

describe('RSI momentum', () => {
  const rsi = createRsiStrategy({ variant: 'momentum' });
  const up = { close: 101, ema50: 100, ema9: 100.5, ema21: 100.2 };

  it('goes long when RSI crosses 60 above VWAP with the 15m EMAs up, target 2 R', () => {
    const f = frames({ rsi: [62, 58], close: 100.8, low: 100.5, high: 100.9, vwap: 100.4 }, up);
    const [signal] = rsi.evaluate(fakeContext({ time: T, frames: f }));
    // Stop 100.5 − 0.3 = 100.2; risk 0.6; target 100.8 + 1.2 = 102.0.
    expect(signal).toMatchObject({ side: 'BUY', entry: 100.8, stop: 100.2, target: 102 });
  });

  it('does not chase above RSI 75, and exits when RSI falls under 45', () => {
    const chase = frames({ rsi: [76, 58], close: 100.8, low: 100.5, high: 100.9, vwap: 100.4 }, up);
    expect(rsi.evaluate(fakeContext({ time: T, frames: chase }))).toEqual([]);
    const fading = frames({ rsi: [44, 50], close: 100.8, low: 100.5, high: 100.9, vwap: 100.4 }, up);
    expect(rsi.evaluate(fakeContext({ time: T, frames: fading, position: position('rsi', 10) }))).toMatchObject([
      { kind: 'exit' },
    ]);
  });
});
