import { type Sequelize } from 'sequelize';
import { type AccountControl } from './control/account-control';
import { type BacktestControl } from './control/backtest-control';
import { type EventHub } from './events/hub';
import { type MarketDataReader } from './market-data/reader';
import { type ApiMetrics } from './metrics/api-metrics';
import { type HealthProbe } from './routes/health';

/** Facts about this deployment that answers report. */
export interface ApiSettings {
  readonly mode: 'paper' | 'live';
  /** Total capital in rupees, shared by the accounts' capital shares. */
  readonly totalCapital: number;
  readonly readsPublic: boolean;
  readonly temporal: { readonly namespace: string; readonly uiUrl?: string };
}

/** What the routes and services work with: built once per app, passed down explicitly. */
export interface ApiContext {
  readonly db: Sequelize;
  readonly control: AccountControl;
  /** The backtest workflows (absent: backtests cannot be started through the API). */
  readonly backtests?: BacktestControl;
  readonly marketData: MarketDataReader;
  readonly events: EventHub;
  readonly metrics: ApiMetrics;
  readonly probes: readonly HealthProbe[];
  readonly settings: ApiSettings;
  /** Wall clock (epoch ms); injectable for tests. */
  readonly clock: () => number;
}
