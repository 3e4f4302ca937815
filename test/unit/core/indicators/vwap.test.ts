import { SessionVwap } from '../../../../core/indicators/vwap';
import { at, MON, TUE } from '../candle-fixtures';

describe('SessionVwap', () => {
  it('is empty until the first traded volume, then ΣTP·V/ΣV with σ bands and a 3-bar slope', () => {
    const vwap = new SessionVwap();
    // 09:15, V = 0 (Yahoo's opening bar): no VWAP, no division by zero.
    expect(vwap.update(at(MON, '09:15'), 101, 99, 100, 0)).toBeNaN();
    // 09:20: TP = (102+100+101)/3 = 101, V = 100 → VWAP 101, σ 0.
    expect(vwap.update(at(MON, '09:20'), 102, 100, 101, 100)).toBe(101);
    expect(vwap.sigma).toBe(0);
    // 09:25: TP = (104+101+102)/3 = 307/3, V = 300 → VWAP = (101·100 + 307/3·300)/400 = 40800/400 = 102.
    //   σ² = (100·(101−102)² + 300·(307/3−102)²)/400 = (100 + 300/9)/400 = 1/3.
    expect(vwap.update(at(MON, '09:25'), 104, 101, 102, 300)).toBeCloseTo(102, 12);
    expect(vwap.sigma).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(vwap.band(2)).toBeCloseTo(102 + 2 * Math.sqrt(1 / 3), 12);
    expect(vwap.band(-1)).toBeCloseTo(102 - Math.sqrt(1 / 3), 12);
    // 09:30, V = 0: VWAP unchanged; slope needs VWAP 3 bars back (09:15, empty) → NaN.
    expect(vwap.update(at(MON, '09:30'), 103, 101, 102, 0)).toBeCloseTo(102, 12);
    expect(vwap.slope).toBeNaN();
    // 09:35: TP = 103, V = 100 → VWAP = (40800 + 10300)/500 = 102.2; slope = 102.2 − VWAP(09:20) = 1.2.
    expect(vwap.update(at(MON, '09:35'), 104, 102, 103, 100)).toBeCloseTo(102.2, 12);
    expect(vwap.slope).toBeCloseTo(1.2, 12);
  });

  it('resets at the first bar of the next IST session', () => {
    const vwap = new SessionVwap();
    vwap.update(at(MON, '15:20'), 101, 99, 100, 500);
    vwap.update(at(MON, '15:25'), 101, 99, 100, 500);
    // Tuesday 09:15: TP = (111+109+110)/3 = 110 alone, whatever Monday traded.
    expect(vwap.update(at(TUE, '09:15'), 111, 109, 110, 200)).toBe(110);
    expect(vwap.slope).toBeNaN();
  });
});
