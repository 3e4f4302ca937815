import express, { type Express } from 'express';
import { type Logger } from '../platform/logger';
import { errorHandler, notFound } from './errors';
import { type HealthProbe, healthRouter } from './routes/health';

export interface ApiDependencies {
  readonly log: Logger;
  readonly probes: readonly HealthProbe[];
  readonly info: { readonly mode: string; readonly marketData: string };
}

/** The Express application, built from its dependencies so tests can run it in-process. */
export function createApp(deps: ApiDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));
  app.use('/api', healthRouter(deps.probes, { ...deps.info }));
  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
