import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureSearchAttributes, temporalReachable } from '../../platform/temporal';
import { portIsFree } from './ports';
import { PidFile, waitFor } from './processes';

export interface TemporalDevServerOptions {
  readonly cliPath: string;
  /** SQLite file for history; omitted = in memory (tests). */
  readonly dbFile?: string;
  /** Folder for the pid file that lets a later start stop an orphaned server. */
  readonly stateDir: string;
  readonly port: number;
  /** Omitted = headless (no Web UI). */
  readonly uiPort?: number;
  readonly namespace: string;
  readonly onLog?: (line: string) => void;
}

export interface TemporalDevServerHandle {
  readonly address: string;
  readonly uiUrl?: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Runs `temporal server start-dev` as a child process, waits until it serves, and registers the
 * project's search attributes. History persists in `dbFile`, so a second start resumes every workflow.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServerHandle> {
  const { cliPath, port, uiPort, namespace } = options;
  mkdirSync(options.stateDir, { recursive: true });
  const pidFile = new PidFile(join(options.stateDir, `temporal-${port}.pid`));
  await pidFile.stopLeftover('temporal');

  for (const p of [port, uiPort].filter((x): x is number => x !== undefined)) {
    if (!(await portIsFree(p)))
      throw new Error(
        `Port ${p} is already in use, so the Temporal dev server cannot start. ` +
          `Stop what uses it, pick other ports (TEMPORAL_DEV_PORT, TEMPORAL_UI_PORT), ` +
          `or set TEMPORAL_ADDRESS to use a server that is already running.`,
      );
  }

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  if (namespace !== 'default') args.push('--namespace', namespace);
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(uiPort), '--ui-ip', '127.0.0.1');

  // Its own process group: Ctrl-C reaches only us, and we stop the server after the worker has drained.
  const child: ChildProcess = spawn(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (!child.pid) throw new Error(`Could not start ${cliPath}`);
  pidFile.write(child.pid);
  const log = options.onLog ?? (() => undefined);
  child.stdout?.on('data', (b: Buffer) => log(b.toString().trim()));
  child.stderr?.on('data', (b: Buffer) => log(b.toString().trim()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const address = `127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    pidFile.clear();
  };

  try {
    let connection: Connection | undefined;
    await waitFor(
      `the Temporal dev server on ${address}`,
      async () => {
        if (exited) throw new Error('exited');
        connection ??= await Connection.connect({ address, connectTimeout: '1s' });
        return temporalReachable(connection);
      },
      60_000,
    );
    if (exited) throw new Error(`The Temporal dev server exited during start-up (see its log).`);
    await ensureSearchAttributes(connection!, namespace);
    await connection!.close();
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    address,
    uiUrl: uiPort === undefined ? undefined : `http://localhost:${uiPort}`,
    pid: child.pid,
    stop,
  };
}
