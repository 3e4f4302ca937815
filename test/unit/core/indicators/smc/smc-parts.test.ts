import { LiquidityTracker } from '../../../../../core/indicators/smc/liquidity';
import { OrderBlockCandidate } from '../../../../../core/indicators/smc/order-block';
import { RecentBars } from '../../../../../core/indicators/smc/recent-bars';
import { SwingDetector } from '../../../../../core/indicators/smc/swings';
import { Zone } from '../../../../../core/indicators/smc/zone';

describe('SwingDetector (L = 2)', () => {
  const confirmations = (bars: Array<[number, number]>) => {
    const swings = new SwingDetector(2);
    return bars.map(([h, l]) => {
      swings.update({ high: h, low: l });
      return [swings.highConfirmed ? swings.highLevel : null, swings.lowConfirmed ? swings.lowLevel : null];
    });
  };

  it('confirms a swing L bars after it, never on its own bar', () => {
    // Highs 10, 11, 13, 12, 12.5: bar 2 (13) beats both bars before it and is ≥ both after → confirmed at bar 4.
    // Lows: bar 4 (8) is below bars 2, 3 (11, 10.5) and ≤ bars 5, 6 (9, 9.5) → confirmed at bar 6.
    const out = confirmations([
      [10, 9],
      [11, 10],
      [13, 11],
      [12, 10.5],
      [12.5, 8],
      [12, 9],
      [11, 9.5],
    ]);
    expect(out.map(([h]) => h)).toEqual([null, null, null, null, 13, null, null]);
    expect(out.map(([, l]) => l)).toEqual([null, null, null, null, null, null, 8]);
  });

  it('allows a tie after the pivot but not before it', () => {
    // Bar 2 (13) is tied by bar 3 after it: still a swing high.
    expect(
      confirmations([
        [10, 9],
        [11, 9],
        [13, 9],
        [13, 9],
        [12, 9],
      ])[4]![0],
    ).toBe(13);
    // Bar 2 (13) is tied by bar 1 before it: not a swing high.
    expect(
      confirmations([
        [10, 9],
        [13, 9],
        [13, 9],
        [12, 9],
        [11, 9],
      ])[4]![0],
    ).toBeNull();
  });
});

describe('Zone', () => {
  it('an order block is touched when price trades back into it and broken by a close below it', () => {
    const block = new Zone('orderBlock', 1, 105, 100, 8, 10);
    block.update(10, { high: 120, low: 101, close: 110 }); // the detection bar itself does not count
    block.update(11, { high: 110, low: 106, close: 108 }); // low 106 > top 105: not yet
    expect(block.touchedIndex).toBe(-1);
    block.update(12, { high: 107, low: 99.5, close: 106 }); // low 99.5 ≤ 105: touched; close 106 ≥ 100: intact
    expect([block.touchedIndex, block.brokenIndex]).toEqual([12, -1]);
    block.update(13, { high: 106, low: 99, close: 99.5 }); // close 99.5 < 100: invalid (a breaker)
    expect(block.brokenIndex).toBe(13);
    expect(block.nearEdge).toBe(105);
  });

  it('a fair value gap is filled as soon as a wick goes through its far edge', () => {
    const gap = new Zone('fairValueGap', 1, 105, 100, 9, 10);
    gap.update(11, { high: 108, low: 99.9, close: 104 }); // low 99.9 < 100: touched and filled on the same bar
    expect([gap.touchedIndex, gap.brokenIndex]).toEqual([11, 11]);
  });

  it('mirrors for bearish zones', () => {
    const block = new Zone('orderBlock', -1, 105, 100, 8, 10);
    block.update(11, { high: 100.5, low: 98, close: 99 }); // high 100.5 ≥ bottom 100: touched
    block.update(12, { high: 106, low: 100, close: 105.5 }); // close 105.5 > top 105: broken
    expect([block.touchedIndex, block.brokenIndex, block.nearEdge]).toEqual([11, 12, 100]);
  });
});

describe('OrderBlockCandidate', () => {
  it('takes the last down-close candle before a bullish break, range or body', () => {
    const range = new OrderBlockCandidate(1, false);
    const body = new OrderBlockCandidate(1, true);
    for (const c of [range, body]) {
      c.add(1, { open: 100, high: 101.2, low: 99.8, close: 101 }); // up
      c.add(2, { open: 101, high: 101.5, low: 100, close: 100.5 }); // down: the candidate
      c.add(3, { open: 100.5, high: 102.5, low: 100.4, close: 102 }); // up
    }
    expect(range.toZone(4)).toMatchObject({
      kind: 'orderBlock',
      direction: 1,
      top: 101.5,
      bottom: 100,
      anchorIndex: 2,
      detectedIndex: 4,
    });
    expect(body.toZone(4)).toMatchObject({ top: 101, bottom: 100.5 });
  });

  it('falls back to the lowest-low candle when no candle closed down', () => {
    const c = new OrderBlockCandidate(1, false);
    c.add(1, { open: 100, high: 101, low: 99, close: 101 });
    c.add(2, { open: 101, high: 102, low: 98.5, close: 102 });
    c.add(3, { open: 102, high: 103, low: 100, close: 103 });
    expect(c.toZone(4)).toMatchObject({ anchorIndex: 2, bottom: 98.5, top: 102 });
    c.reset();
    expect(c.toZone(5)).toBeUndefined();
  });
});

describe('RecentBars', () => {
  it('reads the last bars newest first across the wrap-around', () => {
    const recent = new RecentBars(3);
    for (let i = 1; i <= 5; i++) recent.push({ open: i, high: 10 + i, low: 20 + i, close: 30 + i });
    expect([0, 1, 2].map((back) => recent.open(back))).toEqual([5, 4, 3]);
    expect([recent.high(0), recent.low(1), recent.close(2)]).toEqual([15, 24, 33]);
  });

  it('gives a restarted order-block search the same candle as a search over the same bars', () => {
    const bars = [
      { open: 100, high: 101, low: 99, close: 99.5 },
      { open: 99.5, high: 100, low: 98, close: 99.8 },
      { open: 99.8, high: 102, low: 99.6, close: 101 },
    ];
    const recent = new RecentBars(2);
    bars.forEach((b) => recent.push(b));
    const restarted = new OrderBlockCandidate(1, false);
    restarted.add(0, bars[0]!);
    restarted.restart(recent, 2, 2); // forgets bar 0 (the only down close): lowest low of bars 1–2
    expect(restarted.toZone(3)).toMatchObject({ anchorIndex: 1, bottom: 98, top: 100 });
  });
});

describe('LiquidityTracker', () => {
  it('forms a buy-side pool from equal highs within τ = 0.1 % of price, at the higher one', () => {
    const liq = new LiquidityTracker(0.001);
    liq.addSwingHigh(100, 100);
    expect(liq.buySide).toEqual([]);
    liq.addSwingHigh(100.05, 100); // |100.05 − 100| = 0.05 ≤ τ = 0.1
    expect(liq.buySide).toEqual([100.05]);
    liq.addSwingHigh(101, 100); // 0.95 from both: no pool
    expect(liq.buySide).toEqual([100.05]);
  });

  it('records a sweep when the wick goes through and the close comes back, and removes the pool', () => {
    const liq = new LiquidityTracker(0.001);
    liq.addSwingHigh(100, 100);
    liq.addSwingHigh(100.05, 100);
    liq.update(5, { high: 100.2, low: 99, close: 99.9 }, undefined); // high 100.2 > 100.05, close 99.9 < 100.05
    expect(liq.lastBuySweep).toMatchObject({ side: 1, index: 5, level: 100.05, extreme: 100.2, legExtreme: 99 });
    expect(liq.buySide).toEqual([]);
    // The leg keeps moving: highest high and lowest low since the sweep.
    liq.update(6, { high: 100.4, low: 98.5, close: 98.8 }, undefined);
    expect(liq.lastBuySweep).toMatchObject({ extreme: 100.4, legExtreme: 98.5 });
  });

  it('sweeps the previous day’s low and the opening-range low, keeping the lowest level swept', () => {
    const liq = new LiquidityTracker(0.001);
    const levels = { prevHigh: 110, prevLow: 95, openingHigh: 105, openingLow: 96 };
    liq.update(1, { high: 97, low: 94.5, close: 95.5 }, levels); // below 95 and back above it; still below 96: only PDL
    expect(liq.lastSellSweep).toMatchObject({ index: 1, level: 95 });
    liq.update(2, { high: 97, low: 94, close: 96.5 }, levels); // back above both: the lower, 95, is the level swept
    expect(liq.lastSellSweep).toMatchObject({ index: 2, level: 95, extreme: 94 });
  });

  it('drops a pool that a close goes through without a sweep', () => {
    const liq = new LiquidityTracker(0.001);
    liq.addSwingLow(97, 97);
    liq.addSwingLow(97.05, 97);
    expect(liq.sellSide).toEqual([97]);
    liq.update(3, { high: 97.5, low: 96.5, close: 96.8 }, undefined); // closes below 97: taken, not swept
    expect(liq.sellSide).toEqual([]);
    expect(liq.lastSellSweep).toBeUndefined();
  });
});
