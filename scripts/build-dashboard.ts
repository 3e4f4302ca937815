/**
 * Builds the dashboard (`vite build dashboard` → dashboard/dist) when the build is missing or older
 * than its sources, so `npm start` on a fresh clone serves it without a separate build step. A build
 * takes about a second; an up-to-date one is left alone. `--force` always builds.
 *
 * Run with `node --import tsx scripts/build-dashboard.ts` (npm's `prestart` does).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DASHBOARD_ROOT = resolve(__dirname, '../dashboard');
const BUILT_INDEX = join(DASHBOARD_ROOT, 'dist', 'index.html');
/** What the build is made of (the API schemas give only types, which the build erases). */
const SOURCES = ['src', 'index.html', 'vite.config.mts', 'tsconfig.json'].map((p) => join(DASHBOARD_ROOT, p));

/** Latest modification time (ms) of a file or of any file under a folder. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** True when dashboard/dist is missing or older than a source file. */
export function dashboardIsStale(): boolean {
  if (!existsSync(BUILT_INDEX)) return true;
  const built = statSync(BUILT_INDEX).mtimeMs;
  return SOURCES.some((source) => newest(source) > built);
}

/** Builds the dashboard if it is stale (or always, with `force`); returns whether it built. */
export function ensureDashboardBuilt(options: { force?: boolean; quiet?: boolean } = {}): boolean {
  if (!options.force && !dashboardIsStale()) return false;
  const vite = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', DASHBOARD_ROOT, '--logLevel', options.quiet ? 'error' : 'warn'], {
    stdio: options.quiet ? 'pipe' : 'inherit',
  });
  return true;
}

if (require.main === module) {
  const started = Date.now();
  const built = ensureDashboardBuilt({ force: process.argv.includes('--force') });
  console.log(built ? `Dashboard built in ${Date.now() - started} ms.` : 'Dashboard is up to date.');
}
