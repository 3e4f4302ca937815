import { DhanBroker } from '../../broker/dhan/dhan-broker';
import { DhanClient } from '../../broker/dhan/client';
import { type Config } from '../../config';
import { Secret } from '../../config/secret';
import { brokerMarketData, MarketDataUnavailable, type MarketDataSource } from './source';

/** The Dhan simulator's own placeholder credentials (broker/simulator/main.ts), used when none are configured. */
const SIMULATOR_CLIENT_ID = '1000000001';
const SIMULATOR_TOKEN = 'simulator-access-token';

/**
 * The market data the configuration names: real Dhan (MARKET_DATA=dhan, on the wall clock), or the
 * Dhan simulator on DHAN_SIMULATOR_PORT, whose market time is its own clock (`/sim/clock`).
 */
export function marketDataFromConfig(config: Config): MarketDataSource {
  if (config.trading.marketData === 'dhan') {
    const client = new DhanClient({
      baseUrl: config.dhan.baseUrl,
      clientId: config.dhan.clientId ?? '',
      accessToken: config.dhan.accessToken ?? new Secret(''),
    });
    return brokerMarketData('dhan', new DhanBroker(client, { now: Date.now }), async () => Date.now());
  }
  const root = `http://127.0.0.1:${config.simulator.port}`;
  const client = new DhanClient({
    baseUrl: `${root}/v2`,
    clientId: config.dhan.clientId ?? SIMULATOR_CLIENT_ID,
    accessToken: config.dhan.accessToken ?? new Secret(SIMULATOR_TOKEN),
  });
  const simulatorNow = async () => {
    const response = await fetch(`${root}/sim/clock`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (!response?.ok) throw new MarketDataUnavailable('simulator_unreachable', `no Dhan simulator at ${root}`);
    return ((await response.json()) as { now: number }).now;
  };
  return brokerMarketData('simulator', new DhanBroker(client), simulatorNow);
}
