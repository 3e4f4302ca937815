import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type MarketClock } from '../activities';
import { type MarketClockSpec } from '../activities/types';
import { type Config, type Secret } from '../config';
import { openDatabase } from '../db';
import { createRepositories } from '../db/repositories';
import { type Logger } from '../platform/logger';
import { createBroker } from './broker';
import { deciderFactory } from './deciders';
import { simulatorClock, wallClock } from './market-clock';
import { simulatorUrls } from './simulator';

export interface WorkerSetup {
  readonly config: Config;
  readonly databaseUrl: Secret | string;
  readonly temporal: { readonly address: string; readonly namespace: string };
  /** Root URL of the Dhan simulator (simulator mode). */
  readonly simulatorUrl?: string;
  readonly log: Logger;
  /** A prebuilt workflow bundle (tests bundle once per run); default: bundle `workflows/` now. */
  readonly workflowBundle?: WorkflowBundleOption;
  readonly taskQueue?: string;
  /**
   * The market clock and how accounts tick on it, when not the configuration's (the simulator's
   * stepped clock in simulator mode, the NSE wall clock otherwise). Tests run a paper desk on Dhan
   * data with a simulator as "Dhan" on that simulator's clock, so a trading day takes seconds.
   */
  readonly market?: { readonly clock: MarketClock; readonly spec: MarketClockSpec };
}

/**
 * The workflow code: a bundle given by the caller, else a prebuilt bundle file named by
 * WORKFLOW_BUNDLE_PATH (production images and test fleets bundle once), else bundled now from source.
 */
function workflowSource(bundle: WorkflowBundleOption | undefined, codePath: string | undefined) {
  if (bundle) return { workflowBundle: bundle };
  if (codePath) return { workflowBundle: { codePath } };
  return { workflowsPath: require.resolve('../workflows') };
}

/** The simulator's stepped clock when paper trading on simulated data; the NSE wall clock otherwise. */
function configuredMarket(
  config: Config,
  simulatorUrl: string | undefined,
): { clock: MarketClock; spec: MarketClockSpec } {
  if (config.trading.mode !== 'paper' || config.trading.marketData !== 'simulator')
    return { clock: wallClock, spec: { kind: 'nse' } };
  return {
    clock: simulatorUrl ? simulatorClock(simulatorUrls(simulatorUrl).control) : wallClock,
    spec: { kind: 'simulated', tickMs: config.trading.simulatedTickMs },
  };
}

export interface TradingWorker {
  readonly worker: Worker;
  /** Settles when the worker has stopped (after `shutdown`, or on a fatal error). */
  readonly done: Promise<void>;
  /** Asks the worker to finish its in-flight tasks, then closes the database and the connection. */
  shutdown(): Promise<void>;
}

/**
 * The one place where real adapters are wired to the activities: Postgres repositories, the broker
 * (Dhan or the simulator), the market clock and the deciders. Several workers may run side by side
 * on the same task queue; any of them can run any account.
 */
export async function createTradingWorker(setup: WorkerSetup): Promise<TradingWorker> {
  const { config, log } = setup;
  const db = openDatabase(setup.databaseUrl);
  const repos = createRepositories(db);
  const market = setup.market ?? configuredMarket(config, setup.simulatorUrl);
  const deciders = deciderFactory(config, repos);
  const activities = createActivities({
    repos,
    broker: createBroker(config, setup.simulatorUrl, { sequelize: db.sequelize, now: () => market.clock.now() }),
    market: market.clock,
    clockSpec: market.spec,
    deciderFor: deciders.deciderFor,
    deciderLabel: deciders.label,
    log,
    wallNow: Date.now,
    backtestLlm: { upstream: deciders.chatClient, usdInr: config.llm.usdInr },
    backtestCsvRoot: config.backtest.csvRoot,
  });

  const connection = await NativeConnection.connect({ address: setup.temporal.address });
  let worker: Worker;
  try {
    worker = await Worker.create({
      connection,
      namespace: setup.temporal.namespace,
      taskQueue: setup.taskQueue ?? config.temporal.taskQueue,
      ...workflowSource(setup.workflowBundle, config.temporal.workflowBundlePath),
      activities,
      // A cycle's steps are short; let in-flight ones finish on shutdown rather than be retried elsewhere.
      shutdownGraceTime: '30s',
      // If this worker dies, its cached workflows move to another worker after 5 s rather than 10.
      stickyQueueScheduleToStartTimeout: '5s',
      // Heartbeats reach Temporal at most this far apart (else 0.8 × the heartbeat timeout: 24 s for a
      // backtest), so a backtest's progress shows every few seconds in the API, dashboard and CLI.
      maxHeartbeatThrottleInterval: '2s',
    });
  } catch (error) {
    await connection.close();
    await db.close();
    throw error;
  }
  const done = worker.run().finally(async () => {
    await connection.close();
    await db.close();
  });
  return {
    worker,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
