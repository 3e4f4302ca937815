import cors from 'cors';
import { type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { HttpError } from '../errors';

/** Headers a browser client may send and read across origins. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID', 'X-Request-Id'];
const EXPOSED_HEADERS = ['X-Request-Id', 'Idempotent-Replayed', 'RateLimit', 'RateLimit-Policy', 'Retry-After'];

/**
 * helmet's secure headers and a CORS allow-list: only the configured origins may call from a browser
 * (an empty list allows none); requests without an Origin header (curl, scripts) are unaffected.
 */
export function securityHeaders(corsOrigins: readonly string[]): RequestHandler[] {
  const allowed = new Set(corsOrigins);
  return [
    helmet(),
    cors({
      origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      methods: ['GET', 'POST', 'PATCH'],
      maxAge: 600,
    }),
  ];
}

/** At most `perMinute` mutating requests per client address per minute; more get 429 in the error shape. */
export function writeRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(
        new HttpError(
          429,
          'rate_limited',
          `At most ${perMinute} changes per minute; retry after the Retry-After delay.`,
        ),
      ),
  });
}
