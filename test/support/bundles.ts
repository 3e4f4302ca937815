/**
 * Workflow bundles, built once per jest run by the integration project's global setup and read by
 * every test file (webpack takes seconds per build; twenty files would pay it twenty times).
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The bundles the integration tests use: the real workflows, and the API tests' account double. */
const SOURCES = {
  desk: resolve(__dirname, '../../workflows'),
  double: resolve(__dirname, 'account-workflow-double/workflows.ts'),
} as const;

export type BundleName = keyof typeof SOURCES;

const envName = (name: BundleName) => `DESK_TEST_BUNDLE_${name.toUpperCase()}`;

const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: console.warn,
  error: console.error,
};

/** Builds every bundle into `dir` and tells the test workers where they are (global setup). */
export async function buildBundles(dir: string): Promise<void> {
  for (const [name, workflowsPath] of Object.entries(SOURCES) as [BundleName, string][]) {
    const { code } = await bundleWorkflowCode({ workflowsPath, logger: quiet });
    const path = join(dir, `${name}-workflows.js`);
    writeFileSync(path, code);
    process.env[envName(name)] = path;
  }
}

const loaded = new Map<BundleName, { code: string }>();

/** A bundle global setup built, for `Worker.create({ workflowBundle })`. */
export function prebuiltBundle(name: BundleName): { code: string } {
  const path = process.env[envName(name)];
  if (!path) throw new Error(`${envName(name)} is unset: run integration tests through jest (global setup bundles).`);
  let bundle = loaded.get(name);
  if (!bundle) loaded.set(name, (bundle = { code: readFileSync(path, 'utf8') }));
  return bundle;
}
