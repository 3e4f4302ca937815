/**
 * `npm run backtest -- … --workflow` as a spawned process against a real desk (Postgres, the Temporal
 * dev server, a worker with the real activities): the workflow runs on the desk's worker, the command
 * prints the same summary as an in-process run of the same backtest, and the result is stored.
 * Without a reachable Temporal server the command says so and exits 1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QueryTypes } from 'sequelize';
import { startTestDesk, type TestDesk } from '../../support/desk';

const ROOT = resolve(__dirname, '../../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

let desk: TestDesk;
let dir: string;

beforeAll(async () => {
  desk = await startTestDesk();
  dir = mkdtempSync(join(tmpdir(), 'backtest-cli-wf-'));
}, 60_000);

afterAll(async () => {
  await desk?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the backtest command in a folder without a .env, with only the given environment. */
function backtest(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'backtest/cli.ts'), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, out, err })));
}

const RUN = ['--account', 'claude', '--from', '2026-06-01', '--to', '2026-06-02', '--data', 'simulator', '--seed', '7'];

/** The printed summary: everything before the lines about report files and storage. */
const summaryOf = (stdout: string) => stdout.slice(0, stdout.search(/^ {2}(Report|Stored|Not stored)/m)).trimEnd();

test('--workflow runs the backtest on the desk through Temporal and prints the in-process summary', async () => {
  const deskEnv = {
    DATABASE_URL: desk.db.url,
    TEMPORAL_ADDRESS: desk.workerEnv.TEMPORAL_ADDRESS!,
    TEMPORAL_NAMESPACE: desk.namespace,
    TEMPORAL_TASK_QUEUE: desk.taskQueue,
  };
  const [viaWorkflow, inProcess] = await Promise.all([
    backtest([...RUN, '--workflow'], deskEnv),
    backtest([...RUN, '--no-save', '--out', join(dir, 'in-process')], {}),
  ]);
  expect(viaWorkflow.err).not.toMatch(/error/i);
  expect(viaWorkflow.code).toBe(0);
  expect(inProcess.code).toBe(0);
  const summary = summaryOf(viaWorkflow.out);
  expect(summary).toContain('Backtest claude');
  expect(summary).toBe(summaryOf(inProcess.out));

  const stored = /Stored as backtest (\d+) \(GET \/api\/backtests\/\d+\); workflow (backtest-cli-claude-\w+)/.exec(
    viaWorkflow.out,
  );
  expect(stored).not.toBeNull();
  const [row] = await desk.db.sequelize.query<{ id: number; status: string; summary: string }>(
    `SELECT id, status, summary FROM backtests WHERE run_key = :runKey`,
    { type: QueryTypes.SELECT, replacements: { runKey: stored![2] } },
  );
  expect(row).toMatchObject({ id: Number(stored![1]), status: 'completed', summary });
  const { status } = await desk.client.workflow.getHandle(stored![2]!).describe();
  expect(status.name).toBe('COMPLETED');
}, 60_000);

test('--workflow without a reachable Temporal server: a clear error and exit 1', async () => {
  const res = await backtest([...RUN, '--workflow'], { TEMPORAL_ADDRESS: '127.0.0.1:1', DATABASE_URL: desk.db.url });
  expect(res.code).toBe(1);
  expect(res.err).toMatch(
    /Temporal is not reachable at 127\.0\.0\.1:1 .*Start the desk \(`npm start`\) or set TEMPORAL_ADDRESS/,
  );
}, 30_000);
