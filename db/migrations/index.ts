import { initialSchema } from './0001-initial-schema';
import { apiEventsAndIdempotency } from './0002-api-events-and-idempotency';
import { marketDataAndLedgers } from './0003-market-data-and-ledgers';
import { paperBroker } from './0004-paper-broker';
import { backtests } from './0005-backtests';
import { type Migration } from './types';

/** Every migration, in order. A new one is a new file plus one line here; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  apiEventsAndIdempotency,
  marketDataAndLedgers,
  paperBroker,
  backtests,
];
