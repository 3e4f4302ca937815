/**
 * One simulator + client + broker per test, over real HTTP on loopback. The market is the hand-made
 * replay in test/fixtures/dhan/contract-market (RELIANCE and TCS, 18, 19 and 22 June 2026), so every
 * expected price can be worked out from those files:
 *
 *   RELIANCE 18 Jun  09:15 O990 H995 L988 C994 V8000 · 09:20 O994 H1001 L993 C1000 V6000
 *            19 Jun  09:15 O1000 H1004 L998 C1002 V10000 · 09:20 O1002 H1003 L995 C996 V500
 *                    09:25 O996 H1001 L994 C1000 V20000 · 09:30 O1000 H1010 L999 C1008 V20000 · …
 *
 * The clock starts at 19 June 09:20 IST (the 09:15 bar has closed: RELIANCE last price 1002).
 * Spread and slippage are 0 and the account starts with ₹100 000, unless a test says otherwise.
 */
import { join } from 'node:path';
import { DhanClient, type DhanClientOptions, type PlaceOrderInput } from '../../../broker/dhan/client';
import { DhanBroker, type DhanBrokerOptions } from '../../../broker/dhan/dhan-broker';
import { parseIstDateTime } from '../../../broker/dhan/dates';
import { startDhanSimulator, type DhanSimulatorOptions, type RunningDhanSimulator } from '../../../broker/simulator';
import { Secret } from '../../../config/secret';

export const TOKEN = 'contract-test-access-token-0001';
export const CLIENT_ID = '1000000001';
export const MARKET_FOLDER = join(__dirname, '../../fixtures/dhan/contract-market');

export interface Harness {
  readonly sim: RunningDhanSimulator;
  readonly client: DhanClient;
  readonly broker: DhanBroker;
}

export interface HarnessOptions {
  readonly sim?: Partial<DhanSimulatorOptions>;
  readonly client?: Partial<DhanClientOptions>;
  readonly broker?: DhanBrokerOptions;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startDhanSimulator({
    accessToken: TOKEN,
    clientId: CLIENT_ID,
    market: { kind: 'replay', folder: MARKET_FOLDER },
    clock: { mode: 'stepped', start: '2026-06-19 09:20' },
    ...options.sim,
    exchange: { startingBalance: 100_000, spreadBps: 0, slippageBps: 0, ...options.sim?.exchange },
  });
  const client = new DhanClient({
    baseUrl: sim.url,
    clientId: CLIENT_ID,
    accessToken: new Secret(TOKEN),
    timeoutMs: 2000,
    ...options.client,
  });
  const broker = new DhanBroker(client, { reconcileDelayMs: 20, ...options.broker });
  return { sim, client, broker };
}

/** Epoch ms of an IST `YYYY-MM-DD HH:MM`. */
export function ist(text: string): number {
  const t = parseIstDateTime(text);
  if (t === undefined) throw new Error(`bad time ${text}`);
  return t;
}

/** Requests the simulator received for `method path` (path relative to /v2). */
export function requestsTo(sim: RunningDhanSimulator, method: string, path: string) {
  return sim.control.requests().filter((r) => r.method === method && r.path === path);
}

/** A raw Dhan order: buy 1 RELIANCE intraday at a limit of 990 (below the market: it works). */
export const WIRE_LIMIT_BUY: PlaceOrderInput = {
  transactionType: 'BUY',
  exchangeSegment: 'NSE_EQ',
  productType: 'INTRADAY',
  orderType: 'LIMIT',
  validity: 'DAY',
  securityId: '2885',
  quantity: 1,
  price: 990,
};
