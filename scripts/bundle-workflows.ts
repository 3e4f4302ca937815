/**
 * `npm run bundle [-- <out file>]`: bundles workflows/ once (webpack) into a file that workers load
 * with WORKFLOW_BUNDLE_PATH, so a fleet of workers (or a container image) does not bundle at start.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../workflows') });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`Wrote ${out} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
