/**
 * Benchmarks of the trading core (issue 4). Run: `npx tsx bench/core.ts`. Prints
 *
 * (a) the time of one live cycle: 5 symbols × 4 timeframes (5m, 15m, 1h, 1d) × 4 strategies, each
 *     symbol analysed from its warm-up window of closed 5-minute bars (`analyseSymbol`: closed-bar cut,
 *     validation, engine, strategies, snapshots), then every entry signal sized (core/sizing) and
 *     checked by the risk gate (core/risk `validateOrder`);
 * (b) bars per second through candles → indicators → strategies (validation, the feature engine with
 *     its 4 frames, the 4 strategies with a simulated position so exits are evaluated too) over a
 *     year of 5-minute bars per symbol, synthesised at run time from the 22 real sessions in
 *     ../shared/data/nse (never committed), validated chunk by chunk as it streams (bench/core-pipeline.ts).
 *
 * Each of (a), (b) with the strategies' frames and (b) with all four frames runs in its own process
 * (`--part a|b|b-all-frames` runs one).
 *
 * Production runs compiled JavaScript; to measure that instead of tsx (bench/ is not in the build):
 *   npx tsc -p tsconfig.json --outDir /tmp/desk-bench && \
 *     NODE_PATH=$PWD/node_modules NSE_DATA_DIR=$PWD/../shared/data/nse node /tmp/desk-bench/bench/core.js
 */
import { spawnSync } from 'node:child_process';
import { DEFAULT_FEATURE_CONFIG } from '../core/indicators/engine';
import { DEFAULT_RISK_LIMITS } from '../core/risk/limits';
import { validateOrder } from '../core/risk/validate';
import { positionSize } from '../core/sizing/position-size';
import { analyseSymbol } from '../core/strategies/analyse';
import { createAllStrategies, featureConfigFor, warmupBarsFor } from '../core/strategies/registry';
import { type Signal } from '../core/types';
import { instrumentOf } from '../core/instruments';
import { runPipeline } from './core-pipeline';
import { loadNseBars, NSE_SYMBOLS, SESSIONS_PER_YEAR, synthesiseYear } from './nse-data';

const CAPITAL = 1_000_000;
/**
 * Runs per configuration in (b): the machine is shared, so the best run is the closest to one free core
 * (each run takes ~0.1 s, so a busy neighbour spoils many of them).
 */
const RUNS = 21;

/** Sizes an entry signal and passes it through the risk gate, as the live cycle does. */
function riskCheck(signal: Signal, tick: number): string {
  const size = positionSize({
    side: signal.side,
    entry: signal.entry,
    stop: signal.stop,
    tickSize: tick,
    capital: CAPITAL,
    equity: CAPITAL,
    riskPerTradePct: DEFAULT_RISK_LIMITS.riskPerTradePct,
    leverage: 5,
    maxOpenPositions: DEFAULT_RISK_LIMITS.maxOpenPositions,
  });
  if (!size.ok) return `skip (${size.skip})`;
  const verdict = validateOrder(
    {
      symbol: signal.symbol,
      side: signal.side,
      quantity: size.quantity,
      orderType: 'MARKET',
      product: 'INTRADAY',
      strategy: signal.strategy,
      stopLoss: signal.stop,
      takeProfit: signal.target,
      reason: signal.reason,
      source: 'rules',
    },
    {
      allowedSymbols: [...NSE_SYMBOLS],
      limits: { ...DEFAULT_RISK_LIMITS, intradayLeverage: 5 },
      riskState: 'ACTIVE',
      startOfDayEquity: CAPITAL,
      equity: CAPITAL,
      positions: [],
      workingOrders: [],
      recentOrderTimes: [],
    },
    { now: signal.time + 5_000, lastPrice: signal.entry },
  );
  return verdict.verdict;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The real bars of the five symbols. */
function loadData() {
  return NSE_SYMBOLS.map((symbol) => ({ symbol, tick: instrumentOf(symbol)!.tickSize, bars: loadNseBars(symbol) }));
}

/** (a) One live cycle at every bar close of the last real session, after the warm-up window. */
function liveCycle(): void {
  const strategies = createAllStrategies();
  const data = loadData();
  const warmup = warmupBarsFor(strategies);
  const lastSession = data[0]!.bars.slice(-75);
  const cycleTimes: number[] = [];
  let signalCount = 0;
  const verdicts = new Map<string, number>();
  for (const [k, bar] of lastSession.entries()) {
    const now = bar.time + 5 * 60_000 + 5_000; // 5 s after the bar closes
    const start = performance.now();
    for (const { symbol, tick, bars } of data) {
      const end = bars.length - 75 + k + 1;
      const window = bars.slice(Math.max(0, end - warmup), end + 1); // includes the forming bar
      const analysis = analyseSymbol({ symbol, bars: window, now, strategies });
      if (analysis.stale || analysis.failures.length > 0) throw new Error(`${symbol}: ${JSON.stringify(analysis)}`);
      for (const signal of analysis.signals) {
        signalCount++;
        if (signal.kind !== 'entry') continue;
        const verdict = riskCheck(signal, tick);
        verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
      }
    }
    cycleTimes.push(performance.now() - start);
  }
  const timeframes = Object.keys(
    analyseSymbol({ symbol: 'TCS', bars: data[1]!.bars, now: Infinity, strategies }).snapshot.frames,
  );
  console.log(
    `(a) live cycle: ${data.length} symbols × ${timeframes.length} timeframes (${timeframes.join(', ')}) × ${strategies.length} strategies, warm-up ${warmup} closed 5m bars per symbol, risk gate (core/risk validateOrder) on every entry signal`,
  );
  console.log(
    `    ${cycleTimes.length} cycles over the last real session: median ${median(cycleTimes).toFixed(2)} ms, max ${Math.max(...cycleTimes).toFixed(2)} ms per cycle; ${signalCount} signals, risk verdicts ${JSON.stringify(Object.fromEntries(verdicts))}`,
  );
}

/**
 * (b) Bars per second over a synthetic year per symbol, with the frames the strategies read (what a
 * backtest builds) or, with `allFrames`, all four frames (what the live cycle builds for the prompt).
 */
function pipeline(allFrames: boolean): void {
  const strategies = createAllStrategies();
  const data = loadData();
  const years = data.map(({ symbol, tick, bars }, i) => ({ symbol, tick, bars: synthesiseYear(bars, tick, 1 + i) }));
  const total = years.reduce((n, y) => n + y.bars.length, 0);
  if (!allFrames) {
    console.log(
      `(b) pipeline (validation → feature engine → ${strategies.length} strategies, simulated position): ${years.length} symbols × ${SESSIONS_PER_YEAR} sessions = ${total} five-minute bars per run, ${RUNS} runs, the first includes JIT warm-up`,
    );
  }
  const m = (x: number) => `${(x / 1e6).toFixed(2)} M bars/s`;
  {
    const extra = allFrames ? DEFAULT_FEATURE_CONFIG.timeframes : [];
    const frames = featureConfigFor(strategies, extra).timeframes.join(', ');
    const wallRates: number[] = [];
    const cpuRates: number[] = [];
    let signals = 0;
    for (let run = 0; run < RUNS; run++) {
      const wall = performance.now();
      const cpu = process.cpuUsage();
      signals = 0;
      for (const { symbol, tick, bars } of years) signals += runPipeline(symbol, bars, strategies, tick, extra);
      const used = process.cpuUsage(cpu);
      wallRates.push(total / ((performance.now() - wall) / 1000));
      cpuRates.push(total / ((used.user + used.system) / 1e6));
    }
    console.log(`    frames ${frames} (${signals} signals per run):`);
    console.log(
      `      per CPU second (process CPU time, one JS thread): median ${m(median(cpuRates))}, best ${m(Math.max(...cpuRates))}`,
    );
    console.log(
      `      per wall second (shared machine): median ${m(median(wallRates))}, best ${m(Math.max(...wallRates))}, first run ${m(wallRates[0]!)}`,
    );
  }
  if (allFrames) console.log('    target: ≥ 1 M bars/s on one core');
}

/**
 * The three measurements, each in a fresh process (this script again, with `--part`): in one process
 * the live cycle's engines (four frames) would leave V8 type feedback that slows the pipeline after
 * it, a mix that neither a backtest nor a live worker ever runs.
 */
const PARTS: Record<string, () => void> = {
  a: liveCycle,
  b: () => pipeline(false),
  'b-all-frames': () => pipeline(true),
};

const part = process.argv[process.argv.indexOf('--part') + 1];
if (process.argv.includes('--part') && part !== undefined && part in PARTS) {
  PARTS[part]!();
} else {
  for (const name of Object.keys(PARTS)) {
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--part', name], { stdio: 'inherit' });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}
