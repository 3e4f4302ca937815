import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * `npm run worker` as a real child process, so a test can kill it with SIGKILL mid-cycle the way a
 * crash or an OOM kill would.
 */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Output so far (stdout and stderr). */
  output(): string;
  /** Resolves once the worker polls its task queue. */
  ready: Promise<void>;
  exited: Promise<number | null>;
}

export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../../workers/main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((done, fail) => {
    const onData = (b: Buffer) => {
      output += b.toString();
      if (output.includes('worker running')) done();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, ready, exited };
}
