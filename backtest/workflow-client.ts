/**
 * The client side of the backtest workflow (`workflows/backtest.ts`), shared by the API and the
 * command line's `--workflow`: start it under a business id at most once, and read how far a run got
 * from its activity's heartbeats.
 */
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { type BacktestActivityResult, type BacktestHeartbeat } from '../activities/backtest';
import { type BacktestWorkflowInput } from '../workflows/backtest';

/** The workflow's registered name (`workflows/index.ts` exports `backtestWorkflow`). */
export const BACKTEST_WORKFLOW_TYPE = 'backtestWorkflow';

export interface StartBacktestOptions {
  /** The business id: the same id never starts a second run, even after the first one ended. */
  readonly workflowId: string;
  readonly taskQueue: string;
  readonly input: BacktestWorkflowInput;
  /** Fingerprint of the request, kept in the workflow's memo so a retry can be told from a reuse. */
  readonly requestHash?: string;
}

export interface StartedBacktest {
  readonly workflowId: string;
  readonly runId: string;
  /** False: a run with this id existed already (running or ended) and nothing new was started. */
  readonly started: boolean;
  /** The request fingerprint the existing run was started with. */
  readonly requestHash?: string;
}

/** Starts the backtest workflow, or reports the run that already has this id. */
export async function startBacktestWorkflow(client: Client, options: StartBacktestOptions): Promise<StartedBacktest> {
  const { workflowId, taskQueue, input, requestHash } = options;
  try {
    const handle = await client.workflow.start(BACKTEST_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [input],
      // A retried request after the first run completed must not run it again either.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: requestHash ? { requestHash } : undefined,
    });
    return { workflowId, runId: handle.firstExecutionRunId, started: true, requestHash };
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
  const d = await client.workflow.getHandle(workflowId).describe();
  const memoHash = d.memo?.requestHash;
  return {
    workflowId,
    runId: d.runId,
    started: false,
    requestHash: typeof memoHash === 'string' ? memoHash : undefined,
  };
}

/** A backtest run as Temporal knows it. */
export interface BacktestRunState {
  readonly workflowId: string;
  readonly runId: string;
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT. */
  readonly status: string;
  readonly running: boolean;
  /** The running attempt's last heartbeat (absent before the first one and once the run ended). */
  readonly progress?: BacktestHeartbeat;
  /** The result of a completed run. */
  readonly result?: BacktestActivityResult;
  /** Why a failed run failed (the innermost cause: a bad spec, missing data…). */
  readonly error?: string;
}

/** The innermost message of a failure chain (workflow → activity → application failure). */
function rootMessage(error: unknown): string {
  let e: unknown = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/** The run with this workflow id, or null when Temporal has none. */
export async function describeBacktestRun(client: Client, workflowId: string): Promise<BacktestRunState | null> {
  const handle =
    client.workflow.getHandle<(input: BacktestWorkflowInput) => Promise<BacktestActivityResult>>(workflowId);
  let d;
  try {
    d = await handle.describe();
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return null;
    throw e;
  }
  const status = d.status.name;
  const base = { workflowId, runId: d.runId, status, running: status === 'RUNNING' };
  if (status === 'RUNNING') {
    const payload = d.raw.pendingActivities?.[0]?.heartbeatDetails?.payloads?.[0];
    return payload ? { ...base, progress: defaultPayloadConverter.fromPayload<BacktestHeartbeat>(payload) } : base;
  }
  // An ended run's outcome is in its history: reading it returns at once.
  try {
    return { ...base, result: await handle.result() };
  } catch (e) {
    return { ...base, error: e instanceof WorkflowFailedError ? rootMessage(e) : String(e) };
  }
}
