/**
 * `npm run backtest -- … --workflow`: the backtest runs as the desk's Temporal workflow on its workers
 * (it survives a worker restart and shows in the Web UI) while this process only starts it, follows
 * its heartbeats and waits for the result.
 */
import { Client, Connection } from '@temporalio/client';
import { type BacktestActivityResult, type BacktestData, type BacktestHeartbeat } from '../activities/backtest';
import { type Config } from '../config';
import { describeBacktestRun, startBacktestWorkflow } from './workflow-client';

/** How often the run's progress is read. */
const POLL_MS = 500;

/** Temporal unreachable: what to do about it. */
export class TemporalUnreachableError extends Error {
  override readonly name = 'TemporalUnreachableError';
}

export interface WorkflowBacktest {
  readonly workflowId: string;
  readonly spec: unknown;
  readonly data: BacktestData;
  /** Report folder on the worker's disk. */
  readonly outDir?: string;
  readonly onProgress?: (progress: BacktestHeartbeat) => void;
  /** Told once when no worker polls the task queue (the run waits until one does). */
  readonly onNoWorker?: (taskQueue: string) => void;
}

/** The desk's Temporal frontend: TEMPORAL_ADDRESS, else the dev server `npm start` runs. */
export const temporalAddress = (config: Config) => config.temporal.address ?? `127.0.0.1:${config.temporal.devPort}`;

async function connect(address: string): Promise<Connection> {
  try {
    return await Connection.connect({ address, connectTimeout: '5s' });
  } catch (e) {
    throw new TemporalUnreachableError(
      `Temporal is not reachable at ${address} (${(e as Error).message.split('\n')[0]}). ` +
        'Start the desk (`npm start`) or set TEMPORAL_ADDRESS; or run the backtest in-process without --workflow.',
    );
  }
}

/** Whether any worker polls the task queue for workflow tasks. */
async function hasWorker(client: Client, namespace: string, taskQueue: string): Promise<boolean> {
  const answer = await client.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
  });
  return (answer.pollers?.length ?? 0) > 0;
}

/**
 * Starts the backtest workflow on the desk's task queue, reports its progress until it ends, and
 * returns its result.
 * @throws TemporalUnreachableError when Temporal does not answer; the run's failure when it failed.
 */
export async function runBacktestWorkflow(config: Config, run: WorkflowBacktest): Promise<BacktestActivityResult> {
  const connection = await connect(temporalAddress(config));
  try {
    const { namespace, taskQueue } = config.temporal;
    const client = new Client({ connection, namespace });
    await startBacktestWorkflow(client, {
      workflowId: run.workflowId,
      taskQueue,
      input: { spec: run.spec, data: run.data, outDir: run.outDir },
    });
    // Only a hint: a server that will not say (permissions) is not a reason to stop following the run.
    if (run.onNoWorker && !(await hasWorker(client, namespace, taskQueue).catch(() => true))) run.onNoWorker(taskQueue);
    for (;;) {
      const state = await describeBacktestRun(client, run.workflowId);
      if (!state) throw new Error(`the workflow ${run.workflowId} disappeared`);
      if (state.result) return state.result;
      if (!state.running)
        throw new Error(`backtest ${state.status.toLowerCase()}: ${state.error ?? 'no reason given'}`);
      if (state.progress) run.onProgress?.(state.progress);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await connection.close();
  }
}
