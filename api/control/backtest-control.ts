/**
 * The API's door to the backtest workflows: start one under its run key at most once, read a run's
 * state and progress, cancel it. Temporal errors become the API's (unreachable → 503).
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { join } from 'node:path';
import { type BacktestData } from '../../activities/backtest';
import {
  type BacktestRunState,
  describeBacktestRun,
  startBacktestWorkflow,
  type StartedBacktest,
} from '../../backtest/workflow-client';
import { translateTemporalError } from './account-control';
import { workflowUrl } from './temporal-links';

export interface BacktestControlOptions {
  readonly client: Client;
  /** The workers' task queue (they run the backtest workflow and its activity). */
  readonly taskQueue: string;
  /** Temporal Web UI base URL, for links. */
  readonly uiUrl?: string;
  /** BACKTEST_CSV_ROOT: the folder whose named sub-folders a request may read (absent: none). */
  readonly csvRoot?: string;
  /** The synthetic market's seed when a request names none (SIMULATOR_SEED). */
  readonly simulatorSeed?: number;
  /** Where the worker writes each run's report files (`<reportsDir>/<runKey>`); absent: no files. */
  readonly reportsDir?: string;
}

export class BacktestControl {
  constructor(readonly options: BacktestControlOptions) {}

  /** Link to a run in the Web UI, or null without a UI URL. */
  link(workflowId: string, runId: string | null): string | null {
    return workflowUrl(this.options.uiUrl, this.options.client.options.namespace, workflowId, runId);
  }

  /** Starts the run `runKey` (or reports the existing one: see `startBacktestWorkflow`). */
  async start(runKey: string, spec: unknown, data: BacktestData, requestHash: string): Promise<StartedBacktest> {
    const { client, taskQueue, reportsDir } = this.options;
    try {
      return await startBacktestWorkflow(client, {
        workflowId: runKey,
        taskQueue,
        input: { spec, data, outDir: reportsDir ? join(reportsDir, runKey) : undefined },
        requestHash,
      });
    } catch (e) {
      return translateTemporalError(e);
    }
  }

  /** The run as Temporal knows it, or null. */
  async describe(runKey: string): Promise<BacktestRunState | null> {
    try {
      return await describeBacktestRun(this.options.client, runKey);
    } catch (e) {
      return translateTemporalError(e);
    }
  }

  /** Asks a running backtest to stop (its row is marked failed, `cancelled`); false when there is no run. */
  async cancel(runKey: string): Promise<boolean> {
    try {
      await this.options.client.workflow.getHandle(runKey).cancel();
      return true;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      return translateTemporalError(e);
    }
  }
}
