import { assertValidCandles, CandleValidationError, validateCandles } from '../../../../core/candles/validate';
import { at, bar, closesToBars, MON, TUE, WED } from '../candle-fixtures';

describe('validateCandles: issues', () => {
  it('accepts a clean series', () => {
    const report = validateCandles(closesToBars(MON, '09:15', [100, 101, 102]), '5m');
    expect(report).toEqual({ ok: true, issues: [], gaps: [] });
  });

  it.each([
    ['not-finite', bar(MON, '09:15', 100, NaN, 99, 100)],
    ['non-positive-price', bar(MON, '09:15', 0, 1, 0, 1)],
    ['negative-volume', bar(MON, '09:15', 100, 101, 99, 100, -5)],
    // high 100.5 is below the close 101.
    ['high-below-body', bar(MON, '09:15', 100, 100.5, 99, 101)],
    // low 100.5 is above the open 100.
    ['low-above-body', bar(MON, '09:15', 100, 102, 100.5, 101)],
    ['misaligned', bar(MON, '09:17', 100, 101, 99, 100)],
    ['out-of-session', bar(MON, '15:30', 100, 101, 99, 100)],
  ] as const)('reports %s', (code, candle) => {
    const report = validateCandles([candle], '5m');
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.code)).toContain(code);
    expect(report.issues[0]).toMatchObject({ index: 0, time: candle.time });
  });

  it('reports duplicates and bars out of order, and then computes no gaps', () => {
    const [a, b] = closesToBars(MON, '09:15', [100, 101]) as [ReturnType<typeof bar>, ReturnType<typeof bar>];
    const report = validateCandles([a, b, b, a], '5m');
    expect(report.issues.map((i) => [i.index, i.code])).toEqual([
      [2, 'duplicate'],
      [3, 'out-of-order'],
    ]);
    expect(report.gaps).toEqual([]);
  });

  it('does not check the intraday grid on daily bars (Dhan stamps them at midnight)', () => {
    expect(validateCandles([bar(MON, '00:00', 100, 101, 99, 100)], '1d').ok).toBe(true);
  });
});

describe('validateCandles: gaps are data, not errors', () => {
  it('reports missing bars inside a session', () => {
    // 10:00 then 10:15: the 10:05 and 10:10 bars are missing (2 slots).
    const bars = [bar(MON, '10:00', 100, 101, 99, 100), bar(MON, '10:15', 100, 101, 99, 100)];
    const report = validateCandles(bars, '5m');
    expect(report.ok).toBe(true);
    expect(report.gaps).toEqual([{ from: at(MON, '10:05'), to: at(MON, '10:10'), missing: 2 }]);
  });

  it('reports a late open and an early close of a middle session, but not the edges of the window', () => {
    const bars = [
      bar(MON, '14:00', 100, 101, 99, 100), // the window starts mid-session: no gap reported
      bar(MON, '15:25', 100, 101, 99, 100),
      bar(TUE, '09:25', 100, 101, 99, 100), // 09:15 and 09:20 missing
      bar(TUE, '15:15', 100, 101, 99, 100), // 15:20 and 15:25 missing
      bar(WED, '09:15', 100, 101, 99, 100), // the last day may still be trading: no trailing gap
    ];
    const gaps = validateCandles(bars, '5m').gaps;
    expect(gaps).toEqual([
      // 14:00 → 15:25 inside Monday: 14:05 … 15:20 is 16 bars.
      { from: at(MON, '14:05'), to: at(MON, '15:20'), missing: 16 },
      { from: at(TUE, '09:15'), to: at(TUE, '09:20'), missing: 2 },
      // 09:25 → 15:15 inside Tuesday: 09:30 … 15:10 is (15:15 − 09:25)/5 − 1 = 69 bars.
      { from: at(TUE, '09:30'), to: at(TUE, '15:10'), missing: 69 },
      { from: at(TUE, '15:20'), to: at(TUE, '15:25'), missing: 2 },
    ]);
  });

  it('counts hourly gaps on the 09:15-anchored grid with the 15:15 stub', () => {
    const bars = [bar(MON, '09:15', 100, 101, 99, 100), bar(MON, '15:15', 100, 101, 99, 100)];
    // 10:15, 11:15, 12:15, 13:15, 14:15 are missing.
    expect(validateCandles(bars, '1h').gaps).toEqual([{ from: at(MON, '10:15'), to: at(MON, '14:15'), missing: 5 }]);
  });
});

describe('assertValidCandles', () => {
  it('throws a CandleValidationError naming the bar and the problem', () => {
    const bad = [bar(MON, '09:15', 100, 100.5, 99, 101)];
    expect(() => assertValidCandles(bad, '5m')).toThrow(CandleValidationError);
    expect(() => assertValidCandles(bad, '5m')).toThrow(/#0 2026-06-01T03:45:00.000Z: high 100.5 < max\(open, close\)/);
  });

  it('returns the gaps of a valid series', () => {
    const bars = [bar(MON, '10:00', 100, 101, 99, 100), bar(MON, '10:10', 100, 101, 99, 100)];
    expect(assertValidCandles(bars, '5m')).toEqual([{ from: at(MON, '10:05'), to: at(MON, '10:05'), missing: 1 }]);
  });
});
