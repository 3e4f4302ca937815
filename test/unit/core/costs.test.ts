import { addCharges, fillCharges, NO_CHARGES, orderCharges, roundTripCharges } from '../../../core/costs';

// Rates (dhan-api-v2.md §9.1): brokerage min(₹20, 0.03 %) per order (intraday), STT 0.025 % sell
// (intraday) / 0.1 % both sides (delivery), NSE 0.00297 % + IPFT 0.0001 %, SEBI 0.0001 %,
// stamp 0.003 % buy (intraday) / 0.015 % (delivery), GST 18 % of brokerage + exchange + SEBI.
// STT and stamp round to the rupee, the rest to the paisa.

describe('intraday charges: buy 100 @ ₹1,400, sell 100 @ ₹1,410 (the note worked example ≈ ₹96.71)', () => {
  const trip = roundTripCharges({ product: 'INTRADAY', quantity: 100, buyPrice: 1400, sellPrice: 1410 });

  it('itemises the buy leg (turnover ₹1,40,000)', () => {
    // brokerage min(20, 42) = 20; exchange 4.158 → 4.16 plus IPFT 0.14 → 4.30; SEBI 0.14;
    // stamp 4.2 → 4; GST 18 % × (20 + 4.30 + 0.14) = 4.3992 → 4.40; total 32.84.
    expect(trip.buy).toEqual({ brokerage: 20, stt: 0, exchange: 4.3, sebi: 0.14, stamp: 4, gst: 4.4, total: 32.84 });
  });

  it('itemises the sell leg (turnover ₹1,41,000)', () => {
    // brokerage 20; STT 35.25 → 35; exchange 4.1877 → 4.19 plus IPFT 0.141 → 0.14 = 4.33; SEBI 0.14;
    // GST 18 % × (20 + 4.33 + 0.14) = 4.4046 → 4.40; total 63.87.
    expect(trip.sell).toEqual({ brokerage: 20, stt: 35, exchange: 4.33, sebi: 0.14, stamp: 0, gst: 4.4, total: 63.87 });
  });

  it('adds up to the note figure', () => {
    // 40 + 35 + 4 + 8.35 (exchange) + 0.28 (IPFT) + 0.28 (SEBI) + 8.80 (GST) = 96.71
    expect(trip.total.total).toBe(96.71);
    expect(trip.total.stt).toBe(35);
    expect(trip.total.gst).toBe(8.8);
  });
});

describe('delivery charges: the same trade as CNC (≈ ₹312.51 before the DP charge)', () => {
  it('has no brokerage, 0.1 % STT both sides and 0.015 % stamp', () => {
    const trip = roundTripCharges({ product: 'CNC', quantity: 100, buyPrice: 1400, sellPrice: 1410 });
    // STT 140 + 141 = 281; stamp 21; exchange 8.63; SEBI 0.28; GST 18 % of (4.30 + 0.14) and
    // (4.33 + 0.14) = 0.7992 → 0.80 and 0.8046 → 0.80; total 281 + 21 + 8.63 + 0.28 + 1.60 = 312.51.
    expect(trip.total).toEqual({
      brokerage: 0,
      stt: 281,
      exchange: 8.63,
      sebi: 0.28,
      stamp: 21,
      gst: 1.6,
      total: 312.51,
    });
  });
});

describe('the ₹2 lakh round trip of strategies.md (≈ ₹118, 6 bps)', () => {
  it('costs about ₹118 for ₹2 lakh bought and sold intraday', () => {
    const trip = roundTripCharges({ product: 'INTRADAY', quantity: 100, buyPrice: 2000, sellPrice: 2000 });
    // brokerage 20 + 20; STT 0.025 % × 2,00,000 = 50; stamp 0.003 % × 2,00,000 = 6;
    // exchange 5.94 + IPFT 0.20 per leg = 6.14 × 2 = 12.28; SEBI 0.20 × 2 = 0.40;
    // GST 18 % × (20 + 6.14 + 0.20) = 4.7412 → 4.74 per leg = 9.48; total 118.16.
    expect(trip.total.total).toBe(118.16);
    expect(Math.round(trip.total.total)).toBe(118);
  });
});

describe('small orders and partial fills', () => {
  it('charges 0.03 % brokerage below the ₹20 cap', () => {
    // 10 × 1,500 = 15,000 → 0.03 % = 4.50
    expect(orderCharges({ side: 'BUY', product: 'INTRADAY', turnover: 15_000 }).brokerage).toBe(4.5);
  });

  it('charges the order, not each fill: two partial fills add up to the one-fill order', () => {
    const first = fillCharges({ side: 'BUY', product: 'INTRADAY', price: 1400, quantity: 30 });
    const second = fillCharges({ side: 'BUY', product: 'INTRADAY', price: 1400, quantity: 70, priorTurnover: 42_000 });
    const whole = fillCharges({ side: 'BUY', product: 'INTRADAY', price: 1400, quantity: 100 });
    // First fill: 42,000 × 0.03 % = 12.60 brokerage; second: 20 − 12.60 = 7.40 (cap reached once).
    expect(first.brokerage).toBe(12.6);
    expect(second.brokerage).toBe(7.4);
    expect(addCharges(first, second)).toEqual(whole);
  });

  it('rejects a fill with no quantity or price', () => {
    expect(() => fillCharges({ side: 'BUY', product: 'INTRADAY', price: 1400, quantity: 0 })).toThrow(/positive/);
    expect(() => orderCharges({ side: 'BUY', product: 'INTRADAY', turnover: -1 })).toThrow(/turnover/);
  });

  it('charges nothing for nothing', () => {
    expect(orderCharges({ side: 'SELL', product: 'CNC', turnover: 0 })).toEqual(NO_CHARGES);
  });
});
