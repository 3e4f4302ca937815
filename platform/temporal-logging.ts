import { type LogLevel, type LogMetadata, Runtime } from '@temporalio/worker';
import { type Logger } from './logger';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Sends the Temporal SDK's own logs (worker state, bundling, workflow and activity logs) through the
 * process's pino logger, so they share its level, JSON format and redaction. Call once, before the
 * first worker is created. Worker lifecycle chatter is logged at debug.
 */
export function routeTemporalLogs(log: Logger): void {
  const temporal = log.child({ component: 'temporal' });
  Runtime.install({
    logger: {
      log: (level: LogLevel, message: string, meta?: LogMetadata) =>
        temporal[level === 'INFO' ? 'debug' : LEVELS[level]](meta ?? {}, message),
      trace: (message: string, meta?: LogMetadata) => temporal.trace(meta ?? {}, message),
      debug: (message: string, meta?: LogMetadata) => temporal.debug(meta ?? {}, message),
      info: (message: string, meta?: LogMetadata) => temporal.debug(meta ?? {}, message),
      warn: (message: string, meta?: LogMetadata) => temporal.warn(meta ?? {}, message),
      error: (message: string, meta?: LogMetadata) => temporal.error(meta ?? {}, message),
    },
  });
}
