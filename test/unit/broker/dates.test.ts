/** IST strings and ranges. Expected instants are worked out from UTC = IST − 05:30. */
import {
  formatIstDate,
  formatIstDateTime,
  formatIstDmy,
  parseIstDateTime,
  parseIstDmy,
  splitRange,
} from '../../../broker/dhan/dates';

const DAY = 86_400_000;
// 2026-06-19 09:15 IST = 2026-06-19 03:45 UTC.
const OPEN_19_JUNE = Date.UTC(2026, 5, 19, 3, 45);

describe('IST formatting and parsing', () => {
  it('formats instants as Dhan’s IST strings', () => {
    expect(formatIstDateTime(OPEN_19_JUNE)).toBe('2026-06-19 09:15:00');
    expect(formatIstDmy(OPEN_19_JUNE)).toBe('19/06/2026 09:15:00');
    // 20:00 UTC on the 18th is already 01:30 IST on the 19th.
    expect(formatIstDate(Date.UTC(2026, 5, 18, 20, 0))).toBe('2026-06-19');
  });

  it('parses IST strings back, a bare date meaning 00:00 IST', () => {
    expect(parseIstDateTime('2026-06-19 09:15:00')).toBe(OPEN_19_JUNE);
    expect(parseIstDateTime('2026-06-19 09:15')).toBe(OPEN_19_JUNE);
    expect(parseIstDateTime('2026-06-19')).toBe(Date.UTC(2026, 5, 18, 18, 30));
    expect(parseIstDmy('19/06/2026 09:15:00')).toBe(OPEN_19_JUNE);
  });

  it('reads Dhan’s documented candle stamps (note §4.3)', () => {
    expect(formatIstDateTime(1326220200 * 1000)).toBe('2012-01-11 00:00:00');
    expect(formatIstDateTime(1328845500 * 1000)).toBe('2012-02-10 09:15:00');
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(parseIstDateTime('2026-02-30')).toBeUndefined();
    expect(parseIstDateTime('2026-06-19 24:00:00')).toBeUndefined();
    expect(parseIstDateTime('19-06-2026')).toBeUndefined();
    expect(parseIstDmy('31/04/2026 10:00:00')).toBeUndefined();
  });
});

describe('splitRange', () => {
  it('keeps a range of at most 90 days whole', () => {
    expect(splitRange(0, 90 * DAY)).toEqual([{ from: 0, to: 90 * DAY }]);
  });

  it('splits 200 days into 90 + 90 + 20, sharing the boundaries', () => {
    expect(splitRange(0, 200 * DAY)).toEqual([
      { from: 0, to: 90 * DAY },
      { from: 90 * DAY, to: 180 * DAY },
      { from: 180 * DAY, to: 200 * DAY },
    ]);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => splitRange(10, 5)).toThrow(RangeError);
  });
});
