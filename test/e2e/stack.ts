import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { createApp } from '../../api/app';
import { AccountControl } from '../../api/control/account-control';
import { BacktestControl } from '../../api/control/backtest-control';
import { EventHub } from '../../api/events/hub';
import { postgresListen } from '../../api/events/pg-listener';
import { marketDataFromConfig } from '../../api/market-data/from-config';
import { listen, type RunningServer } from '../../api/server';
import { Secret } from '../../config/secret';
import { databaseReachable } from '../../db';
import { createLogger } from '../../platform/logger';
import { DASHBOARD_ROOT, ensureDashboardBuilt } from '../../scripts/build-dashboard';
import { startTestDesk, type TestDesk } from '../support/desk';

export const API_KEY = 'e2e-dashboard-key-0123456789abcdef';
/** Links only: the test's Temporal server runs headless, so nothing answers at this address. */
export const TEMPORAL_UI = 'http://temporal-ui.test:8233';

/** Debian's Chromium (apt-get install chromium): the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The whole desk as `npm start` runs it, in-process, with the dashboard in a browser. */
export interface DashboardStack {
  readonly desk: TestDesk;
  readonly control: AccountControl;
  /** Where the API serves the dashboard, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Builds the dashboard if it is stale, then starts a desk (its own database, the Dhan simulator with a
 * stepped clock, a worker on the shared Temporal server in a namespace of its own), starts the given
 * accounts' workflows as `npm start` does, serves the real API with the built dashboard on a free
 * port, and launches headless Chromium.
 */
export async function startDashboardStack(options: { accounts: readonly string[]; tickSeconds: number }) {
  ensureDashboardBuilt({ quiet: true });
  const desk = await startTestDesk({
    env: { TICK_SECONDS: String(options.tickSeconds) },
    namespace: `e2e-${randomBytes(4).toString('hex')}`,
  });
  const log = createLogger(process.env.DESK_TEST_LOG ?? 'silent');
  const control = new AccountControl({ client: desk.client, taskQueue: desk.taskQueue, uiUrl: TEMPORAL_UI });
  for (const id of options.accounts) {
    const spec = desk.config.accounts.find((a) => a.id === id);
    if (!spec) throw new Error(`no account ${id} in the desk's configuration`);
    await control.start(id, { model: spec.model, mode: 'paper' });
  }
  const events = new EventHub({ db: desk.db.sequelize, listen: postgresListen(new Secret(desk.db.url), log), log });
  const app = createApp({
    log,
    db: desk.db.sequelize,
    control,
    backtests: new BacktestControl({
      client: desk.client,
      taskQueue: desk.taskQueue,
      uiUrl: TEMPORAL_UI,
      simulatorSeed: desk.config.simulator.seed,
    }),
    marketData: marketDataFromConfig(desk.config, desk.sim.url.replace(/\/v2$/, '')),
    events,
    probes: [
      { name: 'postgres', check: () => databaseReachable(desk.db.sequelize) },
      { name: 'temporal', check: async () => Boolean(await desk.client.workflowService.getSystemInfo({})) },
    ],
    settings: {
      mode: 'paper',
      totalCapital: desk.config.trading.totalCapital,
      readsPublic: false,
      temporal: { namespace: desk.namespace, uiUrl: TEMPORAL_UI },
    },
    security: { apiKey: new Secret(API_KEY), corsOrigins: [], writesPerMinute: 1_000 },
    dashboardDir: join(DASHBOARD_ROOT, 'dist'),
  });
  const server: RunningServer = await listen(app, '127.0.0.1', 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

  const stack: DashboardStack = {
    desk,
    control,
    url: server.url,
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      await events.close();
      for (const id of options.accounts)
        await control
          .describe(id)
          .then((w) => w?.running && desk.client.workflow.getHandle(w.workflowId).terminate('test over'))
          .catch(() => undefined);
      await desk.close();
    },
  };
  return stack;
}
