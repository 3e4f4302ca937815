import express, { type Express } from 'express';
import { type Sequelize } from 'sequelize';
import { type Secret } from '../config/secret';
import { type Logger } from '../platform/logger';
import { type ApiContext, type ApiSettings } from './context';
import { type AccountControl } from './control/account-control';
import { type BacktestControl } from './control/backtest-control';
import { errorHandler, notFound } from './errors';
import { type EventHub } from './events/hub';
import { requireApiKey } from './http/auth';
import { mountDashboard } from './http/dashboard';
import { requestLogging } from './http/logging';
import { mountRoutes, type Route } from './http/route';
import { securityHeaders, writeRateLimit } from './http/security';
import { MarketDataReader } from './market-data/reader';
import { type MarketDataSource } from './market-data/source';
import { ApiMetrics } from './metrics/api-metrics';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi';
import { accountRoutes } from './routes/accounts';
import { backtestRoutes } from './routes/backtests';
import { decisionRoutes } from './routes/decisions';
import { eventRoutes } from './routes/events';
import { type HealthProbe, healthRoutes } from './routes/health';
import { marketDataRoutes } from './routes/market-data';
import { metaRoutes, mountDocsAssets } from './routes/meta';
import { portfolioRoutes } from './routes/portfolio';
import { resultRoutes } from './routes/results';
import { systemRoutes } from './routes/system';
import { tradeRoutes } from './routes/trades';

export const API_VERSION = '1.0.0';

export interface ApiSecurity {
  /** The bearer key of mutating routes (and of read routes unless `settings.readsPublic`). */
  readonly apiKey: Secret;
  /** Browser origins allowed by CORS. */
  readonly corsOrigins: readonly string[];
  /** Mutating requests per client per minute (default 60). */
  readonly writesPerMinute?: number;
  /** Largest JSON body accepted (default 64 kB). */
  readonly bodyLimit?: string;
}

export interface ApiDependencies {
  readonly log: Logger;
  readonly db: Sequelize;
  /** The account workflows (Temporal). */
  readonly control: AccountControl;
  /** The backtest workflows (absent: POST /api/backtests answers 503). */
  readonly backtests?: BacktestControl;
  readonly marketData: MarketDataSource;
  readonly events: EventHub;
  readonly probes: readonly HealthProbe[];
  readonly settings: ApiSettings;
  readonly security: ApiSecurity;
  /** Wall clock; default `Date.now`. */
  readonly clock?: () => number;
  /** The built dashboard (`dashboard/dist`) to serve at `/`; absent = API only. */
  readonly dashboardDir?: string;
}

/** Every route of the API, in matching order. */
export function apiRoutes(ctx: ApiContext, document: () => OpenApiDocument): Route[] {
  return [
    ...healthRoutes(ctx.probes, { mode: ctx.settings.mode, marketData: ctx.marketData.sourceName }),
    ...systemRoutes(ctx),
    ...accountRoutes(ctx),
    ...portfolioRoutes(ctx),
    ...resultRoutes(ctx),
    ...tradeRoutes(ctx),
    ...decisionRoutes(ctx),
    ...backtestRoutes(ctx),
    ...marketDataRoutes(ctx),
    ...eventRoutes(ctx),
    ...metaRoutes(ctx, document),
  ];
}

/** The Express application, built from its dependencies so tests can run it in-process. */
export function createApp(deps: ApiDependencies): Express {
  const metrics = new ApiMetrics(deps.db);
  const ctx: ApiContext = {
    db: deps.db,
    control: deps.control,
    backtests: deps.backtests,
    marketData: new MarketDataReader(deps.marketData, (code) => metrics.recordBrokerError(code)),
    events: deps.events,
    metrics,
    probes: deps.probes,
    settings: deps.settings,
    clock: deps.clock ?? Date.now,
  };
  // The document describes the routes, and one route serves the document: it is read once built.
  const routes = apiRoutes(ctx, () => document);
  const document = buildOpenApiDocument(routes, { readsPublic: deps.settings.readsPublic, version: API_VERSION });

  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogging(deps.log));
  app.use(metrics.httpMiddleware());
  app.use(...securityHeaders(deps.security.corsOrigins));
  mountDocsAssets(app);
  mountRoutes(app, routes, {
    requireKey: requireApiKey(deps.security.apiKey),
    writeLimit: writeRateLimit(deps.security.writesPerMinute ?? 60),
    readsPublic: deps.settings.readsPublic,
    bodyLimit: deps.security.bodyLimit ?? '64kb',
  });
  if (deps.dashboardDir) mountDashboard(app, deps.dashboardDir);
  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
