import { DEFAULT_FEATURE_CONFIG } from '../../../../../core/indicators/engine';
import { Frame } from '../../../../../core/indicators/frame';
import { type SessionLevels } from '../../../../../core/indicators/smc/liquidity';
import { DEFAULT_STRUCTURE_OPTIONS } from '../../../../../core/indicators/smc/structure';
import { frameSnapshot } from '../../../../../core/indicators/snapshot';
import { addMinutes, bar, MON } from '../../candle-fixtures';

/** A 5m frame with swing length 1, fed (open, high, low, close) bars from 09:15. */
function frameWith(rows: Array<[number, number, number, number]>, levels?: SessionLevels) {
  const frame = new Frame('5m', {
    ...DEFAULT_FEATURE_CONFIG,
    structure: { ...DEFAULT_STRUCTURE_OPTIONS, swingLength: 1 },
  });
  rows.forEach(([o, h, l, c], i) => {
    const b = bar(MON, addMinutes('09:15', 5 * i), o, h, l, c);
    frame.push({ ...b, closeTime: b.time + 300_000 }, levels);
  });
  return frame;
}

describe('MarketStructure: BOS, CHoCH and order blocks (L = 1)', () => {
  // Hand-traced: SH 103 at bar 1 (confirmed at 2), SL 99.5 at bar 4 (confirmed at 5),
  // bar 6 closes 103.5 > 103 → first break: bullish BOS; SH 104 at bar 6 (confirmed at 7);
  // bar 8 closes 99.2 < 99.5 while trend is up → bearish CHoCH.
  const rows: Array<[number, number, number, number]> = [
    [100, 101, 99, 100.5],
    [100.5, 103, 100, 102.5],
    [102.5, 102.8, 101, 101.5], // down
    [101.5, 102, 100.5, 101], // down
    [101, 101.5, 99.5, 100], // down: the last one before the break
    [100, 102, 99.8, 101.8], // up
    [101.8, 104, 101.5, 103.5], // up: breaks 103
    [103.5, 103.8, 102, 102.2],
    [102.2, 102.5, 99, 99.2], // breaks 99.5
    [99.2, 99.4, 98, 98.5], // high 99.4 < low of bar 7 (102): bearish fair value gap
  ];

  it('labels the first break BOS and sets the trend', () => {
    const s = frameWith(rows.slice(0, 7)).structure;
    expect(s.lastEvent).toMatchObject({ direction: 1, kind: 'BOS', index: 6, level: 103 });
    expect(s.trend).toBe('up');
    expect(s.swingHigh).toBeNaN(); // 103 is consumed: each level breaks once
    // Order block: the last down-close candle between the swing high (bar 1) and the break (bar 6) is bar 4.
    expect(s.bullishBlock).toMatchObject({ anchorIndex: 4, top: 101.5, bottom: 99.5, detectedIndex: 6 });
  });

  it('is not known before its confirmation bar', () => {
    // After bar 1 the swing high at bar 1 cannot be known yet (it needs bar 2).
    expect(frameWith(rows.slice(0, 2)).structure.swingHigh).toBeNaN();
    expect(frameWith(rows.slice(0, 3)).structure).toMatchObject({ swingHigh: 103, swingHighIndex: 1 });
  });

  it('labels a break against the trend CHoCH, with the opposite order block, and mitigates the old one', () => {
    const s = frameWith(rows.slice(0, 9)).structure;
    expect(s.lastEvent).toMatchObject({ direction: -1, kind: 'CHoCH', index: 8, level: 99.5 });
    expect(s.trend).toBe('down');
    // Last up-close candle between the swing low (bar 4) and the break (bar 8): bar 6.
    expect(s.bearishBlock).toMatchObject({ anchorIndex: 6, top: 104, bottom: 101.5 });
    // Bar 8 traded into the bullish block (low 99 ≤ 101.5) and closed below it (99.2 < 99.5).
    expect(s.bullishBlock).toMatchObject({ touchedIndex: 8, brokenIndex: 8 });
    expect(s.lastSwingHigh).toBe(104);
    expect(s.equilibrium).toBe((104 + 99.5) / 2);
  });

  it('shows up in the plain-data snapshot for the prompt', () => {
    const snap = frameSnapshot('TEST', frameWith(rows.slice(0, 9)));
    // The swing low 99.5 was consumed by the CHoCH; the swing high 104 (bar 6) still stands.
    // Dealing range 99.5 … 104: equilibrium 101.75.
    expect(snap!.structure).toEqual({
      trend: 'down',
      lastEvent: 'bearish CHoCH of 99.5',
      swingHigh: 104,
      equilibrium: 101.75,
    });
  });

  it('detects a fair value gap at the close of its third candle, anchored on the middle one', () => {
    const s = frameWith(rows).structure;
    expect(s.bearishGap).toMatchObject({
      kind: 'fairValueGap',
      direction: -1,
      top: 102,
      bottom: 99.4,
      anchorIndex: 8,
      detectedIndex: 9,
    });
  });
});

describe('MarketStructure: sweep then CHoCH (L = 1)', () => {
  it('links a bullish CHoCH to the sell-side sweep before it', () => {
    const levels = { prevHigh: 110, prevLow: 98, openingHigh: NaN, openingLow: NaN };
    const s = frameWith(
      [
        [101, 101.5, 100.5, 101],
        [101, 102, 100.8, 101.8], // swing high 102
        [101.8, 101.9, 100, 100.2],
        [100.2, 100.6, 99.5, 100.4], // swing low 99.5
        [100.4, 100.9, 99.8, 100.6], // swing high 100.9 (after the low)
        [100.6, 100.7, 99, 99.2], // closes below 99.5: bearish BOS, trend down
        [99.2, 99.6, 97.6, 98.4], // wick below PDL 98, close back above: sell-side sweep
        [98.4, 101.2, 98.3, 101], // closes above 100.9 against the down trend: bullish CHoCH
      ],
      levels,
    ).structure;
    expect(s.lastEvent).toMatchObject({ direction: 1, kind: 'CHoCH', index: 7, level: 100.9 });
    expect(s.lastEvent!.sweep).toBe(s.liquidity.lastSellSweep);
    // Sweep at bar 6 of PDL 98; lowest low since 97.6, highest high since 101.2.
    expect(s.lastEvent!.sweep).toMatchObject({ index: 6, level: 98, extreme: 97.6, legExtreme: 101.2 });
    // The order block is the last down-close candle between the swing high (bar 4) and the break: bar 6.
    expect(s.bullishBlock).toMatchObject({ anchorIndex: 6, top: 99.6, bottom: 97.6 });
  });
});
