import { Atr } from '../../../../core/indicators/atr';
import { Macd } from '../../../../core/indicators/macd';
import { Rsi } from '../../../../core/indicators/rsi';

describe('Rsi (Wilder, TA-Lib seed, unrounded)', () => {
  it('matches a hand computation', () => {
    // Closes 10, 11, 10, 12, 13, 12 → changes +1, −1, +2, +1, −1; RSI(3).
    // Seed over the first 3 changes: avgGain (1+0+2)/3 = 1, avgLoss (0+1+0)/3 = 1/3 → 100·1/(4/3) = 75.
    // Next (+1): avgGain (2·1+1)/3 = 1, avgLoss (2·1/3+0)/3 = 2/9 → 100·1/(11/9) = 900/11.
    // Next (−1): avgGain (2·1+0)/3 = 2/3, avgLoss (2·2/9+1)/3 = 13/27 → 100·(18/27)/(31/27) = 1800/31.
    const rsi = new Rsi(3);
    const values = [10, 11, 10, 12, 13, 12].map((c) => rsi.update(c));
    expect(values.slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(values[3]).toBeCloseTo(75, 12);
    expect(values[4]).toBeCloseTo(900 / 11, 12); // 81.8181…, not rounded to 81.82
    expect(values[5]).toBeCloseTo(1800 / 31, 12);
  });

  it('gives 50 for a perfectly flat window (neither oversold nor overbought)', () => {
    const rsi = new Rsi(3);
    expect([5, 5, 5, 5, 5].map((c) => rsi.update(c)).at(-1)).toBe(50);
  });

  it('gives 100 when prices only rise and 0 when they only fall', () => {
    const up = new Rsi(2);
    const down = new Rsi(2);
    expect([1, 2, 3].map((c) => up.update(c)).at(-1)).toBe(100);
    expect([3, 2, 1].map((c) => down.update(c)).at(-1)).toBe(0);
  });
});

describe('Atr (Wilder, TA-Lib seed)', () => {
  it('matches a hand computation', () => {
    // (high, low, close): TR needs the previous close, so bar 0 has none.
    // TR1 (prev close 9) = max(11−9, |9−11|, |9−9|) = 2; TR2 (prev 10) = max(2, |10−12|, |10−10|) = 2;
    // TR3 (prev 11.5) = max(12−9, |11.5−12|, |9−11.5|) = 3 → ATR(3) = (2+2+3)/3 = 7/3 at index 3;
    // TR4 (prev 10) = max(1, |10−11|, |10−10|) = 1 → (2·7/3 + 1)/3 = 17/9.
    const atr = new Atr(3);
    const bars: Array<[number, number, number]> = [
      [10, 8, 9],
      [11, 9, 10],
      [12, 10, 11.5],
      [12, 9, 10],
      [11, 10, 10.5],
    ];
    const values = bars.map(([h, l, c]) => atr.update(h, l, c));
    expect(values.slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(values[3]).toBeCloseTo(7 / 3, 12);
    expect(values[4]).toBeCloseTo(17 / 9, 12);
  });

  it('counts an opening gap in the true range', () => {
    // Previous close 100, bar 108–110: TR = max(2, |100−110|, |108−100|) = 10.
    const atr = new Atr(1);
    atr.update(101, 99, 100);
    expect(atr.update(110, 108, 109)).toBe(10);
  });
});

describe('Macd (TA-Lib convention)', () => {
  it('seeds the fast EMA at the slow EMA’s first bar and starts all outputs together', () => {
    // MACD(fast 2, slow 3, signal 2) on closes 1, 3, 2, 5, 4, 6, 8.
    // Slow EMA(3), α = 1/2: seed (1+3+2)/3 = 2 at index 2; then 3.5, 3.75, 4.875, 6.4375.
    // Fast EMA(2), α = 2/3, skips the first slow−fast = 1 close: seed (3+2)/2 = 2.5 at index 2;
    //   then 25/6, 73/18, 289/54, 1153/162.
    // MACD line from index 2: 0.5, 2/3, 11/36, 103/216, 881/1296.
    // Signal EMA(2) of the line: seed (0.5 + 2/3)/2 = 7/12 at index 3; then 43/108, 73/162, 782/1296.
    const macd = new Macd(2, 3, 2);
    const out = [1, 3, 2, 5, 4, 6, 8].map((c) => {
      macd.update(c);
      return [macd.macd, macd.signal, macd.histogram];
    });
    for (let i = 0; i < 3; i++) expect(out[i]).toEqual([NaN, NaN, NaN]);
    const expected = [
      [2 / 3, 7 / 12],
      [11 / 36, 43 / 108],
      [103 / 216, 73 / 162],
      [881 / 1296, 782 / 1296],
    ];
    expected.forEach(([line, signal], k) => {
      const [m, s, h] = out[3 + k]!;
      expect(m).toBeCloseTo(line!, 12);
      expect(s).toBeCloseTo(signal!, 12);
      expect(h).toBeCloseTo(line! - signal!, 12);
    });
  });

  it('first reports at index slow + signal − 2 (33 for 12/26/9)', () => {
    const macd = new Macd();
    let first = -1;
    for (let i = 0; i < 40; i++) {
      macd.update(100 + Math.sin(i));
      if (first < 0 && !Number.isNaN(macd.macd)) first = i;
    }
    expect(first).toBe(33);
  });
});
