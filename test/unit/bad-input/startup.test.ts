/**
 * Wrong configuration values and corrupt CSV files, at the level a user meets them: the real entry
 * points started as processes. Each must stop with a clear message (the variable or the file and
 * line, and what is allowed) and leave nothing behind: no data folder, no report, no secret printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../../..');
// The processes run in an empty folder (no .env), so tsx is named by its path.
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SECRET_TOKEN = 'eyJ-wrong-config-test-token-0123456789';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `node --import tsx <entry>` with only the given variables set (plus PATH and HOME). */
function run(entry: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, ['--import', TSX, join(ROOT, entry), ...args], {
    cwd: dir, // no .env here: only what the test sets
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
    encoding: 'utf8',
    timeout: 45_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const WRONG = {
  TICK_SECONDS: '0',
  API_PORT: '99999',
  TRADING_MODE: 'live',
  LIVE_TRADING_CONFIRM: 'yes please',
  DHAN_ACCESS_TOKEN: SECRET_TOKEN,
  ACCOUNTS: '[{"id":"Bad Id","model":"x","capitalSharePct":150,"stocks":["TSLA"],"strategies":["vwap"]}]',
};

test.each(['workers/main.ts', 'api/main.ts', 'scripts/start.ts'])(
  '%s with wrong values exits 1 naming every wrong variable, masks the token and creates nothing',
  (entry) => {
    const dataDir = join(dir, 'data');
    const { code, output } = run(entry, { ...WRONG, DATA_DIR: dataDir });
    expect(code).toBe(1);
    for (const name of ['TICK_SECONDS', 'API_PORT', 'LIVE_TRADING_CONFIRM', 'DHAN_CLIENT_ID', 'ACCOUNTS'])
      expect(output).toMatch(new RegExp(`^  - ${name}[=[]`, 'm'));
    expect(output).toMatch(/ACCOUNTS\[0\.stocks\.0\]="\\"TSLA\\"": Invalid option: expected one of "RELIANCE"/);
    expect(output).toMatch(/I_ACCEPT_REAL_MONEY_RISK/); // what is allowed, not just "invalid"
    expect(output).not.toContain(SECRET_TOKEN);
    expect(output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // a message, not a stack trace
    expect(existsSync(dataDir)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  },
);

// Each run is a process (seconds): two shapes here; the parser's other refusals are unit-tested in
// test/unit/backtest/csv.test.ts.
describe('corrupt CSV files', () => {
  const GOOD = 'datetime,open,high,low,close,volume\n2026-06-01 09:15,1400,1401,1399,1400.5,100\n';
  const CORRUPT: [string, string, RegExp][] = [
    ['a word where a price belongs', `${GOOD}2026-06-01 09:20,1400,oops,1399,1400.5,100\n`, /line 3 is not a bar/],
    ['a truncated last line', `${GOOD}2026-06-01 09:20,1400,14`, /line 3/],
  ];

  test.each(CORRUPT)('%s: the backtest stops naming the file, and writes no report', (_, text, reason) => {
    const data = join(dir, 'csv');
    mkdirSync(data);
    writeFileSync(join(data, 'RELIANCE.csv'), text);
    const out = join(dir, 'report');
    const { code, output } = run('backtest/cli.ts', { DATA_DIR: join(dir, 'data') }, [
      ...['--account', 'claude', '--from', '2026-06-01', '--to', '2026-06-01'],
      ...['--data', data, '--stocks', 'RELIANCE', '--no-save', '--out', out],
    ]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/RELIANCE\.csv/);
    expect(output).toMatch(reason);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
