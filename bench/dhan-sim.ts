/**
 * Figures for the Dhan client + simulator, all over real HTTP on loopback:
 *
 * 1. `day`: how fast a stepped simulated trading day passes. 75 ticks from 09:20 to 15:30 on the
 *    synthetic market, each doing what an account tick does (a quote for 5 symbols, 5-minute candles
 *    for 2 symbols, positions, funds) plus an order every 5th tick; run once with the rate limiters
 *    off (the simulator's own speed) and once with Dhan's limits enforced on both sides (what a
 *    workflow stepping the simulator will see).
 * 2. `replay`: validates the replay of the real NSE files (../shared/data/nse, read at run time,
 *    never copied): every CSV bar inside NSE hours comes back from `/charts/intraday`, rounded to the
 *    tick, with nothing missing or extra; and market orders placed through a replayed day fill inside
 *    the range of the bar they were placed in.
 *
 * Run: npx tsx bench/dhan-sim.ts [day|replay]   (default: both)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DhanBroker, DhanClient } from '../broker';
import { formatIstDateTime } from '../broker/dhan/dates';
import { startDhanSimulator } from '../broker/simulator';
import { parseOhlcvCsv } from '../broker/simulator/market/replay';
import { Secret } from '../config/secret';
import { INSTRUMENTS } from '../core/instruments';
import { istDateKey, istTime, MINUTE_MS } from '../core/time';

const DATA_DIR = join(__dirname, '..', '..', 'shared', 'data', 'nse');
const TOKEN = 'bench-token-0000000000';
const CLIENT_ID = '1000000001';
const SYMBOLS = INSTRUMENTS.map((i) => i.symbol);

async function simulatedDay(limits: boolean): Promise<void> {
  const sim = await startDhanSimulator({
    accessToken: TOKEN,
    clientId: CLIENT_ID,
    clock: { mode: 'stepped', start: '2026-06-19 09:20' },
    rateLimits: limits,
  });
  const client = new DhanClient({
    baseUrl: sim.url,
    clientId: CLIENT_ID,
    accessToken: new Secret(TOKEN),
    ...(limits ? {} : { rateLimiter: null }),
  });
  const broker = new DhanBroker(client);
  const started = performance.now();
  let requests = 0;
  for (let tick = 0; tick < 75; tick++) {
    const now = sim.control.clock().now;
    await broker.quotes(SYMBOLS);
    for (const symbol of SYMBOLS.slice(0, 2)) await broker.candles(symbol, '5m', now - 2 * 86_400_000, now);
    await broker.positions();
    await broker.funds();
    if (tick % 5 === 0 && now < istTime(istDateKey(now), 15, 20))
      await broker.placeOrder({
        correlationId: `bench-${tick}`,
        symbol: 'INFY',
        side: tick % 10 === 0 ? 'BUY' : 'SELL',
        quantity: 1,
        orderType: 'MARKET',
        product: 'INTRADAY',
      });
    sim.control.advance();
  }
  const seconds = (performance.now() - started) / 1000;
  requests = sim.control.requests().length;
  const trades = sim.control.trades().length;
  console.log(
    `day (${limits ? "Dhan's rate limits on" : 'rate limits off'}): 75 ticks in ${seconds.toFixed(2)} s ` +
      `(${(seconds / 75).toFixed(3)} s/tick), ${requests} requests (${(requests / seconds).toFixed(0)}/s), ${trades} trades, ` +
      `clock now ${sim.control.clock().ist} IST`,
  );
  await sim.close();
}

async function replayCheck(): Promise<void> {
  const started = performance.now();
  const sim = await startDhanSimulator({
    accessToken: TOKEN,
    clientId: CLIENT_ID,
    market: { kind: 'replay', folder: DATA_DIR },
    clock: { mode: 'stepped', start: '2026-06-19 09:15' }, // the files' last day
    rateLimits: false,
  });
  const client = new DhanClient({
    baseUrl: sim.url,
    clientId: CLIENT_ID,
    accessToken: new Secret(TOKEN),
    rateLimiter: null,
  });
  const broker = new DhanBroker(client);
  sim.control.advance(75); // to 15:30: every bar of every file has closed
  for (const instrument of INSTRUMENTS) {
    const file = `${instrument.symbol}_5min.csv`;
    const expected = parseOhlcvCsv(readFileSync(join(DATA_DIR, file), 'utf8'), instrument.tickSize, file);
    const served = await broker.candles(instrument.symbol, '5m', Date.UTC(2026, 4, 1), Date.UTC(2026, 5, 20));
    const byTime = new Map(served.map((c) => [c.time, c]));
    const mismatches = expected.filter((bar) => JSON.stringify(byTime.get(bar.time)) !== JSON.stringify(bar)).length;
    const days = new Set(expected.map((b) => istDateKey(b.time))).size;
    console.log(
      `replay ${instrument.symbol}: ${expected.length} CSV bars in ${days} sessions, ${served.length} served, ` +
        `${mismatches} mismatched or missing, ${served.length - (expected.length - mismatches)} extra`,
    );
  }
  await sim.close();

  // Fills inside the bar: restart on the last day and buy at every tick.
  const day = await startDhanSimulator({
    accessToken: TOKEN,
    clientId: CLIENT_ID,
    market: { kind: 'replay', folder: DATA_DIR },
    clock: { mode: 'stepped', start: '2026-06-19 09:20' },
    exchange: { startingBalance: 1e9, spreadBps: 0, slippageBps: 0 },
    rateLimits: false,
  });
  const dayBroker = new DhanBroker(
    new DhanClient({ baseUrl: day.url, clientId: CLIENT_ID, accessToken: new Secret(TOKEN), rateLimiter: null }),
  );
  let outside = 0;
  let fills = 0;
  for (let tick = 0; tick < 60; tick++) {
    const now = day.control.clock().now;
    const { order } = await dayBroker.placeOrder({
      correlationId: `replay-${tick}`,
      symbol: 'TCS',
      side: 'BUY',
      quantity: 1,
      orderType: 'MARKET',
      product: 'CNC',
    });
    // A market order fills at the last close: the close of the bar that ended at `now`.
    const [bar] = await dayBroker.candles('TCS', '5m', now - 5 * MINUTE_MS, now);
    if (order.averagePrice !== undefined && bar) {
      fills++;
      if (order.averagePrice < bar.low || order.averagePrice > bar.high) outside++;
    }
    day.control.advance();
  }
  console.log(
    `replay fills: ${fills} market orders on ${formatIstDateTime(day.control.clock().now).slice(0, 10)}, ` +
      `${outside} outside their bar's range; whole check ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
  await day.close();
}

async function main(): Promise<void> {
  const part = process.argv[2] ?? 'all';
  if (part === 'day' || part === 'all') {
    await simulatedDay(false);
    await simulatedDay(true);
  }
  if (part === 'replay' || part === 'all') await replayCheck();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
