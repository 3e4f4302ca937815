/**
 * A desk run as production runs it, without Docker: a real Postgres and a Temporal dev server
 * (history in a SQLite file, so both survive a restart), the Dhan simulator in this process, and
 * any number of `npm run worker` processes on one task queue. Used by `scripts/scale-out.ts` and the
 * fault suite (test/faults).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDhanSimulator, type RunningDhanSimulator } from '../../broker/simulator';
import { type AccountSpec } from '../../contracts/account';
import { ACCOUNT_WORKFLOW_TYPE, accountWorkflowId } from '../../contracts/workflows';
import { type Database, migrate, openDatabase, seed } from '../../db';
import { connectClient } from '../../platform/temporal';
import { spawnWorker, type WorkerProcess } from '../../test/support/worker-process';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../devstack/postgres';
import { freePort } from '../devstack/ports';
import { findTemporalCli, TemporalCliMissing } from '../devstack/temporal-cli';
import { startTemporalDevServer, type TemporalDevServerHandle } from '../devstack/temporal-server';
import { SIMULATOR_ACCESS_TOKEN, SIMULATOR_CLIENT_ID } from '../../workers/simulator';

const TASK_QUEUE = 'trading';
const TOTAL_CAPITAL = 10_000_000;

export interface FleetOptions {
  readonly accounts: readonly AccountSpec[];
  /** Wall seconds per simulated 5-minute bar. */
  readonly tickSeconds: number;
  /** IST date the simulated market starts on. */
  readonly start?: string;
  /** How long an account silent at the simulator's clock barrier holds the others back. */
  readonly barrierStaleMs?: number;
  /** Extra environment for the worker processes. */
  readonly workerEnv?: Record<string, string>;
}

export interface Fleet {
  readonly dir: string;
  readonly sim: RunningDhanSimulator;
  /** The desk's database, for checks (reconnects by itself after a Postgres restart). */
  readonly db: Database;
  readonly client: Client;
  readonly taskQueue: string;
  /** Starts one more `npm run worker` process; resolves once it polls. */
  spawnWorker(extraEnv?: Record<string, string>): Promise<WorkerProcess>;
  /** Starts every account's workflow. */
  startAccounts(): Promise<void>;
  /** Stops and starts the Temporal dev server on the same port and history file; returns the downtime in ms. */
  restartTemporal(): Promise<number>;
  /** Stops and starts Postgres on the same port and data folder; returns the downtime in ms. */
  restartPostgres(): Promise<number>;
  /** Ends the account workflows, the workers, the services, and deletes the folder. */
  close(): Promise<void>;
}

/** `n` small accounts on the rules decider's strategies, sharing the capital equally. */
export function syntheticAccounts(n: number): AccountSpec[] {
  const stocks = [
    ['RELIANCE', 'TCS'],
    ['INFY', 'HDFCBANK'],
    ['ICICIBANK', 'RELIANCE'],
  ] as const;
  // Several strategies each, so the rules decider trades often enough to put exactly-once to work.
  const strategies = [
    ['vwap', 'ema', 'rsi'],
    ['rsi', 'smc', 'ema'],
    ['vwap', 'smc', 'ema'],
  ] as const;
  return Array.from({ length: n }, (_, i) => ({
    id: `a${String(i + 1).padStart(4, '0')}`,
    model: 'rules',
    capitalSharePct: Math.floor((100 / n) * 1000) / 1000,
    stocks: [...stocks[i % stocks.length]!],
    strategies: [...strategies[i % strategies.length]!],
    risk: {
      riskPerTradePct: 2,
      maxOpenPositions: 3,
      maxPositionsPerSymbol: 1,
      dailyLossLimitPct: 10,
      intradayLeverage: 1,
    },
  }));
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const cliPath = findTemporalCli();
  if (!cliPath) throw new TemporalCliMissing('The fleet needs the Temporal CLI (run `npm run provision`).');
  const dir = mkdtempSync(join(tmpdir(), 'desk-fleet-'));
  chmodSync(dir, 0o755); // embedded Postgres runs as the `postgres` user when we are root
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);

  const startPostgres = () => startEmbeddedPostgres({ dir: join(dir, 'postgres'), port: pgPort, database: 'desk' });
  const startTemporal = () =>
    startTemporalDevServer({
      cliPath,
      dbFile: join(dir, 'temporal.db'),
      stateDir: dir,
      port: temporalPort,
      namespace: 'default',
    });
  let postgres: EmbeddedPostgresHandle = await startPostgres();
  let temporal: TemporalDevServerHandle = await startTemporal();

  const db = openDatabase(postgres.url, { poolMax: 4 });
  await migrate(db.sequelize);
  await seed(db.models, { accounts: options.accounts, totalCapital: TOTAL_CAPITAL, mode: 'paper' });

  const sim = await startDhanSimulator({
    accessToken: SIMULATOR_ACCESS_TOKEN,
    clientId: SIMULATOR_CLIENT_ID,
    market: { kind: 'synthetic', seed: 7 },
    clock: { mode: 'stepped', start: options.start ?? '2026-06-01' },
    rateLimits: false,
    barrierStaleMs: options.barrierStaleMs ?? 30_000,
    exchange: { startingBalance: TOTAL_CAPITAL },
  });
  const client = await connectClient({ address: temporal.address, namespace: 'default' });

  // Bundle once: every worker process loads the same file instead of running webpack at start.
  const bundlePath = join(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../../workflows'), logger: quiet });
  writeFileSync(bundlePath, code);

  const env: Record<string, string> = {
    DATA_DIR: join(dir, 'data'),
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    DHAN_SIMULATOR_URL: sim.url.replace(/\/v2$/, ''),
    TICK_SECONDS: String(options.tickSeconds),
    TOTAL_CAPITAL: String(TOTAL_CAPITAL),
    WORKFLOW_BUNDLE_PATH: bundlePath,
    LOG_LEVEL: 'info', // the worker says "worker running" at info: that is how a spawn knows it polls
    OPENROUTER_API_KEY: '',
    ...options.workerEnv,
  };
  const workers: WorkerProcess[] = [];

  return {
    dir,
    sim,
    db,
    client,
    taskQueue: TASK_QUEUE,
    async spawnWorker(extraEnv = {}) {
      const worker = spawnWorker({ ...env, ...extraEnv });
      workers.push(worker);
      await worker.ready;
      return worker;
    },
    async startAccounts() {
      for (const { id } of options.accounts)
        await client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
          workflowId: accountWorkflowId(id),
          taskQueue: TASK_QUEUE,
          args: [{ accountId: id }],
        });
    },
    async restartTemporal() {
      const stoppedAt = Date.now();
      await temporal.stop();
      temporal = await startTemporal();
      return Date.now() - stoppedAt;
    },
    async restartPostgres() {
      const stoppedAt = Date.now();
      await postgres.stop();
      postgres = await startPostgres();
      return Date.now() - stoppedAt;
    },
    async close() {
      for (const { id } of options.accounts)
        await client.workflow
          .getHandle(accountWorkflowId(id))
          .terminate('fleet closed')
          .catch(() => undefined);
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited));
      await client.connection.close();
      await sim.close();
      await db.close();
      await temporal.stop();
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const quiet = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: console.warn,
  error: console.error,
  log: () => undefined,
};
