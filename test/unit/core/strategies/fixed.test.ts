import fc from 'fast-check';
import { fixed, px } from '../../../../core/strategies/signals';

describe('fixed (a fast toFixed for reasons)', () => {
  it('prints what toFixed prints, for any double and 0…3 decimals', () => {
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: 0, max: 3 }), (x, decimals) => {
        expect(fixed(x, decimals)).toBe(x.toFixed(decimals));
      }),
      { numRuns: 5_000 },
    );
  });

  it('prints what toFixed prints for tick prices, ratios and near-halves', () => {
    const prices = fc.integer({ min: 1, max: 2_000_000 }).map((n) => n * 0.05);
    const ratios = fc.double({ min: 0, max: 100, noNaN: true });
    const halves = fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n + 0.5) / 100);
    fc.assert(
      fc.property(fc.oneof(prices, ratios, halves), fc.integer({ min: 0, max: 3 }), (x, decimals) => {
        expect(fixed(x, decimals)).toBe(x.toFixed(decimals));
      }),
      { numRuns: 5_000 },
    );
  });

  it('rounds the binary value, as toFixed does (1.005 is 1.00499…)', () => {
    expect([fixed(1.005, 2), fixed(2.675, 2), fixed(0.05, 1), fixed(1397.2, 2), fixed(0, 2)]).toEqual([
      '1.00',
      '2.67',
      '0.1',
      '1397.20',
      '0.00',
    ]);
    expect([fixed(-0, 2), fixed(-1.5, 1), fixed(NaN, 2), fixed(1e21, 2)]).toEqual(['0.00', '-1.5', 'NaN', '1e+21']);
    expect(px(1642.35)).toBe('1642.35');
  });
});
