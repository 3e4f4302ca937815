/**
 * Backtests stored the way the command line stores them, for tests that read them back (API, dashboard):
 * a rules backtest of a three-session random walk, and its rows in the `backtests` table.
 */
import { runBacktest, type BacktestRun } from '../../backtest/engine/run';
import { computeMetrics, type Metrics } from '../../backtest/metrics';
import { summaryText } from '../../backtest/report/summary';
import { backtestOutcome } from '../../backtest/store';
import { type BacktestRepository } from '../../db/repositories/backtests';
import { coreSize, createRulesDecider } from '../../llm/rules-decider';
import { specOver, walkBars } from '../unit/backtest/fixtures';

/** When the stored runs started (and, a minute or two later, ended). */
const STARTED_AT = Date.UTC(2026, 5, 20, 10);

export interface WalkBacktest {
  readonly run: BacktestRun;
  readonly metrics: Metrics;
  readonly summary: string;
}

/** A rules backtest of three random-walk sessions of RELIANCE and INFY. */
export async function walkBacktest(): Promise<WalkBacktest> {
  const bars = walkBars(['RELIANCE', 'INFY'], 3);
  const run = await runBacktest({ spec: specOver(bars), bars, decider: createRulesDecider(coreSize) });
  const metrics = computeMetrics({ capital: run.spec.capital, ...run });
  return { run, metrics, summary: summaryText({ spec: run.spec, metrics, cycles: run.cycles, bars: run.bars }) };
}

/** Opens a `running` row for `backtest` under `runKey`; returns its id. */
export function startRow(
  repo: BacktestRepository,
  { run }: WalkBacktest,
  row: { runKey: string; accountId: string; name?: string },
): Promise<number> {
  return repo.start({
    ...row,
    fromDate: run.spec.from,
    toDate: run.spec.to,
    decider: 'rules',
    data: run.spec.data,
    spec: run.spec,
    startedAt: STARTED_AT,
  });
}

/** Completes row `id` with `backtest`'s results, `minutes` after it started. */
export function completeRow(repo: BacktestRepository, id: number, b: WalkBacktest, minutes = 1): Promise<void> {
  return repo.complete(id, backtestOutcome(b.run, b.metrics, b.summary, undefined, STARTED_AT + minutes * 60_000));
}
