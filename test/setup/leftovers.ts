import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runs, isAlive, terminate } from '../../scripts/devstack/processes';

/**
 * A jest run that dies hard (a crash, a `timeout` kill) never reaches global teardown, leaving its
 * Postgres and Temporal servers running. Each run registers its state folder here before starting
 * anything; the next run stops the servers recorded in folders whose owner is gone (the Temporal
 * pid files and Postgres' own postmaster.pid) and deletes the folders.
 */
const REGISTRY = join(tmpdir(), 'desk-test-stacks');

export function register(root: string): () => void {
  mkdirSync(REGISTRY, { recursive: true });
  const file = join(REGISTRY, `${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ ownerPid: process.pid, root }));
  return () => rmSync(file, { force: true });
}

/** The server pids recorded under a test stack's folder. */
function serverPids(root: string): { pid: number; program: 'temporal' | 'postgres' }[] {
  const firstNumber = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);
  const found: { pid: number; program: 'temporal' | 'postgres' }[] = [];
  if (!existsSync(root)) return found;
  for (const name of readdirSync(root)) {
    if (/^temporal-\d+\.pid$/.test(name)) found.push({ pid: firstNumber(join(root, name)), program: 'temporal' });
  }
  const postmaster = join(root, 'postgres', 'cluster', 'postmaster.pid');
  if (existsSync(postmaster)) found.push({ pid: firstNumber(postmaster), program: 'postgres' });
  return found;
}

export async function stopLeftovers(): Promise<number> {
  if (!existsSync(REGISTRY)) return 0;
  let stopped = 0;
  for (const name of readdirSync(REGISTRY)) {
    const file = join(REGISTRY, name);
    let entry: { ownerPid: number; root: string };
    try {
      entry = JSON.parse(readFileSync(file, 'utf8')) as typeof entry;
    } catch {
      rmSync(file, { force: true });
      continue;
    }
    if (isAlive(entry.ownerPid)) continue;
    for (const { pid, program } of serverPids(entry.root)) {
      if (Number.isInteger(pid) && pid > 0 && runs(pid, program)) {
        await terminate(pid, program === 'postgres' ? 'SIGINT' : 'SIGTERM');
        stopped++;
      }
    }
    rmSync(entry.root, { recursive: true, force: true });
    rmSync(file, { force: true });
  }
  return stopped;
}
