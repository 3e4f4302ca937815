import { StrategyParamsError } from '../../../../core/strategies/params';
import { createVwapStrategy } from '../../../../core/strategies/vwap';
import { at, MON } from '../candle-fixtures';
import { fakeContext, fakeFrame, position, type FakeBar } from './fake-context';

const T = at(MON, '10:00');

/** Variant A fixture: the close crosses VWAP from 100 ≤ 100.2 to 101 > 100.5 on RVOL 2. */
function crossUp(time = T, overrides: { rvol?: number; low?: number; lastCloseTime?: number } = {}) {
  const bars: FakeBar[] = [
    { high: 100.3, low: 99.8, close: 100, vwap: 100.2 },
    // Midpoint (101.2 + 100)/2 = 100.6 < close 101: upper half.
    { high: 101.2, low: overrides.low ?? 100, close: 101, vwap: 100.5 },
  ];
  return fakeFrame({ lastCloseTime: overrides.lastCloseTime ?? time, bars, now: { rvol: overrides.rvol ?? 2 } });
}

describe('VWAP strategy, variant A (cross with volume)', () => {
  const vwap = createVwapStrategy({ variants: ['cross'] });

  it('goes long on a cross up with RVOL ≥ 1.5 and a close in the upper half', () => {
    const [signal] = vwap.evaluate(fakeContext({ time: T, frames: { '5m': crossUp() } }));
    // Stop: VWAP 100.5 × (1 − 0.002) = 100.299, rounded down to the 0.1 tick = 100.2.
    // Risk 101 − 100.2 = 0.8; target 101 + 2 × 0.8 = 102.6. Strength RVOL 2 / (2 × 1.5) = 2/3.
    expect(signal).toMatchObject({
      kind: 'entry',
      side: 'BUY',
      entry: 101,
      stop: 100.2,
      target: 102.6,
      strategy: 'vwap',
      time: T,
    });
    expect(signal!.strength).toBeCloseTo(2 / 3, 12);
    expect(signal!.reason).toMatch(/^VWAP cross up: close 101.00 vs VWAP 100.50 on RVOL 2.0/);
  });

  it('needs RVOL ≥ 1.5 and a close in the upper half', () => {
    expect(vwap.evaluate(fakeContext({ time: T, frames: { '5m': crossUp(T, { rvol: 1.4 }) } }))).toEqual([]);
    // Low 100.9: midpoint (101.2 + 100.9)/2 = 101.05 > close 101.
    expect(vwap.evaluate(fakeContext({ time: T, frames: { '5m': crossUp(T, { low: 100.9 }) } }))).toEqual([]);
  });

  it('goes short on the mirror, with the stop rounded up', () => {
    const f = fakeFrame({
      lastCloseTime: T,
      bars: [
        { high: 100.8, low: 100.4, close: 100.6, vwap: 100.5 },
        // Midpoint (100.7 + 99.6)/2 = 100.15 > close 99.8: lower half.
        { high: 100.7, low: 99.6, close: 99.8, vwap: 100.4 },
      ],
      now: { rvol: 1.6 },
    });
    const [signal] = vwap.evaluate(fakeContext({ time: T, frames: { '5m': f } }));
    // Stop: 100.4 × 1.002 = 100.6008 → up to 100.7; risk 0.9; target 99.8 − 1.8 = 98.0.
    expect(signal).toMatchObject({ side: 'SELL', entry: 99.8, stop: 100.7, target: 98 });
  });
});

describe('VWAP strategy, variant B (pullback)', () => {
  const vwap = createVwapStrategy({ variants: ['pullback'] });
  // 7 of the last 8 closes above VWAP 100; the last bar's low 100.05 ≤ 100 × 1.001 and close 100.4 > 100.
  const trend: FakeBar[] = [
    ...[100.6, 100.8, 99.9, 100.7, 100.9, 100.5, 100.6].map((close) => ({
      high: close + 0.2,
      low: close - 0.2,
      close,
      vwap: 100,
    })),
    { high: 100.5, low: 100.05, close: 100.4, vwap: 100 },
  ];

  it('goes long on a rejected touch of a rising VWAP', () => {
    const f = fakeFrame({ lastCloseTime: T, bars: trend, now: { vwapSlope: 0.3, rvol: 0.8 } });
    const [signal] = vwap.evaluate(fakeContext({ time: T, frames: { '5m': f } }));
    // Stop 100 × 0.998 = 99.8; risk 0.6; target 100.4 + 1.2 = 101.6; strength 7/8.
    expect(signal).toMatchObject({ side: 'BUY', entry: 100.4, stop: 99.8, target: 101.6, strength: 7 / 8 });
    expect(signal!.reason).toMatch(/7 of the last 8 closes above a rising VWAP 100.00/);
  });

  it('needs a rising VWAP, six of eight closes above it, and optionally volume', () => {
    const flat = fakeFrame({ lastCloseTime: T, bars: trend, now: { vwapSlope: 0 } });
    expect(vwap.evaluate(fakeContext({ time: T, frames: { '5m': flat } }))).toEqual([]);
    const choppy = trend.map((b, i) => (i < 2 ? { ...b, close: 99.5 } : b)); // 5 of 8 above
    const f = fakeFrame({ lastCloseTime: T, bars: choppy, now: { vwapSlope: 0.3 } });
    expect(vwap.evaluate(fakeContext({ time: T, frames: { '5m': f } }))).toEqual([]);
    const withVolume = createVwapStrategy({ variants: ['pullback'], pullbackMinRvol: 1 });
    const quiet = fakeFrame({ lastCloseTime: T, bars: trend, now: { vwapSlope: 0.3, rvol: 0.8 } });
    expect(withVolume.evaluate(fakeContext({ time: T, frames: { '5m': quiet } }))).toEqual([]);
  });
});

describe('VWAP strategy: clock, positions, exits', () => {
  const vwap = createVwapStrategy();

  it.each([
    ['09:25', 0],
    ['09:30', 1],
    ['14:40', 1],
    ['14:45', 0],
  ] as const)('at %s takes %i entries (window 09:30–14:45)', (clock, n) => {
    const time = at(MON, clock);
    expect(vwap.evaluate(fakeContext({ time, frames: { '5m': crossUp(time) } }))).toHaveLength(n);
  });

  it('acts only when a bar of its frame has just closed', () => {
    const stale = crossUp(T, { lastCloseTime: T - 300_000 });
    expect(vwap.evaluate(fakeContext({ time: T, frames: { '5m': stale } }))).toEqual([]);
  });

  it('takes no entry while any position in the symbol is open', () => {
    const ctx = fakeContext({ time: T, frames: { '5m': crossUp() }, position: position('ema', 10) });
    expect(vwap.evaluate(ctx)).toEqual([]);
  });

  it('respects the re-entry limits: 2 entries a day, 2 bars after a stop-out', () => {
    const ctx = (activity: { entriesToday: number; lastStopOutTime?: number }, time = T) =>
      fakeContext({ time, frames: { '5m': crossUp(time) }, activity });
    expect(vwap.evaluate(ctx({ entriesToday: 2 }))).toEqual([]);
    expect(vwap.evaluate(ctx({ entriesToday: 1, lastStopOutTime: at(MON, '09:55') }))).toEqual([]);
    expect(vwap.evaluate(ctx({ entriesToday: 1, lastStopOutTime: at(MON, '09:50') }))).toHaveLength(1);
  });

  it('exits its long on a close back through VWAP by more than the buffer (frozen stop)', () => {
    // VWAP 100 × 0.998 = 99.8: a close at 99.7 is beyond it, 99.9 is not.
    const frame = (close: number) =>
      fakeFrame({ lastCloseTime: T, bars: [{ high: 100.2, low: 99.6, close, vwap: 100 }] });
    const held = (close: number) =>
      vwap.evaluate(fakeContext({ time: T, frames: { '5m': frame(close) }, position: position('vwap', 10, 99.5) }));
    expect(held(99.7)).toMatchObject([{ kind: 'exit', side: 'SELL', entry: 99.7, stop: 99.5 }]);
    expect(held(99.9)).toEqual([]);
  });

  it('in trailing mode exits when a low reaches the level VWAP set at the previous close', () => {
    const trailing = createVwapStrategy({ stopMode: 'trailing' });
    // Previous VWAP 100.2 → trailing stop 100.2 × 0.998 = 99.9996; this bar's low 99.95 reaches it.
    const f = fakeFrame({
      lastCloseTime: T,
      bars: [
        { high: 100.5, low: 100.1, close: 100.3, vwap: 100.2 },
        { high: 100.3, low: 99.95, close: 100.1, vwap: 100.1 },
      ],
    });
    const ctx = fakeContext({ time: T, frames: { '5m': f }, position: position('vwap', 10) });
    expect(trailing.evaluate(ctx)).toMatchObject([{ kind: 'exit', reason: 'Trailing VWAP stop 100.00 reached.' }]);
    expect(vwap.evaluate(ctx)).toEqual([]); // frozen: close 100.1 is above 99.8
  });

  it('flattens its position from 15:15, not before', () => {
    const ctx = (clock: string) =>
      fakeContext({
        time: at(MON, clock),
        // A short with the close (99.5) still below VWAP 100: only the clock can close it.
        frames: {
          '5m': fakeFrame({ lastCloseTime: at(MON, clock), bars: [{ high: 100, low: 99, close: 99.5, vwap: 100 }] }),
        },
        position: position('vwap', -5, 102),
      });
    expect(vwap.evaluate(ctx('15:10'))).toEqual([]);
    expect(vwap.evaluate(ctx('15:15'))).toMatchObject([
      { kind: 'exit', side: 'BUY', reason: expect.stringMatching(/^Time exit/) },
    ]);
  });
});

describe('VWAP parameters', () => {
  it('are frozen, with the note’s defaults', () => {
    const { params } = createVwapStrategy();
    expect(params).toMatchObject({
      minRvol: 1.5,
      stopBuffer: 0.002,
      rewardRisk: 2,
      trendBars: 8,
      trendMinCloses: 6,
      stopMode: 'frozen',
    });
    expect(Object.isFrozen(params)).toBe(true);
  });

  it('reject bad input with a readable error', () => {
    expect(() => createVwapStrategy({ minRvol: -1 })).toThrow(StrategyParamsError);
    expect(() => createVwapStrategy({ rvolMin: 2 })).toThrow(/invalid parameters for strategy 'vwap'/);
    expect(() => createVwapStrategy({ trendBars: 4, trendMinCloses: 6 })).toThrow(
      /trendMinCloses cannot exceed trendBars/,
    );
  });
});
