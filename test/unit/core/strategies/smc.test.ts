import { Sweep } from '../../../../core/indicators/smc/liquidity';
import { MarketStructure, StructureEvent } from '../../../../core/indicators/smc/structure';
import { Zone } from '../../../../core/indicators/smc/zone';
import { createSmcStrategy } from '../../../../core/strategies/smc';
import { at, MON } from '../candle-fixtures';
import { fakeContext, fakeFrame, position } from './fake-context';

const T = at(MON, '11:00');
const NOW = 15; // index of the bar that just closed

interface Setup {
  sweepIndex?: number;
  chochIndex?: number;
  zoneTop?: number;
  bias?: 1 | -1;
  lastSwingHigh?: number;
  newerSweep?: boolean;
}

/**
 * Sell-side sweep of 98 at bar 10 (lowest low since 97.6, highest high since 101.2), bullish CHoCH at
 * bar 12, and the order block of that leg [98.4, 99.2] first traded into now (bar 15), close 99.5.
 * Equilibrium of the leg: (97.6 + 101.2)/2 = 99.4, so a zone top of 99.2 is in discount.
 */
function setup(s: Setup = {}) {
  const structure = new MarketStructure();
  const sweep = new Sweep(-1, s.sweepIndex ?? 10, 98, 97.6, 101.2);
  structure.liquidity.lastSellSweep = s.newerSweep ? new Sweep(-1, 14, 98, 97.9, 99.6) : sweep;
  structure.lastEvent = new StructureEvent(1, 'CHoCH', s.chochIndex ?? 12, 100.9, sweep);
  const block = new Zone('orderBlock', 1, s.zoneTop ?? 99.2, 98.4, 11, s.chochIndex ?? 12);
  block.touchedIndex = NOW;
  structure.bullishBlock = block;
  structure.lastSwingHigh = s.lastSwingHigh ?? NaN;
  const bias = new MarketStructure();
  bias.lastEvent = new StructureEvent(s.bias ?? 1, 'BOS', 40, 100, undefined);
  return {
    '5m': fakeFrame({ lastCloseTime: T, count: NOW + 1, bars: [{ high: 99.8, low: 99.1, close: 99.5 }], structure }),
    '15m': fakeFrame({
      timeframe: '15m',
      lastCloseTime: at(MON, '10:45'),
      bars: [{ high: 1, low: 1, close: 1 }],
      structure: bias,
    }),
  };
}

describe('SMC composite', () => {
  const smc = createSmcStrategy();
  const session = { prevHigh: 104 };

  it('goes long on the retest of the CHoCH leg’s order block in discount, stop under the sweep, target PDH', () => {
    const [signal] = smc.evaluate(fakeContext({ time: T, frames: setup(), session }));
    // Stop: sweep low 97.6 − 1 tick = 97.5; risk 99.5 − 97.5 = 2.0; PDH 104 is 4.5 away ≥ 2 R (4.0).
    expect(signal).toMatchObject({ side: 'BUY', entry: 99.5, stop: 97.5, target: 104, strength: 0.75 });
    expect(signal!.reason).toMatch(
      /sell-side sweep of 98.00, bullish CHoCH of 100.90, retest of the order block 98.40–99.20 in discount/,
    );
  });

  it('takes the nearest opposing liquidity and skips the trade when it is under 2 R', () => {
    // The last swing high 101.2 is nearer than PDH: 1.7 away < 4.0.
    expect(smc.evaluate(fakeContext({ time: T, frames: setup({ lastSwingHigh: 101.2 }), session }))).toEqual([]);
    expect(smc.evaluate(fakeContext({ time: T, frames: setup(), session: {} }))).toEqual([]); // no liquidity above
  });

  it.each([
    ['the zone is in premium (top 99.6 > equilibrium 99.4)', { zoneTop: 99.6 }],
    ['the CHoCH came 7 bars after the sweep (> 6)', { sweepIndex: 5, chochIndex: 12 }],
    ['the retest comes 13 bars after the CHoCH (> 12)', { sweepIndex: 1, chochIndex: 2 }],
    ['the 15m bias is bearish', { bias: -1 as const }],
    ['a newer sweep replaced the leg', { newerSweep: true }],
  ])('skips when %s', (_why, s) => {
    expect(smc.evaluate(fakeContext({ time: T, frames: setup(s), session }))).toEqual([]);
  });

  it('exits its long on a bearish CHoCH at this bar', () => {
    const frames = setup();
    frames['5m'].structure.lastEvent = new StructureEvent(-1, 'CHoCH', NOW, 99, undefined);
    const ctx = fakeContext({ time: T, frames, session, position: position('smc', 10) });
    expect(smc.evaluate(ctx)).toMatchObject([{ kind: 'exit', side: 'SELL', reason: 'Opposite CHoCH of 99.00.' }]);
  });

  it('can be limited to fair value gaps', () => {
    const gapsOnly = createSmcStrategy({ zones: 'fairValueGap' });
    expect(gapsOnly.evaluate(fakeContext({ time: T, frames: setup(), session }))).toEqual([]);
    const frames = setup();
    // A bullish gap detected inside the leg (bar 11, between sweep 10 and CHoCH 12), entered now.
    const gap = new Zone('fairValueGap', 1, 99.3, 98.8, 10, 11);
    gap.touchedIndex = NOW;
    frames['5m'].structure.bullishGap = gap;
    expect(gapsOnly.evaluate(fakeContext({ time: T, frames, session }))).toMatchObject([
      { side: 'BUY', strength: 0.6 },
    ]);
  });
});
