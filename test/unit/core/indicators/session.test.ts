import { barCloseTime } from '../../../../core/candles/timeframes';
import { SessionTracker } from '../../../../core/indicators/session';
import { type Candle } from '../../../../core/types';
import { bar, MON, TUE, WED } from '../candle-fixtures';

const feed = (tracker: SessionTracker, bars: Candle[]) =>
  bars.forEach((b) => tracker.update({ ...b, closeTime: barCloseTime(b.time, '5m') }));

describe('SessionTracker', () => {
  it('publishes the opening range only once 09:30 has passed', () => {
    const s = new SessionTracker(2);
    feed(s, [bar(MON, '09:15', 100, 102, 99, 101), bar(MON, '09:20', 101, 103, 100, 102)]);
    // Two of the three opening bars: the range is still forming.
    expect([s.openingHigh, s.openingLow]).toEqual([NaN, NaN]);
    feed(s, [bar(MON, '09:25', 102, 102.5, 98, 99)]);
    // 09:25 closes at 09:30: high max(102, 103, 102.5) = 103, low min(99, 100, 98) = 98.
    expect([s.openingHigh, s.openingLow]).toEqual([103, 98]);
    feed(s, [bar(MON, '09:30', 99, 110, 90, 100)]);
    expect([s.openingHigh, s.openingLow]).toEqual([103, 98]);
    expect([s.high, s.low, s.range]).toEqual([110, 90, 20]);
  });

  it('rolls today into PDH/PDL/PDC and averages previous session ranges', () => {
    const s = new SessionTracker(2);
    feed(s, [bar(MON, '09:15', 100, 104, 98, 102), bar(MON, '15:25', 102, 103, 101, 101)]); // range 6
    feed(s, [bar(TUE, '09:15', 101, 105, 101, 103)]); // range 4 so far
    expect([s.prevHigh, s.prevLow, s.prevClose]).toEqual([104, 98, 101]);
    expect(s.averageRange).toBeNaN(); // one finished session of the two needed
    feed(s, [bar(WED, '09:15', 103, 104, 102, 103)]);
    // Ranges of Monday (104−98 = 6) and Tuesday (105−101 = 4): mean 5.
    expect(s.averageRange).toBe(5);
    expect([s.prevHigh, s.prevLow, s.prevClose]).toEqual([105, 101, 103]);
  });
});
