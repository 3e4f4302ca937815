/**
 * The backtest activity: one whole backtest (`backtest/job.ts`, as the command line runs it) on the
 * worker, its bars from a CSV folder, the simulator's synthetic market, the broker's historical
 * candles or the candles table, its result in the `backtests` row of its run key.
 */
import { activityInfo, cancellationSignal, heartbeat } from '@temporalio/activity';
import { csvLibraryFolder } from '../backtest/csv-library';
import { type DataSource, describeSource } from '../backtest/data';
import { type CsvFormat } from '../backtest/data/csv';
import { runBacktestJob } from '../backtest/job';
import { parseBacktestSpec } from '../backtest/spec';
import { postgresResponseCache } from '../backtest/store';
import { type ActivityDeps } from './deps';

/** Where a backtest run by the worker reads its bars (plain data: it travels in the workflow's input). */
export type BacktestData =
  | { readonly kind: 'csv'; readonly folder: string; readonly format?: CsvFormat }
  /** A named folder of CSVs under the worker's BACKTEST_CSV_ROOT (what API clients may ask for: never a path). */
  | { readonly kind: 'csvLibrary'; readonly name: string }
  | { readonly kind: 'simulator'; readonly seed: number; readonly start?: string }
  /** The worker's broker's historical candles (Dhan), cached in `cacheDir`. */
  | { readonly kind: 'dhan'; readonly cacheDir: string }
  /** The desk's candles table. */
  | { readonly kind: 'candles' };

export interface BacktestActivityInput {
  /** The run's business key (the workflow id): a retried attempt rewrites the same row. */
  readonly runKey: string;
  /** A backtest spec, validated here (its `data` is filled in from `data`). */
  readonly spec: unknown;
  readonly data: BacktestData;
  /** Folder for the report files on the worker's disk (none when absent). */
  readonly outDir?: string;
}

export interface BacktestActivityResult {
  readonly backtestId: number;
  readonly summary: string;
  readonly netPnl: number;
  readonly trades: number;
  readonly report?: string;
  /** The activity attempt that finished it (above 1 after a worker died mid-run). */
  readonly attempt: number;
}

/** What a running backtest's heartbeats carry (the Web UI shows it under the pending activity). */
export interface BacktestHeartbeat {
  readonly attempt: number;
  readonly done: number;
  readonly total?: number;
  /** Market time of the last cycle replayed (ISO). */
  readonly marketTime?: string;
}

/** How often a running backtest tells Temporal it is alive, with its progress. */
const HEARTBEAT_EVERY_MS = 2_000;

export function backtestActivities(deps: ActivityDeps) {
  const { repos } = deps;

  function source(data: BacktestData): DataSource {
    switch (data.kind) {
      case 'csv':
      case 'simulator':
        return data;
      case 'csvLibrary':
        return { kind: 'csv', folder: csvLibraryFolder(deps.backtestCsvRoot, data.name) };
      case 'candles':
        return { kind: 'candles', read: (symbol, from, to) => repos.candles.between(symbol, '5m', from, to) };
      case 'dhan':
        return {
          kind: 'dhan',
          fetch: (symbol, from, to) => deps.broker.candles(symbol, '5m', from, to),
          cacheDir: data.cacheDir,
          now: deps.wallNow(),
        };
    }
  }

  return {
    /**
     * Runs one backtest and stores it (`backtests` row keyed by the run key). Heartbeats its progress
     * (cycles done, market day) every few seconds, so the Web UI shows how far it got and a dead worker
     * is noticed; a retried attempt replays from the start, its LLM replies from the Postgres cache.
     */
    async runBacktest(input: BacktestActivityInput): Promise<BacktestActivityResult> {
      const data = source(input.data);
      const spec = parseBacktestSpec({ ...(input.spec as object), data: describeSource(data) });
      const { attempt } = activityInfo();
      let progress: BacktestHeartbeat = { attempt, done: 0 };
      let beatAt = deps.wallNow();
      const beat = () => {
        beatAt = deps.wallNow();
        heartbeat(progress);
      };
      // Loading bars and slow days still beat; the first beat carries a finished day when there is one
      // (the SDK sends a first heartbeat at once and throttles the later ones).
      const timer = setInterval(() => deps.wallNow() - beatAt >= HEARTBEAT_EVERY_MS && beat(), HEARTBEAT_EVERY_MS / 4);
      try {
        const result = await runBacktestJob(spec, data, input.runKey, {
          store: repos.backtests,
          llm: {
            ...deps.backtestLlm,
            cache: postgresResponseCache(repos.llmCache),
            usdInr: deps.backtestLlm?.usdInr ?? 84,
          },
          outDir: input.outDir,
          now: deps.wallNow,
          signal: cancellationSignal(),
          onProgress: (p) => {
            progress = { attempt, done: p.done, total: p.total, marketTime: new Date(p.marketTime).toISOString() };
            beat();
          },
        });
        return {
          backtestId: result.id!,
          summary: result.summary,
          netPnl: result.metrics.netPnl,
          trades: result.metrics.trades,
          report: result.files?.html,
          attempt,
        };
      } finally {
        clearInterval(timer);
      }
    },
  };
}
