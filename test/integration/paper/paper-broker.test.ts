/**
 * PaperBroker against a real Postgres and a fake market-data source: fills, resting orders,
 * refusals, funds and positions, a restart, and a data source whose order methods are never called.
 */
import { BrokerInputError, type OrderIntent } from '../../../broker/broker';
import { MARKET_CLOSED_REASON, PaperBroker, PaperPriceUnavailableError } from '../../../broker/paper';
import { istTime } from '../../../core/time';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { FakeMarketData, minuteBar } from './fake-data';

const DAY = '2026-06-19'; // a Friday
const at = (hour: number, minute: number, second = 0) => istTime(DAY, hour, minute) + second * 1000;
const MINUTE = 60_000;
const CAPITAL = 100_000;

let db: TestDatabase;
let data: FakeMarketData;
let now: number;
let broker: PaperBroker;

const paperBroker = () =>
  new PaperBroker({ sequelize: db.sequelize, data, capital: CAPITAL, now: () => now, slippageBps: 1, spreadBps: 2 });

const buy: OrderIntent = {
  correlationId: 'acct-1',
  symbol: 'RELIANCE',
  side: 'BUY',
  quantity: 10,
  orderType: 'MARKET',
  product: 'INTRADAY',
};

beforeEach(async () => {
  db = await createTestDatabase();
  data = new FakeMarketData();
  data.prices.RELIANCE = 1400;
  data.prices.TCS = 3000;
  now = at(9, 30, 3);
  broker = paperBroker();
});

afterEach(async () => {
  // Whatever a test did, the data source never saw an order call.
  expect(Object.keys(data.calls).filter((m) => m !== 'quotes' && m !== 'candles')).toEqual([]);
  await db.drop();
});

const count = async (table: string) =>
  ((await db.sequelize.query(`SELECT count(*)::int AS n FROM ${table}`, { plain: true })) as { n: number }).n;

describe('market orders', () => {
  it('fill at once at the last price plus half the spread and the slippage, with Indian charges', async () => {
    const { order, alreadyExisted } = await broker.placeOrder(buy);
    // 1400 → offer 1400.2 → slipped 1 bp: 1400.34 → rounded up to the tick 1400.4.
    expect(order).toMatchObject({
      correlationId: 'acct-1',
      status: 'TRADED',
      rawStatus: 'TRADED',
      filledQuantity: 10,
      remainingQuantity: 0,
      averagePrice: 1400.4,
      createdAt: now,
    });
    expect(alreadyExisted).toBe(false);
    const trades = await broker.trades(order.orderId);
    expect(trades).toEqual([
      expect.objectContaining({ orderId: order.orderId, side: 'BUY', quantity: 10, price: 1400.4, time: now }),
    ]);
    // Turnover 14 004: brokerage 4.20, exchange 0.43, SEBI 0.01, stamp 0 (0.42 rounds to ₹0), GST 0.84.
    const funds = await broker.funds();
    expect(funds.available).toBe(CAPITAL - 14_004 - 5.48);
    expect(funds.utilized).toBe(14_004);
  });

  it('are placed once per correlation id: a second call returns the same order', async () => {
    const first = await broker.placeOrder(buy);
    data.prices.RELIANCE = 1500;
    const again = await broker.placeOrder({ ...buy, quantity: 20 });
    expect(again.alreadyExisted).toBe(true);
    expect(again.order).toEqual(first.order);
    expect(await count('paper_orders')).toBe(1);
    expect(await count('paper_trades')).toBe(1);
  });

  it('survive a restart: a new broker on the same database sees the same book', async () => {
    const { order } = await broker.placeOrder(buy);
    const before = await broker.funds();
    const restarted = paperBroker();
    expect(await restarted.getOrderByCorrelationId('acct-1')).toEqual(order);
    expect(await restarted.funds()).toEqual(before);
    expect((await restarted.placeOrder(buy)).alreadyExisted).toBe(true);
    expect(await restarted.positions()).toEqual([
      expect.objectContaining({ symbol: 'RELIANCE', securityId: '2885', quantity: 10, avgPrice: 1400.4 }),
    ]);
  });

  it('close a position: realised P&L and charges reach the funds', async () => {
    await broker.placeOrder(buy);
    data.prices.RELIANCE = 1420;
    now += 5 * MINUTE;
    const { order } = await broker.placeOrder({ ...buy, correlationId: 'acct-2', side: 'SELL' });
    // 1420 → bid 1419.8 → slipped 1419.65… → rounded down 1419.6.
    expect(order.averagePrice).toBe(1419.6);
    const [position] = await broker.positions();
    expect(position).toMatchObject({ quantity: 0, buyQuantity: 10, sellQuantity: 10, realizedPnl: 192 });
    // Selling 14 196: brokerage 4.26, STT ₹4 (3.549 to the rupee), exchange 0.43, SEBI 0.01, GST 0.85 = 9.55.
    const funds = await broker.funds();
    expect(funds).toMatchObject({ utilized: 0, available: 100_176.97, startOfDay: CAPITAL });
  });
});

describe('limit and stop orders', () => {
  const limit: OrderIntent = { ...buy, correlationId: 'limit-1', orderType: 'LIMIT', price: 1395 };

  it('rest, hold their funds, and fill at their price when a later bar trades through them', async () => {
    const { order } = await broker.placeOrder(limit);
    expect(order).toMatchObject({ status: 'PENDING', filledQuantity: 0, remainingQuantity: 10 });
    expect((await broker.funds()).available).toBe(CAPITAL - 13_950);

    // The bar already under way when the order arrived (09:30) is not the order's: it never fills it.
    data.setBars('RELIANCE', '1m', [
      minuteBar(at(9, 30), 1400, 1401, 1390, 1399),
      minuteBar(at(9, 31), 1399, 1400, 1396, 1397),
      minuteBar(at(9, 32), 1397, 1398, 1394, 1396),
    ]);
    now = at(9, 32, 30); // the 09:32 bar has not closed yet
    expect(await broker.getOrder(order.orderId)).toMatchObject({ status: 'PENDING' });
    now = at(9, 33, 1);
    const filled = await broker.getOrder(order.orderId);
    expect(filled).toMatchObject({ status: 'TRADED', averagePrice: 1395, filledQuantity: 10, updatedAt: at(9, 32) });
    expect(await broker.trades(order.orderId)).toEqual([
      expect.objectContaining({ price: 1395, quantity: 10, time: at(9, 32) }),
    ]);
    expect(await count('paper_trades')).toBe(1);
  });

  it('fill at once, at the offer, when marketable on arrival', async () => {
    const { order } = await broker.placeOrder({ ...limit, price: 1410 });
    expect(order).toMatchObject({ status: 'TRADED', averagePrice: 1400.2 });
  });

  it('fill a resting stop at its trigger, slipped, on sync', async () => {
    await broker.placeOrder(buy); // long 10, so the stop sells what is held
    const { order } = await broker.placeOrder({
      ...buy,
      correlationId: 'stop-1',
      side: 'SELL',
      orderType: 'STOP_LOSS_MARKET',
      triggerPrice: 1390,
    });
    expect(order.status).toBe('PENDING');
    data.setBars('RELIANCE', '1m', [
      minuteBar(at(9, 31), 1399, 1399, 1391, 1392),
      minuteBar(at(9, 32), 1392, 1393, 1388, 1389),
    ]);
    expect(await broker.sync(at(9, 40))).toBe(at(9, 40));
    // 1390 × (1 − 0.0001) = 1389.861 → down to the tick: 1389.8.
    expect(await broker.getOrderByCorrelationId('stop-1')).toMatchObject({ status: 'TRADED', averagePrice: 1389.8 });
    expect(await broker.positions()).toEqual([expect.objectContaining({ quantity: 0, realizedPnl: -106 })]);
  });

  it('can be cancelled while working, and a cancel of a finished order returns it unchanged', async () => {
    const { order } = await broker.placeOrder(limit);
    now += MINUTE;
    const cancelled = await broker.cancelOrder(order.orderId);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', updatedAt: now });
    expect(await broker.cancelOrder(order.orderId)).toEqual(cancelled);
    expect((await broker.funds()).available).toBe(CAPITAL);
    await expect(broker.cancelOrder('paper-999999')).rejects.toThrow(BrokerInputError);
  });

  it('do not cancel what already filled: the fill is matched first', async () => {
    const { order } = await broker.placeOrder(limit);
    data.setBars('RELIANCE', '1m', [minuteBar(at(9, 31), 1399, 1399, 1394, 1395)]);
    now = at(9, 35);
    expect(await broker.cancelOrder(order.orderId)).toMatchObject({ status: 'TRADED', averagePrice: 1395 });
  });

  it('expire at the close when never filled (DAY), or at once when not marketable (IOC)', async () => {
    const day = await broker.placeOrder(limit);
    const ioc = await broker.placeOrder({ ...limit, correlationId: 'ioc-1', validity: 'IOC' });
    expect(ioc.order).toMatchObject({ status: 'CANCELLED', validity: 'IOC' });
    now = at(15, 30);
    await broker.sync();
    expect(await broker.getOrder(day.order.orderId)).toMatchObject({ status: 'EXPIRED', updatedAt: at(15, 30) });
    expect((await broker.funds()).available).toBe(CAPITAL);
  });
});

describe('refusals mirror Dhan: the order is recorded REJECTED with a reason', () => {
  it('when the market is closed (without asking for a price)', async () => {
    now = istTime(DAY, 8, 59);
    const { order } = await broker.placeOrder(buy);
    expect(order).toMatchObject({ status: 'REJECTED', rejectionReason: MARKET_CLOSED_REASON });
    expect(data.calls.quotes).toBeUndefined();
    // A retry returns the refusal, it does not try again.
    now = at(9, 30);
    expect(await broker.placeOrder(buy)).toEqual({ order, alreadyExisted: true });
  });

  it('for a price off the tick or outside the circuit band', async () => {
    const offTick = await broker.placeOrder({ ...buy, correlationId: 'tick', orderType: 'LIMIT', price: 1399.95 });
    expect(offTick.order.rejectionReason).toBe("price 1399.95 is not a multiple of RELIANCE's tick 0.1");
    data.circuits.RELIANCE = { lower: 1260, upper: 1540 };
    const band = await broker.placeOrder({ ...buy, correlationId: 'band', orderType: 'LIMIT', price: 1250 });
    expect(band.order).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'Price 1250 is outside the circuit band 1260-1540',
    });
  });

  it('for insufficient paper funds, and for a CNC sell of shares not held', async () => {
    const big = await broker.placeOrder({ ...buy, correlationId: 'big', quantity: 80 });
    expect(big.order.rejectionReason).toBe('Insufficient funds: required 112000.00, available 100000.00');
    const naked = await broker.placeOrder({ ...buy, correlationId: 'naked', side: 'SELL', product: 'CNC' });
    expect(naked.order.rejectionReason).toBe('Insufficient holdings: 10 RELIANCE to sell, 0 available');
    // An intraday short is allowed, and holds its value.
    const short = await broker.placeOrder({ ...buy, correlationId: 'short', side: 'SELL' });
    expect(short.order.status).toBe('TRADED');
    expect(await count('paper_trades')).toBe(1);
  });

  it('a malformed intent throws BrokerInputError and records nothing', async () => {
    await expect(broker.placeOrder({ ...buy, symbol: 'TATAMOTORS' })).rejects.toThrow(BrokerInputError);
    await expect(broker.placeOrder({ ...buy, orderType: 'LIMIT' })).rejects.toThrow('price is required for LIMIT');
    expect(await count('paper_orders')).toBe(0);
  });

  it('no price from the data source is a retryable failure that records nothing', async () => {
    delete data.prices.RELIANCE;
    const error = await broker.placeOrder(buy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaperPriceUnavailableError);
    expect(error).toMatchObject({ retryable: true });
    expect(await count('paper_orders')).toBe(0);
    data.prices.RELIANCE = 1400;
    expect((await broker.placeOrder(buy)).order.status).toBe('TRADED');
  });
});

describe('market data', () => {
  it('comes from the data source unchanged', async () => {
    const bars = [minuteBar(at(9, 15), 1, 2, 0.5, 1.5)];
    data.setBars('TCS', '5m', bars);
    expect(await broker.candles('TCS', '5m', at(9, 0), at(10, 0))).toEqual(bars);
    expect(await broker.quotes(['TCS'])).toEqual({ TCS: expect.objectContaining({ lastPrice: 3000 }) });
  });
});
