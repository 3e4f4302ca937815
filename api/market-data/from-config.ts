import { DhanBroker } from '../../broker/dhan/dhan-broker';
import { DhanClient } from '../../broker/dhan/client';
import { type Config } from '../../config';
import { Secret } from '../../config/secret';
import { createBroker } from '../../workers/broker';
import { simulatorClock } from '../../workers/market-clock';
import { simulatorUrls } from '../../workers/simulator';
import { brokerMarketData, MarketDataUnavailable, type MarketDataSource } from './source';

/**
 * The market data the configuration names, read-only:
 * - MARKET_DATA=simulator: the Dhan simulator the workers trade on (same broker wiring as the workers),
 *   whose market time is its own clock;
 * - MARKET_DATA=dhan: Dhan itself, on the wall clock (bars still forming are left out).
 */
export function marketDataFromConfig(config: Config, simulatorRoot: string | undefined): MarketDataSource {
  if (config.trading.marketData === 'dhan') {
    const client = new DhanClient({
      baseUrl: config.dhan.baseUrl,
      clientId: config.dhan.clientId ?? '',
      accessToken: config.dhan.accessToken ?? new Secret(''),
    });
    return brokerMarketData('dhan', new DhanBroker(client, { now: Date.now }), async () => Date.now());
  }
  if (!simulatorRoot) return unavailableSource('simulator', 'no Dhan simulator is running (start it with npm start)');
  const clock = simulatorClock(simulatorUrls(simulatorRoot).control, 5_000);
  const now = () =>
    clock.now().catch(() => {
      throw new MarketDataUnavailable('simulator_unreachable', `no Dhan simulator answers at ${simulatorRoot}`);
    });
  return brokerMarketData('simulator', createBroker(config, simulatorRoot), now);
}

/** A source that explains, on every call, why there is no market data. */
function unavailableSource(name: string, why: string): MarketDataSource {
  const fail = () => Promise.reject(new MarketDataUnavailable(`${name}_unavailable`, why));
  return { name, now: fail, candles: fail, quote: fail };
}
