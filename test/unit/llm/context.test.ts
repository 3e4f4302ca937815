import { istTime } from '../../../core/time';
import { marketView } from '../../../llm/context';

describe('marketView', () => {
  // 2026-06-10 is a Wednesday and not an NSE holiday; square-off is 15:15 IST, entries 09:30–14:45.
  it.each([
    [11, 0, 255, true], // 15:15 − 11:00 = 4 h 15 min
    [9, 20, 355, false], // opening bars: no entries yet
    [9, 30, 345, true],
    [14, 45, 30, false], // entry window closed at 14:45
    [15, 15, 0, false],
    [15, 25, 0, false], // past square-off: never negative
  ])('at %i:%i IST: %i min to square-off, entries %s', (hour, minute, minutes, entries) => {
    const now = istTime('2026-06-10', hour, minute);
    expect(marketView(now)).toEqual({ now, minutesToSquareOff: minutes, newEntriesAllowed: entries });
  });

  it('has no session on a Saturday', () => {
    const now = istTime('2026-06-13', 11, 0);
    expect(marketView(now)).toEqual({ now, minutesToSquareOff: 0, newEntriesAllowed: false });
  });
});
