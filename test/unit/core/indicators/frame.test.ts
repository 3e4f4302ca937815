import { DEFAULT_FEATURE_CONFIG } from '../../../../core/indicators/engine';
import { Frame, LookaheadError } from '../../../../core/indicators/frame';
import { type Candle } from '../../../../core/types';
import { closesToBars, MON } from '../candle-fixtures';

const frameOf = (bars: Candle[], historyBars = 8) => {
  const frame = new Frame('5m', { ...DEFAULT_FEATURE_CONFIG, historyBars });
  bars.forEach((b) => frame.push({ ...b, closeTime: b.time + 300_000 }));
  return frame;
};

describe('Frame: reading closed bars', () => {
  const bars = closesToBars(MON, '09:15', [100, 101, 102, 103, 104], 0.5);

  it('reads newest first and says NaN before the first bar', () => {
    const f = frameOf(bars);
    expect([f.close(0), f.close(1), f.close(4)]).toEqual([104, 103, 100]);
    expect(f.close(5)).toBeNaN();
    expect(f.count).toBe(5);
    expect(f.lastCloseTime).toBe(bars[4]!.time + 300_000);
  });

  it('refuses to read a bar that has not closed (negative back)', () => {
    const f = frameOf(bars);
    expect(() => f.close(-1)).toThrow(LookaheadError);
    expect(() => f.high(-1)).toThrow(/look-ahead/);
  });

  it('refuses reads beyond the kept history instead of wrapping round the ring', () => {
    const f = frameOf(bars, 4);
    expect(f.close(3)).toBe(101);
    expect(() => f.close(4)).toThrow(/keeps 4 bars/);
    expect(() => f.close(0.5)).toThrow(/whole number/);
  });

  it('finds the lowest low and highest high of the last n bars', () => {
    const f = frameOf(bars);
    // Each bar opens at the previous close; lows are min(open, close) − 0.5.
    // The last three bars (101→102, 102→103, 103→104) have lows 100.5, 101.5, 102.5.
    expect(f.lowestLow(3)).toBe(100.5);
    // Highs are max(open, close) + 0.5: 102.5, 103.5, 104.5.
    expect(f.highestHigh(3)).toBe(104.5);
    expect(f.lowestLow(6)).toBeNaN();
  });

  it('reads the configured EMAs now and one bar back, and names a missing period', () => {
    const f = frameOf(closesToBars(MON, '09:15', new Array<number>(10).fill(100)));
    expect([f.ema(9), f.ema(9, 1)]).toEqual([100, 100]);
    expect(f.ema(21)).toBeNaN();
    expect(() => f.ema(7)).toThrow(/EMA\(7\) is not computed on 5m/);
  });
});
