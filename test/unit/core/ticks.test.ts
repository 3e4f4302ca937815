import {
  ceilToTick,
  floorToTick,
  isOnTick,
  roundHalfUp,
  roundPaise,
  roundRupee,
  roundStopAwayFromEntry,
  roundToTick,
  tickSizeOf,
  ticksBetween,
} from '../../../core/ticks';

describe('tick rounding', () => {
  it('survives binary noise: 1397.2 / 0.1 is 13971.999… in floating point', () => {
    expect(floorToTick(1397.2, 0.1)).toBe(1397.2);
    expect(ceilToTick(1397.2, 0.1)).toBe(1397.2);
    expect(roundToTick(1397.2, 0.1)).toBe(1397.2);
    expect(isOnTick(1397.2, 0.1)).toBe(true);
  });

  it('rounds off-grid prices down, up and to nearest', () => {
    expect(floorToTick(1397.26, 0.1)).toBe(1397.2);
    expect(ceilToTick(1397.21, 0.1)).toBe(1397.3);
    expect(roundToTick(1642.37, 0.05)).toBe(1642.35); // 0.37 is 0.02 from .35 and 0.03 from .40
    expect(roundToTick(1642.375, 0.05)).toBe(1642.4); // halfway rounds up
    expect(isOnTick(1642.37, 0.05)).toBe(false);
  });

  it('rounds a stop away from the entry so rounding never tightens it', () => {
    expect(roundStopAwayFromEntry(1397.25, 1400, 0.1)).toBe(1397.2); // long: down
    expect(roundStopAwayFromEntry(1402.75, 1400, 0.1)).toBe(1402.8); // short: up
  });

  it('counts whole ticks between prices', () => {
    expect(ticksBetween(1400, 1397.2, 0.1)).toBe(28);
    expect(ticksBetween(1600.05, 1600.15, 0.05)).toBe(2);
  });

  it('knows the seed instruments and nothing else', () => {
    expect(tickSizeOf('HDFCBANK')).toBe(0.05);
    expect(tickSizeOf('RELIANCE')).toBe(0.1);
    expect(tickSizeOf('NOPE')).toBeUndefined();
  });

  it('refuses a non-positive tick', () => {
    expect(() => roundToTick(100, 0)).toThrow(/tick size/);
  });
});

describe('money rounding', () => {
  it('rounds half away from zero despite noise (1.005 is 1.00499… in binary)', () => {
    expect(roundPaise(1.005)).toBe(1.01);
    expect(roundPaise(-1.005)).toBe(-1.01);
    expect(roundPaise(8.3457)).toBe(8.35);
    expect(roundRupee(35.25)).toBe(35);
    expect(roundRupee(4.5)).toBe(5);
    expect(roundHalfUp(-0.001, 2)).toBe(0);
  });
});
