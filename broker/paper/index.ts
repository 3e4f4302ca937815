/**
 * Paper trading on real market data: `PaperBroker` takes prices from a data-source `Broker` (Dhan
 * or the simulator) and keeps its own orders, fills and funds in Postgres.
 */
export { MARKET_CLOSED_REASON, PaperBroker, PaperPriceUnavailableError, type PaperBrokerOptions } from './paper-broker';
export { type PaperOrderStatus } from './store';
