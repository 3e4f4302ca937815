import { type Broker } from '../broker/broker';
import { DhanClient } from '../broker/dhan/client';
import { DhanBroker } from '../broker/dhan/dhan-broker';
import { type Config, Secret } from '../config';
import { SIMULATOR_ACCESS_TOKEN, SIMULATOR_CLIENT_ID, simulatorUrls } from './simulator';

/**
 * Which broker the activities trade through:
 * - live: Dhan itself (real orders; the config only allows this with both live switches set);
 * - paper on simulator data: the Dhan simulator, which fills orders like Dhan would;
 * - paper on Dhan data: not available yet (needs the paper broker) — refused with a clear message.
 */
export function createBroker(config: Config, simulatorRoot: string | undefined): Broker {
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
  throw new Error(
    'Paper trading on real Dhan market data (MARKET_DATA=dhan, TRADING_MODE=paper) needs the paper broker, ' +
      'which is not built yet. Use MARKET_DATA=simulator for paper trading.',
  );
}
