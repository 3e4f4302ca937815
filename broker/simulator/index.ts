/**
 * A local Dhan: an HTTP server that answers the Dhan v2 paths the desk uses with the same payloads,
 * status words and error bodies, over a deterministic simulated market.
 *
 * @example
 * const sim = await startDhanSimulator({ accessToken: 'sim-token', clientId: '1000000001', port: 0 });
 * const client = new DhanClient({ baseUrl: sim.url, clientId: '1000000001', accessToken: new Secret('sim-token') });
 * sim.control.advance();            // one 5-minute bar later
 * await sim.close();
 */
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type ClockState } from './clock';
import { createSimulatorApp } from './http/app';
import { type FaultRule } from './http/faults';
import { DhanSimulator, type RequestRecord, type SimulatorCoreOptions } from './simulator';

export type { ClockState } from './clock';
export type { ExchangeOptions } from './exchange/exchange';
export { FAULT_KINDS, type FaultKind, type FaultRule } from './http/faults';
export type { ClockOptions, MarketOptions, RequestRecord, SimulatorCoreOptions } from './simulator';

export interface DhanSimulatorOptions extends SimulatorCoreOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Called with unexpected handler errors (they are answered 500 DH-908). */
  readonly onError?: (error: unknown) => void;
}

/** In-process handle on a running simulator; the same things the `/sim` HTTP API offers. */
export interface SimulatorControl {
  clock(): ClockState;
  /** Advances a stepped clock by `steps` bars (default 1). */
  advance(steps?: number): ClockState;
  /** Moves a stepped clock forward to `time`. */
  setTime(time: number | string): ClockState;
  /** Replaces the fault rules. */
  setFaults(rules: readonly FaultRule[]): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  setAccess(access: { dataPlan?: boolean; staticIpWhitelisted?: boolean }): void;
  /** Every order since start (Dhan wire shape), after bringing the exchange up to date. */
  orders(): ReturnType<DhanSimulator['exchange']['allOrders']>;
  trades(): ReturnType<DhanSimulator['exchange']['allTrades']>;
  /** Dhan requests received so far. */
  requests(): readonly RequestRecord[];
  /** The simulator core, for tests that need more. */
  readonly simulator: DhanSimulator;
}

export interface RunningDhanSimulator {
  /** Base URL to give the client, e.g. `http://127.0.0.1:43125/v2`. */
  readonly url: string;
  readonly port: number;
  readonly control: SimulatorControl;
  /** Stops the server, cutting open (e.g. hanging) connections. Calling it again is harmless. */
  close(): Promise<void>;
}

function stop(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** Starts a simulator in this process. */
export async function startDhanSimulator(options: DhanSimulatorOptions): Promise<RunningDhanSimulator> {
  const sim = new DhanSimulator(options);
  const app = createSimulatorApp(sim, options.onError);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const control: SimulatorControl = {
    clock: () => sim.clockState(),
    advance: (steps) => sim.advance(steps),
    setTime: (time) => sim.setTime(time),
    setFaults: (rules) => sim.faults.set(rules),
    addFault: (rule) => sim.faults.add(rule),
    clearFaults: () => sim.faults.clear(),
    setAccess: (access) => void Object.assign(sim.access, access),
    orders: () => {
      sim.sync();
      return sim.exchange.allOrders();
    },
    trades: () => {
      sim.sync();
      return sim.exchange.allTrades();
    },
    requests: () => sim.requests,
    simulator: sim,
  };
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/v2`,
    port,
    control,
    close: () => (closing ??= stop(server)),
  };
}
