import { type ErrorRequestHandler, type RequestHandler } from 'express';
import { type Logger } from '../platform/logger';

/**
 * Errors the application throws on purpose; the one error handler maps them to HTTP.
 * Anything else is a 500 whose details stay in the log, never in the response.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound: RequestHandler = (req, _res, next) =>
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const known = err instanceof HttpError ? err : undefined;
    const status = known?.status ?? 500;
    if (status >= 500) log.error({ err, method: req.method, path: req.path }, 'request failed');
    res.status(status).json({
      error: {
        code: known?.code ?? 'internal_error',
        message: known?.message ?? 'Internal error; see the server log.',
        ...(known?.fields ? { fields: known.fields } : {}),
      },
    });
  };
}
