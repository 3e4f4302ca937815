import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field paths that may hold credentials. `Secret` values already print as `[redacted]`; this is the
 * second fence for raw strings (headers, URLs) that reach a log by accident.
 */
const REDACT = [
  'password',
  'token',
  'accessToken',
  'apiKey',
  'authorization',
  'databaseUrl',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.apiKey',
  '*.authorization',
  '*.databaseUrl',
  'req.headers.authorization',
  'req.headers["access-token"]',
  'headers.authorization',
  'headers["access-token"]',
];

/** The process logger: JSON lines (pino), one per event, secrets censored. */
export function createLogger(level = 'info', name = 'desk'): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' } });
}
