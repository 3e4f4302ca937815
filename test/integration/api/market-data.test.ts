import { type ApiHarness, startApiHarness } from './harness';

/*
 * Market data through the real app from the Dhan simulator (in-process, stepped clock at 11:00 IST on
 * Friday 19 June 2026): what the API returns must be what the simulated exchange has.
 */
let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness({ worker: false });
}, 60_000);
afterAll(() => api?.close());

const MINUTE = 60_000;
const NOW = Date.parse('2026-06-19T05:30:00Z'); // 11:00 IST

describe('GET /market-data/:symbol', () => {
  test('the last closed 5-minute bars, as the simulator has them, and the quote', async () => {
    const res = await api.call('get', '/api/market-data/RELIANCE?timeframe=5m&limit=10');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      symbol: 'RELIANCE',
      timeframe: '5m',
      source: 'simulator',
      asOf: '2026-06-19T05:30:00.000Z',
    });
    const times = res.body.candles.map((c: { time: string }) => Date.parse(c.time));
    // Ten bars, 5 minutes apart, the newest the 10:55 IST bar (it closed at 11:00).
    expect(times).toEqual(Array.from({ length: 10 }, (_, i) => NOW - (10 - i) * 5 * MINUTE));
    const market = api.simulator.control.simulator.market;
    const expected = market.intradayCandles('RELIANCE', 5, times[0], NOW, NOW);
    expect(res.body.candles).toEqual(expected.map((c) => ({ ...c, time: new Date(c.time).toISOString() })));
    expect(res.body.quote.lastPrice).toBe(market.lastPrice('RELIANCE', NOW));
  });

  test('other timeframes: 15-minute bars end at 10:45 IST, daily bars at the previous session', async () => {
    const quarter = await api.call('get', '/api/market-data/TCS?timeframe=15m&limit=4');
    expect(quarter.body.candles.map((c: { time: string }) => c.time)).toEqual([
      '2026-06-19T04:30:00.000Z',
      '2026-06-19T04:45:00.000Z',
      '2026-06-19T05:00:00.000Z',
      '2026-06-19T05:15:00.000Z',
    ]);
    const daily = await api.call('get', '/api/market-data/TCS?timeframe=1d&limit=3');
    // Tue 16, Wed 17 and Thu 18 June; daily bars are stamped at IST midnight.
    expect(daily.body.candles.map((c: { time: string }) => c.time)).toEqual([
      '2026-06-15T18:30:00.000Z',
      '2026-06-16T18:30:00.000Z',
      '2026-06-17T18:30:00.000Z',
    ]);
  });

  test('unknown symbols are 404, malformed ones and bad timeframes 400', async () => {
    const unknown = await api.call('get', '/api/market-data/WIPRO');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_symbol', message: expect.stringContaining('RELIANCE') });
    expect((await api.call('get', '/api/market-data/reliance')).status).toBe(400);
    const badTimeframe = await api.call('get', '/api/market-data/TCS?timeframe=2m&limit=0');
    expect(Object.keys(badTimeframe.body.error.fields).sort()).toEqual(['query.limit', 'query.timeframe']);
  });

  test('a broker failure is a 502 naming its code, counted in the metrics', async () => {
    api.simulator.control.addFault({ kind: 'error5xx', path: '/charts/*', times: 1 });
    const res = await api.call('get', '/api/market-data/INFY');
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({
      code: 'market_data_unavailable',
      message: 'The market-data source failed (DH-908); try again later.',
    });
    const metrics = await api.call('get', '/metrics');
    expect(metrics.text).toContain('desk_broker_errors_total{code="DH-908",source="api"} 1');
  });
});

describe('GET /market-data/:symbol/indicators', () => {
  test('every frame from the core feature engine, consistent with the candles', async () => {
    const res = await api.call('get', '/api/market-data/HDFCBANK/indicators');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2026-06-19T05:30:00.000Z');
    expect(Object.keys(res.body.frames).sort()).toEqual(['15m', '1d', '1h', '5m']);
    const five = res.body.frames['5m'];
    const candles = await api.call('get', '/api/market-data/HDFCBANK?timeframe=5m&limit=1');
    const last = candles.body.candles[0];
    expect(five).toMatchObject({
      time: last.time,
      close: last.close,
      high: last.high,
      closeTime: '2026-06-19T05:30:00.000Z',
    });
    expect(five.rsi14).toBeGreaterThan(0);
    expect(five.rsi14).toBeLessThan(100);
    expect(five.vwapLower1).toBeLessThan(five.vwapUpper1);

    const only = await api.call('get', '/api/market-data/HDFCBANK/indicators?timeframe=1h');
    expect(Object.keys(only.body.frames)).toEqual(['1h']);
  });
});
