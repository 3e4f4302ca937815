/**
 * Runs the Dhan simulator as a process (the lead wires `npm run dhan-sim` to it).
 *
 *   npx tsx broker/simulator/main.ts [--port 8787] [--host 127.0.0.1] [--clock stepped|realtime]
 *     [--start 2026-06-19] [--seed 1] [--replay ../shared/data/nse] [--balance 1000000] [--no-rate-limits]
 *
 * The accepted access token and client id come from the environment, never from the command line
 * (which other users can read): DHAN_SIM_ACCESS_TOKEN and DHAN_SIM_CLIENT_ID. Unset, the simulator
 * accepts the placeholder `simulator-access-token` and client id `1000000001`.
 */
import { parseArgs } from 'node:util';
import { startDhanSimulator, type DhanSimulatorOptions } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    clock: { type: 'string', default: 'stepped' },
    start: { type: 'string' },
    seed: { type: 'string', default: '1' },
    replay: { type: 'string' },
    balance: { type: 'string', default: '1000000' },
    'no-rate-limits': { type: 'boolean', default: false },
  },
});

function number(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${text}`);
  return n;
}

async function main(): Promise<void> {
  if (values.clock !== 'stepped' && values.clock !== 'realtime')
    throw new Error(`--clock is stepped or realtime, got ${values.clock}`);
  const options: DhanSimulatorOptions = {
    host: values.host,
    port: number('port', values.port),
    accessToken: process.env.DHAN_SIM_ACCESS_TOKEN || 'simulator-access-token',
    clientId: process.env.DHAN_SIM_CLIENT_ID || '1000000001',
    market: values.replay
      ? { kind: 'replay', folder: values.replay }
      : { kind: 'synthetic', seed: number('seed', values.seed) },
    clock: values.clock === 'realtime' ? { mode: 'realtime' } : { mode: 'stepped', start: values.start },
    exchange: { startingBalance: number('balance', values.balance) },
    rateLimits: !values['no-rate-limits'],
    onError: (error) => console.error('dhan-sim: unexpected error', error),
  };
  const sim = await startDhanSimulator(options);
  const clock = sim.control.clock();
  console.log(`dhan-sim: Dhan v2 API at ${sim.url}, control API at ${sim.url.replace(/\/v2$/, '/sim')}`);
  console.log(`dhan-sim: ${clock.mode} clock at ${clock.ist} IST; client id ${options.clientId}`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`dhan-sim: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
