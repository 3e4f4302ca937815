/**
 * Backtests started over the network (API, dashboard) read CSV bars only from named sub-folders of
 * one folder the desk's operator chose (BACKTEST_CSV_ROOT): the client sends a name such as `nse`,
 * never a path, so it cannot make the worker read `../../etc` or any other folder.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CSV_FOLDER_NAME } from './csv-folder-name';
import { BacktestDataError } from './engine/run';

/**
 * The absolute path of the CSV folder `name` under `root`.
 * @throws BacktestDataError without a root, for a name that is not a plain folder name, or when the
 *   folder does not exist.
 */
export function csvLibraryFolder(root: string | undefined, name: string): string {
  if (!root) throw new BacktestDataError('CSV backtests by folder name need BACKTEST_CSV_ROOT on the worker');
  if (!CSV_FOLDER_NAME.test(name)) throw new BacktestDataError(`"${name}" is not a folder name`);
  const base = resolve(root);
  const folder = resolve(base, name);
  // The name's pattern already keeps it inside the root; this states the guarantee once more.
  if (dirname(folder) !== base) throw new BacktestDataError(`"${name}" is not a folder of ${base}`);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new BacktestDataError(`no CSV folder "${name}" in ${base}`);
  return folder;
}
