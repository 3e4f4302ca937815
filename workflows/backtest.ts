/**
 * A long backtest as a workflow (id of the caller's choosing, e.g. `backtest-claude-2026-06`): one
 * activity runs it and heartbeats its progress (cycles done, market day, attempt), so the Web UI shows
 * how far it got, and a worker that dies mid-run is noticed within the heartbeat timeout: the retry
 * runs on the next worker, from the start (a replay is deterministic, LLM replies come from the
 * cache), into the same `backtests` row.
 */
import { type Duration } from '@temporalio/common';
import { proxyActivities, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../activities';
import { type BacktestActivityResult, type BacktestData } from '../activities/backtest';

type Activities = ReturnType<typeof activities.createActivities>;

/** A backtest heartbeats every 2 s; a dead worker is noticed within this by default. */
export const BACKTEST_HEARTBEAT_TIMEOUT = '30s';

export interface BacktestWorkflowInput {
  /** The backtest spec (validated by the activity, which names every bad field). */
  readonly spec: unknown;
  readonly data: BacktestData;
  /** Folder for the report files on the worker's disk. */
  readonly outDir?: string;
  /** How soon a silent (dead) worker's attempt is retried elsewhere (default 30 s; tests use less). */
  readonly heartbeatTimeout?: Duration;
}

function backtestActivity(heartbeatTimeout: Duration) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '12h',
    heartbeatTimeout,
    retry: {
      initialInterval: '1s',
      maximumAttempts: 5,
      // A bad spec or bad data fails the same way every time; a model that refuses the key too.
      nonRetryableErrorTypes: ['BacktestSpecError', 'BacktestDataError', 'CsvFormatError', 'LlmNonRetryableError'],
    },
  }).runBacktest;
}

export async function backtestWorkflow(input: BacktestWorkflowInput): Promise<BacktestActivityResult> {
  const runKey = workflowInfo().workflowId;
  const runBacktest = backtestActivity(input.heartbeatTimeout ?? BACKTEST_HEARTBEAT_TIMEOUT);
  setCurrentDetails(`Backtest **${runKey}** running: progress in the pending activity's heartbeat details.`);
  const result = await runBacktest({ runKey, spec: input.spec, data: input.data, outDir: input.outDir });
  setCurrentDetails(`Backtest ${result.backtestId}\n\n\`\`\`\n${result.summary}\n\`\`\``);
  return result;
}
