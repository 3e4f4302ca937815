import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { type Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../api/app';
import { AccountControl } from '../../../api/control/account-control';
import { type BacktestControl } from '../../../api/control/backtest-control';
import { EventHub } from '../../../api/events/hub';
import { postgresListen } from '../../../api/events/pg-listener';
import { marketDataFromConfig } from '../../../api/market-data/from-config';
import { brokerMarketData, type MarketDataSource } from '../../../api/market-data/source';
import { listen, type RunningServer } from '../../../api/server';
import { DhanBroker } from '../../../broker/dhan/dhan-broker';
import { DhanClient } from '../../../broker/dhan/client';
import { startDhanSimulator, type RunningDhanSimulator } from '../../../broker/simulator';
import { Secret } from '../../../config/secret';
import { seed } from '../../../db';
import { createLogger } from '../../../platform/logger';
import { requiredTestEnv, TEST_ENV } from '../../setup/test-env';
import { createDoubleActivities } from '../../support/account-workflow-double/activities';
import { prebuiltBundle } from '../../support/bundles';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { type TestDesk } from '../../support/desk';
import { OpenApiCheck } from './openapi-check';

export const API_KEY = 'test-api-key-0123456789abcdef';
export const SIM_TOKEN = 'simulator-token-for-tests';
/** The simulated market's start: a Friday, mid-session (IST). */
export const SIM_START = '2026-06-19 11:00';

export interface HarnessOptions {
  readonly readsPublic?: boolean;
  readonly writesPerMinute?: number;
  readonly corsOrigins?: readonly string[];
  /** Run a worker for the account workflows (default true). */
  readonly worker?: boolean;
  /** Replace the in-process Dhan simulator. */
  readonly marketData?: MarketDataSource;
  readonly bodyLimit?: string;
  /** The API's wall clock. */
  readonly clock?: () => number;
}

export interface ApiHarness {
  readonly app: Express;
  readonly server: RunningServer;
  readonly db: TestDatabase;
  readonly client: Client;
  readonly taskQueue: string;
  readonly simulator: RunningDhanSimulator;
  readonly events: EventHub;
  readonly openapi: OpenApiCheck;
  /** A request with the API key; every answer is checked against the OpenAPI document. */
  call(method: 'get' | 'post' | 'patch', path: string, options?: CallOptions): Promise<request.Response>;
  close(): Promise<void>;
}

export interface CallOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Send the API key (default true). */
  readonly auth?: boolean;
}

/**
 * The real app over a fresh database (stocks seeded, no accounts), the shared Temporal dev server
 * with a worker for the account workflows on a queue of its own, and a Dhan simulator in-process.
 */
export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  // DESK_TEST_LOG=error (or warn, info) shows the app's log while debugging a test.
  const log = createLogger(process.env.DESK_TEST_LOG ?? 'silent');
  const db = await createTestDatabase();
  await seed(db.models, { accounts: [], totalCapital: 1_000_000, mode: 'paper' });
  const address = requiredTestEnv(TEST_ENV.temporalAddress);
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const taskQueue = `api-test-${randomBytes(4).toString('hex')}`;

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let nativeConnection: NativeConnection | undefined;
  if (options.worker !== false) {
    nativeConnection = await NativeConnection.connect({ address });
    worker = await Worker.create({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      // The contract double of the account workflow (bundled once per run by global setup).
      workflowBundle: prebuiltBundle('double'),
      activities: createDoubleActivities(db.sequelize),
    });
    running = worker.run();
  }

  const simulator = await startDhanSimulator({
    accessToken: SIM_TOKEN,
    clientId: '1000000001',
    clock: { mode: 'stepped', start: SIM_START },
    rateLimits: false,
  });
  const dhan = new DhanClient({
    baseUrl: simulator.url,
    clientId: '1000000001',
    accessToken: new Secret(SIM_TOKEN),
    rateLimiter: null,
  });
  const marketData =
    options.marketData ??
    brokerMarketData('simulator', new DhanBroker(dhan), async () => simulator.control.clock().now);

  const events = new EventHub({ db: db.sequelize, listen: postgresListen(new Secret(db.url), log), log, pollMs: 500 });
  const readsPublic = options.readsPublic ?? false;
  const app = createApp({
    log,
    db: db.sequelize,
    control: new AccountControl({ client, taskQueue, uiUrl: 'http://ui.test', queryTimeoutMs: 5_000 }),
    marketData,
    events,
    probes: [],
    ...(options.clock ? { clock: options.clock } : {}),
    settings: {
      mode: 'paper',
      totalCapital: 1_000_000,
      readsPublic,
      temporal: { namespace: 'default', uiUrl: 'http://ui.test' },
    },
    security: {
      apiKey: new Secret(API_KEY),
      corsOrigins: options.corsOrigins ?? [],
      writesPerMinute: options.writesPerMinute ?? 10_000,
      ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    },
  });
  const server = await listen(app, '127.0.0.1', 0);
  const openapi = new OpenApiCheck((await request(app).get('/api/openapi.json')).body);

  return {
    app,
    server,
    db,
    client,
    taskQueue,
    simulator,
    events,
    openapi,
    call: documentedCaller(app, openapi),
    async close() {
      await server.close();
      await events.close();
      worker?.shutdown();
      await running;
      await nativeConnection?.close();
      await simulator.close();
      await connection.close();
      await db.drop();
    },
  };
}

/** The real app over a test desk (its database, Temporal namespace and task queue, simulator). */
export interface DeskApi {
  readonly events: EventHub;
  readonly call: ApiHarness['call'];
}

/**
 * The app wired to a running `startTestDesk()` desk, as `api/main.ts` wires it to the desk's services;
 * `backtests` adds the backtest workflow control. Close `events` when done.
 */
export async function deskApi(desk: TestDesk, backtests?: BacktestControl): Promise<DeskApi> {
  const log = createLogger(process.env.DESK_TEST_LOG ?? 'silent');
  const events = new EventHub({ db: desk.db.sequelize, listen: postgresListen(new Secret(desk.db.url), log), log });
  const app = createApp({
    log,
    db: desk.db.sequelize,
    control: new AccountControl({ client: desk.client, taskQueue: desk.taskQueue, uiUrl: 'http://ui.test' }),
    backtests,
    marketData: marketDataFromConfig(desk.config, desk.sim.url.replace(/\/v2$/, '')),
    events,
    probes: [],
    settings: {
      mode: 'paper',
      totalCapital: desk.config.trading.totalCapital,
      readsPublic: false,
      temporal: { namespace: desk.namespace },
    },
    security: { apiKey: new Secret(API_KEY), corsOrigins: [], writesPerMinute: 1_000 },
  });
  return { events, call: documentedCaller(app, new OpenApiCheck((await request(app).get('/api/openapi.json')).body)) };
}

/** Requests with the API key whose answers are checked against the app's OpenAPI document. */
export function documentedCaller(app: Express, openapi: OpenApiCheck): ApiHarness['call'] {
  return async (method, path, callOptions = {}) => {
    let req = request(app)[method](path);
    if (callOptions.auth !== false) req = req.set('Authorization', `Bearer ${API_KEY}`);
    for (const [name, value] of Object.entries(callOptions.headers ?? {})) req = req.set(name, value);
    const res = callOptions.body === undefined ? await req : await req.send(callOptions.body as object);
    const problems = openapi.problems(method, path, res.status, res.headers['content-type'], res.body);
    if (problems.length > 0) throw new Error(`answer does not match the OpenAPI document:\n${problems.join('\n')}`);
    return res;
  };
}

/** Inserts an account row as the seed would (status `created` unless given). */
export async function insertAccountRow(
  db: TestDatabase,
  account: { id: string; stocks?: string[]; capitalSharePct?: number; status?: string; model?: string },
): Promise<void> {
  const share = account.capitalSharePct ?? 10;
  await db.sequelize.query(
    `INSERT INTO accounts (id, name, model, capital_share_pct, allocated_capital, stocks, strategies, mode, status,
                           risk_state, risk_limits, created_at, updated_at)
     VALUES (:id, :name, :model, :share, :capital, ARRAY[:stocks]::varchar[], ARRAY['vwap']::varchar[], 'paper',
             :status, 'ACTIVE', CAST(:risk AS jsonb), now(), now())`,
    {
      replacements: {
        id: account.id,
        name: `Account ${account.id}`,
        model: account.model ?? 'test/model',
        share,
        capital: (1_000_000 * share) / 100,
        stocks: account.stocks ?? ['RELIANCE', 'TCS'],
        status: account.status ?? 'created',
        risk: JSON.stringify({
          riskPerTradePct: 2,
          maxOpenPositions: 3,
          maxPositionsPerSymbol: 1,
          dailyLossLimitPct: 10,
          intradayLeverage: 1,
        }),
      },
    },
  );
}

/** Polls `probe` until it returns a value other than undefined (or fails after `ms`). */
export async function eventually<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * An account id no other test file uses: workflow ids (`account-<id>`) are shared by every test on
 * the one Temporal server, so each file names its accounts with a random suffix.
 */
export function uniqueAccountId(prefix: string): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const suffix = Array.from(randomBytes(6), (b) => letters[b % 26]).join('');
  return `${prefix.slice(0, 6)}${suffix}`;
}
