import { type RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { type Sequelize } from 'sequelize';
import { DbMetrics } from './db-metrics';

/**
 * The API process's Prometheus registry: its own HTTP traffic and broker errors, Node's process
 * metrics, and the trading metrics read from Postgres at scrape time. One registry per app (never
 * prom-client's global one), so several apps can live in one test process.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly db: DbMetrics;
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;
  private readonly brokerErrors: Counter<'code' | 'source'>;

  constructor(sequelize: Sequelize) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'desk_api_' });
    this.requests = new Counter({
      name: 'desk_api_http_requests_total',
      help: 'HTTP requests by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'desk_api_http_request_duration_seconds',
      help: 'HTTP request duration by method and route.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    // Fed by the API's own market-data calls. The workers' broker errors are not in Postgres yet:
    // a `broker_errors` table (or the workers' own /metrics) must feed them; see the README.
    this.brokerErrors = new Counter({
      name: 'desk_broker_errors_total',
      help: 'Broker (Dhan) errors by code, as seen by this process.',
      labelNames: ['code', 'source'],
      registers,
    });
    this.db = new DbMetrics(sequelize);
    for (const metric of this.db.metrics()) this.registry.registerMetric(metric);
  }

  /** Counts and times every request, labelled by its route template (not its raw path). */
  httpMiddleware(): RequestHandler {
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const route = typeof res.locals.route === 'string' ? res.locals.route : 'unmatched';
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
        this.duration.observe({ method: req.method, route }, seconds);
      });
      next();
    };
  }

  recordBrokerError(code: string): void {
    this.brokerErrors.inc({ code, source: 'api' });
  }

  /** The exposition text, after reading the trading metrics from Postgres. */
  async render(): Promise<{ contentType: string; body: string }> {
    await this.db.refresh();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
