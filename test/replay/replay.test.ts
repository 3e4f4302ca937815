/**
 * Every committed history (test/histories, recorded by `npm run capture-histories` from a simulated
 * trading day) must replay against the current workflow code. A change that breaks running
 * workflows fails here; the negative control shows that a changed step order is caught.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';

const HISTORIES = resolve(__dirname, '../histories');
const quiet = { trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, log: () => {} };

/** `account-claude@day1.json` → workflow id `account-claude`. */
const histories = readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({
    file,
    workflowId: file.replace(/(@.*)?\.json$/, ''),
    history: JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')) as unknown,
  }));

let current: WorkflowBundleWithSourceMap;
let altered: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [current, altered] = await Promise.all([
    bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../../workflows'), logger: quiet }),
    bundleWorkflowCode({ workflowsPath: resolve(__dirname, 'altered-workflows.ts'), logger: quiet }),
  ]);
}, 120_000);

test('histories of accounts (a whole day, a stop) and of cycles (orders, stops, manual, paused) are committed', () => {
  const ids = histories.map((h) => h.workflowId);
  expect(ids).toEqual(expect.arrayContaining(['account-claude', 'account-gpt']));
  expect(ids.filter((id) => id.startsWith('cycle-')).length).toBeGreaterThanOrEqual(4);
  expect(ids.some((id) => id.startsWith('trade-'))).toBe(true);
});

test.each(histories.map((h) => [h.file, h] as const))(
  '%s replays against the current code',
  async (_file, h) => {
    await expect(
      Worker.runReplayHistory({ workflowBundle: { code: current.code } }, h.history, h.workflowId),
    ).resolves.toBeUndefined();
  },
  60_000,
);

test('a workflow whose steps were reordered fails to replay with a determinism violation', async () => {
  const cycle = histories.find((h) => h.workflowId === 'cycle-claude-20260601-0920');
  expect(cycle).toBeDefined();
  await expect(
    Worker.runReplayHistory({ workflowBundle: { code: altered.code } }, cycle!.history, cycle!.workflowId),
  ).rejects.toBeInstanceOf(DeterminismViolationError);
}, 60_000);
