import { Client } from 'pg';
import { type Secret } from '../../config/secret';
import { type Logger } from '../../platform/logger';

/** A live LISTEN on one channel; `close` ends it. */
export interface Listening {
  close(): Promise<void>;
}

/** Subscribes `onNotify` to a Postgres NOTIFY channel. */
export type Listen = (channel: string, onNotify: () => void) => Promise<Listening>;

/**
 * LISTEN over a dedicated connection (a pooled one would be handed to other queries). When the
 * connection drops it reconnects after `retryMs`, calling `onNotify` once connected again so the
 * caller catches up on what it missed meanwhile.
 */
export function postgresListen(url: Secret, log: Logger, retryMs = 2_000): Listen {
  return async (channel, onNotify) => {
    let closed = false;
    let client: Client | undefined;
    let retry: NodeJS.Timeout | undefined;

    const connect = async (): Promise<void> => {
      const c = new Client({ connectionString: url.reveal(), application_name: 'ai-trading-desk-api-events' });
      c.on('notification', (n) => n.channel === channel && onNotify());
      c.on('error', (err) => {
        log.warn({ err: err.message }, 'event listener connection lost; reconnecting');
        void c.end().catch(() => undefined);
        if (!closed) retry = setTimeout(() => void reconnect(), retryMs);
      });
      await c.connect();
      await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
      client = c;
      onNotify();
    };
    const reconnect = async (): Promise<void> => {
      try {
        await connect();
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'event listener could not reconnect; retrying');
        if (!closed) retry = setTimeout(() => void reconnect(), retryMs);
      }
    };

    await connect();
    return {
      close: async () => {
        closed = true;
        clearTimeout(retry);
        await client?.end().catch(() => undefined);
      },
    };
  };
}
