import { FeatureEngine } from '../../../../core/indicators/engine';
import { symbolSnapshot } from '../../../../core/indicators/snapshot';
import { at, bar, closesToBars, flatSession, MON, TUE } from '../candle-fixtures';

describe('FeatureEngine', () => {
  it('gives a higher frame a bar only once that bar has closed', () => {
    const engine = new FeatureEngine('TEST');
    const bars = closesToBars(MON, '09:15', [100, 101, 102, 103]);
    engine.push(bars[0]!);
    engine.push(bars[1]!);
    // At 09:25 the 09:15 15m bar is still forming.
    expect(engine.time).toBe(at(MON, '09:25'));
    expect(engine.frame('15m').count).toBe(0);
    engine.push(bars[2]!);
    // 09:25 closes at 09:30: the 15m bar 09:15–09:30 is complete (open 100, close 102).
    expect(engine.frame('15m').count).toBe(1);
    expect([engine.frame('15m').open(0), engine.frame('15m').close(0)]).toEqual([100, 102]);
    expect(engine.frame('15m').lastCloseTime).toBe(at(MON, '09:30'));
    // The 09:15 hourly bar closes at 10:15 and the daily bar at 15:30: nothing yet.
    expect(engine.frame('1h').count).toBe(0);
    expect(engine.frame('1d').count).toBe(0);
  });

  it('closes the daily bar with the 15:25 bar and keeps it as the previous session', () => {
    const engine = new FeatureEngine('TEST');
    flatSession(MON, 100).forEach((b) => engine.push(b));
    expect(engine.frame('1d').count).toBe(1);
    engine.push(bar(TUE, '09:15', 100, 101, 99, 100));
    expect(engine.frame('1d').count).toBe(1);
    expect(engine.session.prevClose).toBe(100);
  });

  it('rejects bars out of time order with the symbol and time', () => {
    const engine = new FeatureEngine('TEST');
    const [a, b] = closesToBars(MON, '09:15', [100, 101]);
    engine.push(b!);
    expect(() => engine.push(a!)).toThrow(/TEST: bar 2026-06-01T03:45:00.000Z is not after the previous bar/);
  });

  it('refuses frames it cannot build and names the ones it has', () => {
    expect(() => new FeatureEngine('TEST', { base: '15m', timeframes: ['15m', '5m'] })).toThrow(/cannot build 5m/);
    const engine = new FeatureEngine('TEST', { timeframes: ['5m', '1h'] });
    expect(engine.timeframes).toEqual(['5m', '1h']);
    expect(() => engine.frame('15m')).toThrow(/no 15m frame \(built: 5m, 1h\)/);
  });
});

describe('symbolSnapshot', () => {
  it('is plain data: numbers where known, absent where still warming up', () => {
    const engine = new FeatureEngine('TEST');
    closesToBars(MON, '09:15', [100, 101, 102], 0.5, 100).forEach((b) => engine.push(b));
    const snap = symbolSnapshot(engine);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    const m5 = snap.frames['5m']!;
    expect(m5).toMatchObject({ symbol: 'TEST', timeframe: '5m', close: 102, time: at(MON, '09:25') });
    expect(m5.ema9).toBeUndefined(); // 3 of 9 bars
    expect(m5.rsi14).toBeUndefined();
    // Bars (open→close, wick 0.5): 100→100, 100→101, 101→102, so TP = (H+L+C)/3 = 300/3, 302/3, 305/3;
    // equal volumes → VWAP = (300 + 302 + 305)/9 = 907/9.
    expect(m5.vwap).toBeCloseTo(907 / 9, 12);
    expect(snap.frames['1h']).toBeUndefined();
    expect(snap.session).toMatchObject({ dayHigh: 102.5, dayLow: 99.5, openingHigh: 102.5, openingLow: 99.5 });
    expect(m5.structure).toEqual({ trend: 'none' });
  });
});
