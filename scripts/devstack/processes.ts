import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * True when `pid` runs a program whose command line contains `name`. Where /proc is missing
 * (macOS) it trusts the pid. This guards against killing an unrelated process that reused the pid.
 */
export function runs(pid: number, name: string): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true;
  try {
    return readFileSync(cmdline, 'utf8').includes(name);
  } catch {
    return false;
  }
}

/** True while a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until the process is gone, escalating to SIGKILL after `graceMs`. */
export async function terminate(pid: number, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A pid file for a child we start, so that a start after a crash (SIGKILL of the parent, which
 * cannot stop its children) finds the orphan and stops it before reusing its port and data.
 */
export class PidFile {
  constructor(readonly path: string) {}

  write(pid: number): void {
    writeFileSync(this.path, `${pid}\n`);
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }

  /** Stops a leftover process recorded by an earlier run, if it still runs `program`. */
  async stopLeftover(program: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | undefined> {
    if (!existsSync(this.path)) return undefined;
    const pid = Number(readFileSync(this.path, 'utf8').trim());
    this.clear();
    if (!Number.isInteger(pid) || pid <= 0 || !runs(pid, program)) return undefined;
    await terminate(pid, signal);
    return pid;
  }
}

/** Polls `check` until it resolves true, or throws after `timeoutMs` with `what` in the message. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
