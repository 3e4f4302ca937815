/** The simulator's Express app: `/v2` speaks Dhan, `/sim` is the control API, the rest is Spring's 404. */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { type DhanSimulator } from '../simulator';
import { controlRouter } from './control-routes';
import { MESSAGES, sendDhanError } from './dhan-errors';
import { dhanRouter } from './dhan-routes';

export function createSimulatorApp(sim: DhanSimulator, onError: (error: unknown) => void = () => {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use('/sim', controlRouter(sim));
  app.use('/v2', dhanRouter(sim));
  // Unknown routes answer like Dhan's Spring back end (seen on the sandbox).
  app.use((req: Request, res: Response) => {
    res.status(404).json({ timestamp: new Date().toISOString(), status: 404, error: 'Not Found', path: req.path });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const parseFailed = (error as { type?: string })?.type === 'entity.parse.failed';
    if (parseFailed) return sendDhanError(res, 400, 'DH-905', 'Invalid request: the body is not valid JSON');
    onError(error);
    sendDhanError(res, 500, 'DH-908', MESSAGES.internal);
  });
  return app;
}
