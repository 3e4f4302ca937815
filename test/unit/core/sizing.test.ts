import { positionSize, type SizingInput } from '../../../core/sizing';

/** strategies.md §0.2 / §1.0: ₹10 lakh, 2 % risk, 3 slots, entry ₹1,400 with a 0.2 % stop (₹2.80). */
const base: SizingInput = {
  side: 'BUY',
  entry: 1400,
  stop: 1397.2,
  tickSize: 0.1,
  capital: 1_000_000,
  equity: 1_000_000,
  riskPerTradePct: 2,
  leverage: 5,
  maxOpenPositions: 3,
};

function sized(input: Partial<SizingInput>) {
  const result = positionSize({ ...base, ...input });
  if (!result.ok) throw new Error(`expected a size, got skip ${result.skip}: ${result.reason}`);
  return result;
}

describe('position sizing: the note worked numbers', () => {
  it('lets buying power bind with a 0.2 % stop: real risk ≈ 0.33 % of equity', () => {
    const r = sized({});
    // risk: 2 % × 10,00,000 = 20,000; d = 2.80 → floor(7142.86) = 7142 shares ≈ 10 × equity in value.
    expect(r.byRisk).toBe(7142);
    // buying power: floor(10,00,000 × 5 / (3 × 1,400)) = floor(1190.48) = 1190.
    expect(r.byBuyingPower).toBe(1190);
    expect(r.quantity).toBe(1190);
    expect(r.binding).toBe('buying-power');
    // 1190 × 2.80 = 3,332 = 0.33 % of 10,00,000.
    expect(r.riskTaken).toBeCloseTo(3332, 6);
  });

  it('without leverage a slot gets a third of equity: floor(10,00,000 / 4,200) = 238', () => {
    expect(sized({ leverage: 1 }).quantity).toBe(238);
  });

  it('lets risk bind with a wide stop: 20,000 / 70 = 285.7 → 285', () => {
    const r = sized({ stop: 1330 });
    expect(r.quantity).toBe(285);
    expect(r.binding).toBe('risk');
  });

  it('sizes a short the same way, with the stop above', () => {
    expect(sized({ side: 'SELL', stop: 1402.8 }).quantity).toBe(1190);
  });

  it('takes the risk budget from start-of-day capital and buying power from current equity', () => {
    // capital 10 lakh → risk 20,000 / 70 = 285; equity 9 lakh, no leverage → floor(9,00,000 / 4,200) = 214.
    const r = sized({ stop: 1330, leverage: 1, equity: 900_000 });
    expect(r.byRisk).toBe(285);
    expect(r.byBuyingPower).toBe(214);
    expect(r.quantity).toBe(214);
  });

  it('rounds the stop away from the entry before measuring it (1397.25 → 1397.2, d = 2.80)', () => {
    const r = sized({ stop: 1397.25, leverage: 100 });
    expect(r.stop).toBe(1397.2);
    expect(r.stopDistance).toBe(2.8);
    expect(r.quantity).toBe(7142);
  });
});

describe('position sizing: skips', () => {
  it('skips a stop closer than 2 ticks, and accepts exactly 2', () => {
    const r = positionSize({ ...base, stop: 1399.9 });
    expect(r).toMatchObject({ ok: false, skip: 'stop-too-close' });
    expect(!r.ok && r.reason).toBe('stop 1399.9 is 1 tick(s) from entry 1400; at least 2 ticks are needed');
    expect(sized({ stop: 1399.8 }).stopDistance).toBe(0.2);
  });

  it('skips when the size rounds to zero: ₹3,000 cannot buy one ₹1,400 share per slot (3,000 / 4,200 = 0.71)', () => {
    const r = positionSize({ ...base, capital: 3000, equity: 3000, leverage: 1 });
    expect(r).toMatchObject({ ok: false, skip: 'too-small' });
    expect(!r.ok && r.reason).toMatch(/rounds to 0 shares/);
  });

  it('skips a stop on the wrong side of the entry', () => {
    const r = positionSize({ ...base, stop: 1401 });
    expect(r).toMatchObject({ ok: false, skip: 'stop-wrong-side' });
    expect(!r.ok && r.reason).toMatch(/long's stop must be below the entry/);
  });

  it('skips nonsense input', () => {
    expect(positionSize({ ...base, entry: Number.NaN })).toMatchObject({ ok: false, skip: 'bad-input' });
    expect(positionSize({ ...base, capital: 0 })).toMatchObject({ ok: false, skip: 'bad-input' });
  });
});
