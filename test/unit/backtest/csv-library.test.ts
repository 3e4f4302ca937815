/** CSV folders by name: only plain folder names under the root, never a path out of it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvLibraryFolder } from '../../../backtest/csv-library';
import { BacktestDataError } from '../../../backtest/engine/run';
import { parseBacktestSpec } from '../../../backtest/spec';
import { DEFAULT_ACCOUNTS } from '../../../contracts/account';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'csv-library-'));
  mkdirSync(join(root, 'nse'));
  writeFileSync(join(root, 'file.csv'), 'time,open\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

test('a folder of the root by its name', () => {
  expect(csvLibraryFolder(root, 'nse')).toBe(join(root, 'nse'));
});

test.each(['..', '../nse', '.hidden', 'nse/../..', '/etc', 'a\\b', '', 'file.csv', 'missing'])(
  'refused: %j',
  (name) => {
    expect(() => csvLibraryFolder(root, name)).toThrow(BacktestDataError);
  },
);

test('without a root nothing can be named', () => {
  expect(() => csvLibraryFolder(undefined, 'nse')).toThrow(/BACKTEST_CSV_ROOT/);
});

test('a spec date must exist on the calendar (not rolled over to the next month)', () => {
  const spec = { account: DEFAULT_ACCOUNTS[0], capital: 1, from: '2026-02-27', to: '2026-02-28', data: 'x' };
  expect(parseBacktestSpec(spec).to).toBe('2026-02-28');
  expect(() => parseBacktestSpec({ ...spec, to: '2026-02-30' })).toThrow(/to: not a calendar date/);
});
