/**
 * The backtest engine on hand-made walks: the live cycle's rules hold (entry window, square-off,
 * one position per symbol, costs), fills are the simulator's, the books balance, the stream agrees
 * with the live cycle's window analysis, and bad input is refused with a clear error.
 */
import { BacktestDataError, runBacktest, type BacktestRun } from '../../../backtest/engine/run';
import { BacktestSpecError, parseBacktestSpec } from '../../../backtest/spec';
import { sessionPhase } from '../../../core/calendar';
import { immediateMarketFill } from '../../../core/fills';
import { istClock, istDateKey } from '../../../core/time';
import { type Candle } from '../../../core/types';
import { type Decider } from '../../../llm/decider';
import { coreSize, createRulesDecider } from '../../../llm/rules-decider';
import { specOver, walkBars } from './fixtures';

const BAR_MS = 5 * 60_000;
const bars = walkBars(['RELIANCE', 'INFY', 'TCS'], 8);
let run: BacktestRun;

beforeAll(async () => {
  run = await runBacktest({ spec: specOver(bars), bars, decider: createRulesDecider(coreSize) });
});

test('one cycle per live tick: 75 a session, 09:20 to 15:30 IST', () => {
  expect(run.cycles).toBe(8 * 75);
  expect(run.days.map((d) => d.date)).toHaveLength(8);
  expect(istClock(run.equity[0]!.time)).toBe('09:20');
  expect(istClock(run.equity.at(-1)!.time)).toBe('15:30');
  expect(run.bars).toBe(3 * 8 * 75);
});

test('the walk trades: entries only in the entry window, every position closed by the 15:15 square-off', () => {
  expect(run.orders.length).toBeGreaterThan(10);
  const entries = run.orders.filter((o) => o.source === 'rules');
  expect(entries.length).toBeGreaterThan(0);
  for (const o of entries) expect(sessionPhase(o.time)).toBe('entry');
  for (const day of run.days) {
    const last = run.equity.filter((p) => istDateKey(p.time) === day.date).at(-1)!;
    expect(last.openPositions).toBe(0);
  }
  expect(run.orders.some((o) => o.source === 'squareoff' || o.source === 'risk')).toBe(true);
});

test('every fill is the simulator’s immediate fill against the close of the bar that just closed', () => {
  for (const o of run.orders) {
    const bar = bars.get(o.symbol)!.find((b) => b.time + BAR_MS === o.time) as Candle;
    const expected = immediateMarketFill(o.side, bar.close, o.time, { tickSize: 0.1, spreadBps: 2, slippageBps: 1 });
    expect(o.price).toBe(expected.price);
  }
});

test('the books balance: net P&L of the closed trades is the change in equity, charges included', () => {
  const net = run.trades.reduce((s, t) => s + t.netPnl, 0);
  expect(run.equity.at(-1)!.equity - 600_000).toBeCloseTo(net, 2);
  const charges = run.orders.reduce((s, o) => s + o.charges, 0);
  const tradeCharges = run.trades.reduce((s, t) => s + t.charges, 0);
  expect(tradeCharges).toBeCloseTo(charges, 1);
  for (const t of run.trades) expect(t.netPnl).toBeCloseTo(t.grossPnl - t.charges, 6);
});

test('never two positions in one symbol, never more than the account’s three; every exit closes in full', () => {
  for (const p of run.equity) expect(p.openPositions).toBeLessThanOrEqual(3);
  const held = new Map<string, number>();
  for (const o of run.orders) {
    const before = held.get(o.symbol) ?? 0;
    const after = before + (o.side === 'BUY' ? o.quantity : -o.quantity);
    if (o.source === 'rules' && before === 0) expect(after).not.toBe(0);
    else expect(after).toBe(0);
    held.set(o.symbol, after);
  }
});

test('the same run twice gives the same orders (no hidden state, no clock)', async () => {
  const again = await runBacktest({ spec: specOver(bars), bars, decider: createRulesDecider(coreSize) });
  expect(again.orders).toEqual(run.orders);
  expect(again.equity).toEqual(run.equity);
});

test('cycles where the rules decider would hold skip it, and the run is the same as asking it every cycle', async () => {
  const rules = createRulesDecider(coreSize);
  let asked = 0;
  const counted: Decider = { kind: 'rules', decide: (context) => (asked++, rules.decide(context)) };
  // Any other kind of decider is asked at every trading cycle.
  const always: Decider = { kind: 'fallback', decide: (context) => rules.decide(context) };
  const skipping = await runBacktest({ spec: specOver(bars), bars, decider: counted });
  const asking = await runBacktest({ spec: specOver(bars), bars, decider: always });
  expect(asked).toBeGreaterThan(0);
  expect(asked).toBeLessThan(run.cycles / 2);
  expect(skipping.orders).toEqual(asking.orders);
  expect(skipping.equity).toEqual(asking.equity);
  expect(skipping.decisions).toEqual(asking.decisions);
});

test("the streaming analysis places exactly the orders of the live cycle's 21-day window", async () => {
  const short = walkBars(['RELIANCE', 'INFY'], 4);
  const decider = createRulesDecider(coreSize);
  const stream = await runBacktest({ spec: specOver(short), bars: short, decider });
  const window = await runBacktest({ spec: specOver(short, { analysis: 'window' }), bars: short, decider });
  expect(stream.orders.length).toBeGreaterThan(0);
  expect(window.orders).toEqual(stream.orders);
  expect(window.trades).toEqual(stream.trades);
});

test('a stock without bars, or a broken bar, is refused with a message naming it', async () => {
  const decider = createRulesDecider(coreSize);
  const noInfy = new Map([...bars].filter(([s]) => s !== 'INFY'));
  await expect(runBacktest({ spec: specOver(bars), bars: noInfy, decider })).rejects.toThrow(
    new BacktestDataError('no bars for INFY in test walk'),
  );
  const broken = new Map(bars);
  const tcs = [...bars.get('TCS')!];
  tcs[10] = { ...tcs[10]!, high: tcs[10]!.low - 1 };
  broken.set('TCS', tcs);
  await expect(runBacktest({ spec: specOver(bars), bars: broken, decider })).rejects.toThrow(/^TCS: /);
});

test('a spec names every bad field at once', () => {
  let error: unknown;
  try {
    parseBacktestSpec({ ...specOver(bars), capital: -1, from: '2026-13-01', to: '2026-01-01' });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BacktestSpecError);
  const problems = (error as BacktestSpecError).problems.join(' | ');
  expect(problems).toMatch(/capital/);
  expect(problems).toMatch(/from/);
});

test('a year the NSE calendar has no holiday list for is refused up front', async () => {
  const spec = { ...specOver(bars), from: '2025-06-02', to: '2025-06-06' };
  await expect(runBacktest({ spec, bars, decider: createRulesDecider(coreSize) })).rejects.toThrow(/holiday list/);
});
