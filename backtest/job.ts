/**
 * One backtest from spec to stored result, as the command line and the Temporal activity both run
 * it: record the run → load the bars → build the decider (rules, or the capped and cached LLM) →
 * replay → metrics → printed summary → report files → store the result (or the failure).
 */
import { type BacktestRepository } from '../db/repositories/backtests';
import { type ChatClient } from '../llm/client';
import { CURRENT_PROMPT_VERSION } from '../llm/prompt';
import { coreSize, createRulesDecider } from '../llm/rules-decider';
import { type Decider } from '../llm/decider';
import { type DataSource, loadBars } from './data';
import { type BacktestProgress, type BacktestRun, runBacktest } from './engine/run';
import { type CacheStats, cachingChatClient, type ResponseCache } from './llm/cache';
import { backtestLlmDecider } from './llm/decider';
import { computeMetrics, type Metrics } from './metrics';
import { type ReportFiles, writeReportFiles } from './report/files';
import { summaryText } from './report/summary';
import { type BacktestSpec } from './spec';
import { backtestOutcome } from './store';

export interface BacktestJobDeps {
  /** Where runs are recorded (absent: the run is not stored). */
  readonly store?: Pick<BacktestRepository, 'start' | 'progress' | 'complete' | 'fail'>;
  /** For LLM backtests: the model endpoint (absent: cached replies only) and the reply cache. */
  readonly llm?: { readonly upstream?: ChatClient; readonly cache: ResponseCache; readonly usdInr: number };
  /** Folder for the trades CSV, chart PNG and HTML report (absent: no files). */
  readonly outDir?: string;
  /** Wall clock. */
  readonly now: () => number;
  readonly onProgress?: (progress: BacktestProgress) => void;
  readonly signal?: AbortSignal;
}

export interface BacktestJobResult {
  /** The `backtests` row, when stored. */
  readonly id?: number;
  readonly run: BacktestRun;
  readonly metrics: Metrics;
  readonly summary: string;
  readonly files?: ReportFiles;
  readonly llmCache?: CacheStats;
}

/** Rows' progress is written at most this often. */
const PROGRESS_EVERY_MS = 2_000;

function deciderFor(spec: BacktestSpec, deps: BacktestJobDeps): { decider: Decider; cache?: CacheStats } {
  if (spec.decider.kind === 'rules') return { decider: createRulesDecider(coreSize) };
  if (!deps.llm) throw new Error('an LLM backtest needs a reply cache (and an API key for replies not cached yet)');
  const client = cachingChatClient(
    deps.llm.cache,
    deps.llm.upstream,
    spec.decider.promptVersion ?? CURRENT_PROMPT_VERSION,
  );
  return { decider: backtestLlmDecider(spec.decider, client, deps.llm.usdInr).decider, cache: client.stats };
}

/** Runs the backtest `spec` on `source` under the business key `runKey` (see the module comment). */
export async function runBacktestJob(
  spec: BacktestSpec,
  source: DataSource,
  runKey: string,
  deps: BacktestJobDeps,
): Promise<BacktestJobResult> {
  const id = await deps.store?.start({
    runKey,
    name: spec.name,
    accountId: spec.account.id,
    fromDate: spec.from,
    toDate: spec.to,
    decider: spec.decider.kind === 'rules' ? 'rules' : spec.decider.model,
    data: spec.data,
    spec,
    startedAt: deps.now(),
  });
  try {
    const bars = await loadBars(source, spec.account.stocks, spec.from, spec.to);
    const { decider, cache } = deciderFor(spec, deps);
    let savedAt = deps.now();
    const run = await runBacktest({
      spec,
      bars,
      decider,
      signal: deps.signal,
      onProgress: async (p) => {
        deps.onProgress?.(p);
        if (id !== undefined && deps.now() - savedAt >= PROGRESS_EVERY_MS) {
          savedAt = deps.now();
          void deps.store?.progress(id, p.done / p.total).catch(() => undefined);
        }
        // A day's replay is all microtasks: yield once a day so timers, heartbeats, cancellation and a
        // worker's other tasks (live cycles) get their turn.
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const metrics = computeMetrics({ capital: spec.capital, ...run });
    const summary = summaryText({ spec, metrics, cycles: run.cycles, bars: run.bars, llmCache: cache });
    const files = deps.outDir ? writeReportFiles(run, metrics, deps.outDir, deps.now()) : undefined;
    if (id !== undefined) await deps.store!.complete(id, backtestOutcome(run, metrics, summary, files, deps.now()));
    return { id, run, metrics, summary, files, llmCache: cache };
  } catch (error) {
    if (id !== undefined)
      await deps
        .store!.fail(id, error instanceof Error ? error.message : String(error), deps.now())
        .catch(() => undefined);
    throw error;
  }
}
