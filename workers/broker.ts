import { type Sequelize } from 'sequelize';
import { type Broker } from '../broker/broker';
import { DhanClient } from '../broker/dhan/client';
import { DhanBroker } from '../broker/dhan/dhan-broker';
import { PaperBroker } from '../broker/paper';
import { type Config, Secret } from '../config';
import { SIMULATOR_ACCESS_TOKEN, SIMULATOR_CLIENT_ID, simulatorUrls } from './simulator';

/** What the paper broker needs beyond the configuration: the desk's database and the market's clock. */
export interface PaperWiring {
  readonly sequelize: Sequelize;
  /** The market clock the accounts tick on (the wall clock on Dhan's data). */
  readonly now: () => Promise<number>;
}

/**
 * Which broker the activities trade through:
 * - live: Dhan itself (real orders; the config only allows this with both live switches set);
 * - paper on simulator data: the Dhan simulator, which fills orders like Dhan would;
 * - paper on Dhan data: `PaperBroker`, which reads prices and bars from Dhan (DHAN_BASE_URL) and
 *   keeps its orders in Postgres; it never calls Dhan's order endpoints.
 */
export function createBroker(config: Config, simulatorRoot: string | undefined, paper?: PaperWiring): Broker {
  if (config.trading.mode === 'live') {
    const { clientId, accessToken, baseUrl } = config.dhan;
    if (!clientId || !accessToken) throw new Error('live trading needs DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN');
    return new DhanBroker(new DhanClient({ baseUrl, clientId, accessToken }));
  }
  if (config.trading.marketData === 'simulator') {
    if (!simulatorRoot) throw new Error('MARKET_DATA=simulator but no simulator is running');
    const client = new DhanClient({
      baseUrl: simulatorUrls(simulatorRoot).api,
      clientId: SIMULATOR_CLIENT_ID,
      accessToken: new Secret(SIMULATOR_ACCESS_TOKEN),
      // The built-in simulator does not enforce Dhan's rate limits (a simulated day runs in minutes);
      // the client's limiter and the simulator's 429s are covered by the contract tests.
      rateLimiter: null,
    });
    return new DhanBroker(client);
  }
  const { clientId, accessToken, baseUrl } = config.dhan;
  if (!clientId || !accessToken) throw new Error('MARKET_DATA=dhan needs DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN');
  if (!paper) throw new Error('paper trading on Dhan market data needs the database (PaperWiring)');
  // Dhan's intraday answer includes the bar still forming: the wall clock drops it.
  const data = new DhanBroker(new DhanClient({ baseUrl, clientId, accessToken }), { now: Date.now });
  return new PaperBroker({
    sequelize: paper.sequelize,
    data,
    capital: config.trading.totalCapital,
    now: paper.now,
    slippageBps: config.trading.paperSlippageBps,
  });
}
