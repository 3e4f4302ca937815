import { RelativeVolume } from '../../../../core/indicators/rvol';
import { at, MON, TUE, WED } from '../candle-fixtures';

describe('RelativeVolume', () => {
  // 2 sessions of same-time history, fallback over the previous ≤ 3 bars of the session.
  const rvolOver = (bars: Array<[string, string, number]>) => {
    const rvol = new RelativeVolume(2, 3);
    return bars.map(([date, clock, volume]) => rvol.update(at(date, clock), volume));
  };

  it('falls back to the session’s own previous bars, then compares with the same clock time', () => {
    const values = rvolOver([
      [MON, '09:15', 100], // no earlier bar today → NaN
      [MON, '09:20', 200], // 200 / mean(100) = 2
      [MON, '09:25', 300], // 300 / mean(100, 200) = 2
      [TUE, '09:15', 50], // one session of 09:15 history (< 2) and no bar today → NaN
      [TUE, '09:20', 100], // still < 2 sessions at 09:20 → 100 / mean(50) = 2
      [WED, '09:15', 150], // 09:15 of Mon, Tue: mean(100, 50) = 75 → 2
      [WED, '09:20', 450], // 09:20 of Mon, Tue: mean(200, 100) = 150 → 3
      [WED, '09:25', 0], // 09:25 has one session → fallback mean(150, 450) = 300 → 0
    ]);
    expect(values).toEqual([NaN, 2, 2, NaN, 2, 2, 3, 0]);
  });

  it('is NaN when the baseline volume is zero (Yahoo’s zero-volume opening bars)', () => {
    const values = rvolOver([
      [MON, '09:15', 0],
      [TUE, '09:15', 0],
      [WED, '09:15', 500],
      [WED, '09:20', 100], // fallback baseline mean(500) = 500 → 0.2
    ]);
    expect(values).toEqual([NaN, NaN, NaN, 0.2]);
  });
});
