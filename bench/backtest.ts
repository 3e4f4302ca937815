/**
 * Backtester benchmark (issue 10). Run: `npx tsx bench/backtest.ts` (or `npm run bench:backtest`).
 *
 * Prints, for one account trading all five stocks of ../shared/data/nse (read at run time, never
 * committed) with the rules decider:
 * (a) bars per second of the full pipeline (point-in-time series → feature engine → 4 strategies →
 *     mandatory orders → decision context → rules decider → risk gate → fills, costs and ledger →
 *     mark to market, at every live tick), on the 22 real sessions and on a year synthesised from
 *     them, next to the trading core alone (engine + strategies, no cycle) on the same bars, so the
 *     backtester's own cost per bar shows;
 * (b) the result of the same run, and of the VWAP strategy alone, each with a fingerprint (a hash
 *     of its orders, trades, equity curve, daily equity, risk decisions and metrics) on the 22 real
 *     sessions and the synthesised year, so a speed-up can show it changed no result;
 * (c) the stream analysis against the live cycle's 21-day window (`analysis: 'window'`): its speed,
 *     and whether the two placed the same orders.
 */
import { createHash } from 'node:crypto';
import { runBacktest, type BacktestRun } from '../backtest/engine/run';
import { computeMetrics, type Metrics } from '../backtest/metrics';
import { parseBacktestSpec, type BacktestSpec } from '../backtest/spec';
import { DEFAULT_ACCOUNTS } from '../contracts/account';
import { FeatureEngine } from '../core/indicators/engine';
import { instrumentOf } from '../core/instruments';
import { createStrategy, featureConfigFor, StrategyRunner } from '../core/strategies';
import { DAY_MS, istDateKey } from '../core/time';
import { type Candle } from '../core/types';
import { coreSize, createRulesDecider } from '../llm/rules-decider';
import { loadNseBars, NSE_SYMBOLS, synthesiseYear } from './nse-data';

const CAPITAL = 1_000_000;
const ALL = ['vwap', 'ema', 'rsi', 'smc'] as const;

/** The real sessions, and a synthetic year of them moved to 2026 (the year the NSE calendar knows). */
function datasets() {
  const real = new Map<string, Candle[]>(NSE_SYMBOLS.map((s) => [s, loadNseBars(s)]));
  // synthesiseYear starts on Wed 2025-01-01; 364 days later is Wed 2025-12-31, so weekdays stay weekdays.
  const year = new Map<string, Candle[]>(
    NSE_SYMBOLS.map((s, i) => [
      s,
      synthesiseYear(real.get(s)!, instrumentOf(s)!.tickSize, 1 + i).map((b) => ({
        ...b,
        time: b.time + 364 * DAY_MS,
      })),
    ]),
  );
  return { real, year };
}

function specFor(strategies: readonly string[], bars: ReadonlyMap<string, Candle[]>, extra: object = {}): BacktestSpec {
  const all = [...bars.values()].flat();
  const first = istDateKey(Math.min(...all.map((b) => b.time)));
  return parseBacktestSpec({
    account: { ...DEFAULT_ACCOUNTS[0], stocks: [...NSE_SYMBOLS], strategies },
    capital: CAPITAL,
    from: first < '2026-01-01' ? '2026-01-01' : first,
    to: istDateKey(Math.max(...all.map((b) => b.time))),
    data: 'bench',
    ...extra,
  });
}

interface Timed {
  readonly run: BacktestRun;
  readonly cpu: number[];
  readonly wall: number[];
}

/** Runs the backtest `runs` times; rates are bars per CPU second and per wall second. */
async function timeBacktest(spec: BacktestSpec, bars: ReadonlyMap<string, Candle[]>, runs: number): Promise<Timed> {
  const cpu: number[] = [];
  const wall: number[] = [];
  let run: BacktestRun | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const used = process.cpuUsage();
    run = await runBacktest({ spec, bars, decider: createRulesDecider(coreSize) });
    const u = process.cpuUsage(used);
    cpu.push(run.bars / ((u.user + u.system) / 1e6));
    wall.push(run.bars / ((performance.now() - started) / 1000));
  }
  return { run: run!, cpu, wall };
}

/** The trading core alone over the same bars: engine + strategies, flat, no cycle. */
function timeCore(strategies: readonly string[], bars: ReadonlyMap<string, Candle[]>, runs: number) {
  const cpu: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const used = process.cpuUsage();
    count = 0;
    for (const [symbol, series] of bars) {
      const built = strategies.map((id) => createStrategy(id));
      const engine = new FeatureEngine(symbol, featureConfigFor(built));
      const runner = new StrategyRunner(engine, built, instrumentOf(symbol)!.tickSize);
      for (const bar of series) {
        engine.push(bar);
        runner.evaluate();
        count++;
      }
    }
    const u = process.cpuUsage(used);
    cpu.push(count / ((u.user + u.system) / 1e6));
  }
  return cpu;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const best = (xs: number[]) => Math.max(...xs);
const m = (x: number) => `${(x / 1e6).toFixed(2)} M bars/s`;
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)} %`);
const num = (x: number | null, d = 2) => (x === null ? 'n/a' : x.toFixed(d));
const inr = (x: number) => `₹${x.toLocaleString('en-IN', { maximumFractionDigits: 0 })}`;

/** What must not change when the backtester gets faster: everything a run reports, hashed. */
function fingerprint(run: BacktestRun, metrics: Metrics): string {
  const { orders, trades, equity, days, decisions, warnings } = run;
  const text = JSON.stringify({ orders, trades, equity, days, decisions, warnings, metrics });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function resultLine(label: string, metrics: Metrics): string {
  return (
    `    ${label}: ${metrics.trades} trades, net ${inr(metrics.netPnl)} (${pct(metrics.totalReturn)}), ` +
    `win rate ${pct(metrics.winRate)}, profit factor ${num(metrics.profitFactor)}, ` +
    `Sharpe ${num(metrics.sharpe)}, max drawdown ${pct(metrics.maxDrawdown)}, charges ${inr(metrics.charges)}`
  );
}

async function main(): Promise<void> {
  const { real, year } = datasets();
  console.log(
    `(a) full pipeline, rules decider, one account on ${NSE_SYMBOLS.join(', ')} (strategies ${ALL.join(', ')}), a cycle at every live tick`,
  );
  for (const [label, bars, runs] of [
    ['22 real sessions', real, 40],
    ['a year synthesised from them', year, 7],
  ] as const) {
    const timed = await timeBacktest(specFor(ALL, bars), bars, runs);
    const core = timeCore(ALL, bars, runs);
    console.log(
      `    ${label}: ${timed.run.bars} bars, ${timed.run.cycles} cycles, ${timed.run.orders.length} orders per run, ${runs} runs`,
    );
    console.log(
      `      backtest per CPU second: median ${m(median(timed.cpu))}, best ${m(best(timed.cpu))}; per wall second: median ${m(median(timed.wall))}, best ${m(best(timed.wall))}`,
    );
    console.log(
      `      trading core alone (engine + strategies) per CPU second: median ${m(median(core))}, best ${m(best(core))}; the backtester's own cost: ${((1e6 / median(timed.cpu) - 1e6 / median(core)) * 1000).toFixed(0)} ns per bar`,
    );
  }
  console.log('    target: ≥ 1 M bars/s on one core');

  console.log('(b) results on the 22 real sessions (₹10 lakh, default risk limits, Dhan intraday costs):');
  const prints: string[] = [];
  for (const [label, bars] of [
    ['22 sessions', real],
    ['year', year],
  ] as const)
    for (const strategies of [ALL, ['vwap']] as const) {
      const spec = specFor(strategies, bars);
      const run = await runBacktest({ spec, bars, decider: createRulesDecider(coreSize) });
      const metrics = computeMetrics({ capital: CAPITAL, ...run });
      if (bars === real) console.log(resultLine(strategies.join('+'), metrics));
      prints.push(`${label} ${strategies.join('+')} ${fingerprint(run, metrics)}`);
    }
  console.log(`    fingerprints: ${prints.join(', ')}`);

  const stream = await timeBacktest(specFor(ALL, real), real, 1);
  const window = await timeBacktest(specFor(ALL, real, { analysis: 'window' }), real, 3);
  const same = JSON.stringify(stream.run.orders) === JSON.stringify(window.run.orders);
  console.log(
    `(c) the live cycle's 21-day window at every cycle: ${m(median(window.cpu))} per CPU second; ` +
      `orders ${same ? 'identical to' : 'DIFFERENT from'} the stream's (${window.run.orders.length} vs ${stream.run.orders.length})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
