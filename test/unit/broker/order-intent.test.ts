/** Order intents are checked before anything is sent; every problem is named. */
import { BrokerInputError, correlationIdSchema, validateOrderIntent, type OrderIntent } from '../../../broker/broker';

const limitBuy: OrderIntent = {
  correlationId: 'claude-20260619-042-0',
  symbol: 'RELIANCE',
  side: 'BUY',
  quantity: 10,
  orderType: 'LIMIT',
  product: 'INTRADAY',
  price: 1400.5,
};

function problemOf(intent: unknown): string {
  try {
    validateOrderIntent(intent as OrderIntent);
  } catch (error) {
    expect(error).toBeInstanceOf(BrokerInputError);
    return (error as Error).message;
  }
  throw new Error('expected the intent to be refused');
}

describe('correlation ids', () => {
  it.each(['a', 'claude-20260619-042-0', 'A_b-9', 'x'.repeat(30)])('accepts %s', (id) => {
    expect(correlationIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', 'x'.repeat(31), 'has space', 'dot.ted', 'slash/ed', 'ünï'])('refuses %j', (id) => {
    expect(correlationIdSchema.safeParse(id).success).toBe(false);
  });
});

describe('validateOrderIntent', () => {
  it('accepts a good intent and finds its instrument', () => {
    const { instrument } = validateOrderIntent(limitBuy);
    expect(instrument.securityId).toBe('2885');
  });

  it('names an unknown symbol and lists the known ones', () => {
    expect(problemOf({ ...limitBuy, symbol: 'TATAMOTORS' })).toMatch(
      /unknown symbol "TATAMOTORS"; known: RELIANCE, TCS/,
    );
  });

  it('refuses a bad correlation id, quantity or side', () => {
    expect(problemOf({ ...limitBuy, correlationId: 'with space' })).toContain('correlationId');
    expect(problemOf({ ...limitBuy, quantity: 0 })).toContain('quantity must be positive');
    expect(problemOf({ ...limitBuy, quantity: 1.5 })).toContain('whole number');
    expect(problemOf({ ...limitBuy, side: 'HOLD' })).toContain('side');
  });

  it('requires the price fields of the order type, and only those', () => {
    expect(problemOf({ ...limitBuy, price: undefined })).toContain('price is required for LIMIT');
    expect(problemOf({ ...limitBuy, orderType: 'MARKET' })).toContain('price must be left out for MARKET');
    expect(problemOf({ ...limitBuy, orderType: 'STOP_LOSS' })).toContain('triggerPrice is required for STOP_LOSS');
    expect(problemOf({ ...limitBuy, orderType: 'MARKET', price: undefined, triggerPrice: 1390 })).toContain(
      'triggerPrice must be left out for MARKET',
    );
  });

  it('refuses prices off the instrument’s tick (RELIANCE 0.10, HDFCBANK 0.05)', () => {
    expect(problemOf({ ...limitBuy, price: 1400.55 })).toContain("not a multiple of RELIANCE's tick 0.1");
    expect(() => validateOrderIntent({ ...limitBuy, symbol: 'HDFCBANK', price: 760.05 })).not.toThrow();
  });

  it('refuses unknown fields rather than ignoring them', () => {
    expect(problemOf({ ...limitBuy, stopLoss: 1390 })).toContain('stopLoss');
  });
});
