import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { randomBytes } from 'node:crypto';
import { startDhanSimulator, type RunningDhanSimulator, type DhanSimulatorOptions } from '../../broker/simulator';
import { type Config, loadConfig } from '../../config';
import { DEFAULT_ACCOUNTS } from '../../contracts/account';
import { seed } from '../../db';
import { createLogger } from '../../platform/logger';
import { ensureSearchAttributes } from '../../platform/temporal';
import { routeTemporalLogs } from '../../platform/temporal-logging';
import { createTradingWorker, type TradingWorker } from '../../workers/create-worker';
import { SIMULATOR_ACCESS_TOKEN, SIMULATOR_CLIENT_ID } from '../../workers/simulator';
import { requiredTestEnv, TEST_ENV } from '../setup/test-env';
import { prebuiltBundle } from './bundles';
import { createTestDatabase, type TestDatabase } from './database';

// The SDK's worker chatter goes to a silent logger (once per jest worker process).
try {
  routeTemporalLogs(createLogger('warn', 'test'));
} catch {
  // already installed by an earlier test file in this process
}

/** The real workflows' bundle (built once per jest run by global setup). */
export const workflowBundle = async (): Promise<{ code: string }> => prebuiltBundle('desk');

/** The seed of the desk's synthetic simulated market (unless a test gives its own). */
export const DESK_SIMULATOR_SEED = 7;

/** A whole desk for a test: its own database, simulator, task queue and worker on the shared Temporal server. */
export interface TestDesk {
  readonly db: TestDatabase;
  readonly sim: RunningDhanSimulator;
  readonly client: Client;
  readonly config: Config;
  readonly taskQueue: string;
  /** The Temporal namespace the desk's workflows run in. */
  readonly namespace: string;
  /** The in-process worker (absent when the test runs workers as processes). */
  worker?: TradingWorker;
  /** Environment that makes `workers/main.ts` join this desk as a separate process. */
  readonly workerEnv: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestDesk(
  options: {
    env?: Record<string, string>;
    simulator?: Partial<DhanSimulatorOptions>;
    /** Run a worker in this process (default true). */
    inProcessWorker?: boolean;
    /**
     * The Temporal namespace (registered here unless `default`). Default: a fresh one per desk, so
     * workflow ids such as `account-claude` or `cycle-claude-20260601-0920` never meet another test
     * file's on the shared server, even when jest runs the files side by side.
     */
    namespace?: string;
  } = {},
): Promise<TestDesk> {
  const db = await createTestDatabase();
  const taskQueue = `desk-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    TICK_SECONDS: '0.05',
    LOG_LEVEL: 'silent',
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...options.env,
  });
  await seed(db.models, {
    accounts: config.accounts.length ? config.accounts : DEFAULT_ACCOUNTS,
    totalCapital: config.trading.totalCapital,
    mode: 'paper',
  });
  const sim = await startDhanSimulator({
    accessToken: SIMULATOR_ACCESS_TOKEN,
    clientId: SIMULATOR_CLIENT_ID,
    market: { kind: 'synthetic', seed: DESK_SIMULATOR_SEED },
    clock: { mode: 'stepped', start: '2026-06-01' },
    rateLimits: false,
    // A stopped account stops holding the shared clock back after 5 s (tests stop accounts often).
    barrierStaleMs: 5_000,
    exchange: { startingBalance: config.trading.totalCapital },
    ...options.simulator,
  });
  const address = requiredTestEnv(TEST_ENV.temporalAddress);
  const connection = await Connection.connect({ address });
  const namespace = options.namespace ?? `desk-${randomBytes(4).toString('hex')}`;
  if (namespace !== 'default') await registerNamespace(connection, namespace);
  const client = new Client({ connection, namespace });
  const workflowBundleCode = await workflowBundle();
  const make = () =>
    createTradingWorker({
      config,
      databaseUrl: db.url,
      temporal: { address, namespace },
      simulatorUrl: sim.url.replace(/\/v2$/, ''),
      log: createLogger('silent'),
      workflowBundle: { code: workflowBundleCode.code },
      taskQueue,
    });
  const desk: TestDesk = {
    db,
    sim,
    client,
    config,
    taskQueue,
    namespace,
    worker: options.inProcessWorker === false ? undefined : await make(),
    workerEnv: {
      ...options.env,
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DHAN_SIMULATOR_PORT: String(sim.port),
      TICK_SECONDS: config.trading.simulatedTickMs / 1000 + '',
      LOG_LEVEL: 'info',
    },
    async close() {
      await desk.worker?.shutdown().catch(() => undefined);
      await connection.close();
      await sim.close();
      await db.drop();
    },
  };
  return desk;
}

/** Registers a namespace on the test server with the desk's search attributes (usable at once on the dev server). */
async function registerNamespace(connection: Connection, namespace: string): Promise<void> {
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  await ensureSearchAttributes(connection, namespace);
}
