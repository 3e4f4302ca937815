import { randomUUID } from 'node:crypto';
import { type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { type Logger } from '../../platform/logger';

/** A request id from the client is kept only if it is short and plain; otherwise we make one. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One JSON log line per request (pino-http) with a request id, echoed as `X-Request-Id`. Only method,
 * path and status are logged: never headers (the API key) or bodies.
 */
export function requestLogging(log: Logger): RequestHandler {
  return pinoHttp({
    logger: log,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
