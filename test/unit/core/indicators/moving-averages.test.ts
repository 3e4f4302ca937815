import { Ema } from '../../../../core/indicators/ema';
import { RingBuffer } from '../../../../core/indicators/ring';
import { Sma } from '../../../../core/indicators/sma';
import { WilderAverage } from '../../../../core/indicators/wilder';

const run = (update: (x: number) => number, xs: number[]) => xs.map(update);

describe('RingBuffer', () => {
  it('keeps the last `capacity` values, newest first, with their running sum', () => {
    const ring = new RingBuffer(3);
    [1, 2, 3, 4].forEach((x) => ring.push(x));
    // Window is [2, 3, 4]: newest 4, then 3, then 2; sum 9; nothing further back.
    expect([ring.get(0), ring.get(1), ring.get(2)]).toEqual([4, 3, 2]);
    expect(ring.sum).toBe(9);
    expect(ring.get(3)).toBeNaN();
    expect(ring.get(-1)).toBeNaN();
    ring.clear();
    expect([ring.size, ring.sum]).toEqual([0, 0]);
  });
});

describe('Sma', () => {
  it('averages the last n inputs, first value after n inputs', () => {
    // SMA(3) of 1..5: (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4.
    expect(run((x) => new Sma(3).update(x), [1])).toEqual([NaN]);
    const sma = new Sma(3);
    expect(run((x) => sma.update(x), [1, 2, 3, 4, 5])).toEqual([NaN, NaN, 2, 3, 4]);
  });
});

describe('Ema (TA-Lib classic seed)', () => {
  it('seeds with the SMA of the first n inputs, then applies α = 2/(n+1)', () => {
    // EMA(3), α = 0.5: seed (2+4+6)/3 = 4 at index 2; then (8−4)·0.5+4 = 6; (10−6)·0.5+6 = 8.
    const ema = new Ema(3);
    expect(run((x) => ema.update(x), [2, 4, 6, 8, 10])).toEqual([NaN, NaN, 4, 6, 8]);
  });

  it('keeps working from a zero seed (technicalindicators stalls on a falsy seed)', () => {
    // Seed (−1+0+1)/3 = 0; then (4−0)·0.5 + 0 = 2.
    const ema = new Ema(3);
    expect(run((x) => ema.update(x), [-1, 0, 1, 4])).toEqual([NaN, NaN, 0, 2]);
  });

  it('rejects a period that is not a whole number ≥ 1', () => {
    expect(() => new Ema(0)).toThrow(RangeError);
    expect(() => new Ema(2.5)).toThrow(RangeError);
  });
});

describe('WilderAverage', () => {
  it('seeds with the mean, then avg = ((n−1)·avg + x)/n', () => {
    // n = 2: seed (4+2)/2 = 3; then (1·3 + 7)/2 = 5; then (1·5 + 1)/2 = 3.
    const w = new WilderAverage(2);
    expect(run((x) => w.update(x), [4, 2, 7, 1])).toEqual([NaN, 3, 5, 3]);
  });
});
