/**
 * The Backtests page end to end, in headless Chromium against a desk (real Postgres, the Temporal dev
 * server, a worker): a stored backtest is listed with its headline figures and opens on its metrics,
 * equity and drawdown chart and trades; the form starts a backtest workflow whose progress shows
 * until it completes, and a bad request shows the API's field errors. Screenshots go to the README's
 * docs/screenshots/ with UPDATE_SCREENSHOTS=1, else to a temporary folder.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { createRepositories } from '../../db/repositories';
import { completeRow, startRow, walkBacktest } from '../support/stored-backtests';
import { API_KEY, type DashboardStack, startDashboardStack } from './stack';

const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? resolve(__dirname, '../../docs/screenshots')
    : mkdtempSync(join(tmpdir(), 'backtest-screenshots-'));

let stack: DashboardStack;
let context: BrowserContext;
let page: Page;
let stored: { id: number; trades: number; sharpe: string; summaryLine: string };

/** A backtest of a three-session random walk, stored as the command line stores one. */
async function storeBacktest(): Promise<typeof stored> {
  const backtest = await walkBacktest();
  const { metrics, summary } = backtest;
  const repo = createRepositories(stack.desk.db).backtests;
  const id = await startRow(repo, backtest, { runKey: 'cli-e2e-walk', name: 'random walk', accountId: 'claude' });
  await completeRow(repo, id, backtest);
  return {
    id,
    trades: metrics.trades,
    sharpe: new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 }).format(metrics.sharpe!),
    summaryLine: summary.split('\n')[0]!,
  };
}

beforeAll(async () => {
  stack = await startDashboardStack({ accounts: [], tickSeconds: 1 });
  stored = await storeBacktest();
  context = await stack.browser.newContext({ viewport: { width: 1440, height: 960 }, colorScheme: 'dark' });
  // The key screen is tested elsewhere: this browser already holds the key.
  await context.addInitScript(`window.localStorage.setItem('desk.apiKey', ${JSON.stringify(API_KEY)})`);
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

test('a stored backtest is listed with its figures and opens on its metrics, chart and trades', async () => {
  await page.goto(stack.url);
  await page.getByRole('link', { name: 'Backtests' }).click();
  const row = page.getByTestId(`backtest-row-${stored.id}`);
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  expect(cells[1]).toContain('claude');
  expect(cells[1]).toContain('random walk');
  expect(cells[3]).toBe('rules');
  expect(cells[4]).toBe('completed');
  expect(cells[6]).toBe(stored.sharpe);
  expect(Number(cells[8])).toBe(stored.trades);

  await row.click();
  await page.getByTestId('backtest-metrics').waitFor();
  expect(page.url()).toBe(`${stack.url}/backtests/${stored.id}`);
  expect(await page.getByTestId('backtest-metrics').textContent()).toContain(`Sharpe${stored.sharpe}`);
  // lightweight-charts draws on canvases: the equity pane and the drawdown pane.
  expect(await page.getByTestId('backtest-chart').locator('canvas').count()).toBeGreaterThanOrEqual(2);
  expect(await page.getByTestId('backtest-trades').locator('tbody tr').count()).toBe(stored.trades);
  expect(await page.getByTestId('backtest-summary').textContent()).toContain(stored.summaryLine);
  await page.screenshot({ path: join(SCREENSHOTS, 'backtest-page.png'), fullPage: false });
});

test('the form starts a backtest workflow: its progress shows until it completes, then it is listed', async () => {
  await page.goto(`${stack.url}/backtests`);
  const form = page.getByTestId('backtest-form');
  await form.locator('select[name=account]').selectOption('gpt');
  await form.locator('input[name=from]').fill('2026-06-01');
  await form.locator('input[name=to]').fill('2026-06-02');
  await form.locator('input[name=name]').fill('from the dashboard');
  await form.getByRole('button', { name: 'Start backtest' }).click();
  await page.getByTestId('run-progress').waitFor();
  await page
    .getByTestId('run-status')
    .filter({ hasText: /^completed$/ })
    .waitFor({ timeout: 40_000 });
  const link = page.getByRole('link', { name: /^backtest \d+ →$/ });
  const id = Number(/\d+/.exec((await link.textContent())!)![0]);
  await page
    .getByTestId(`backtest-status-${id}`)
    .filter({ hasText: /^completed$/ })
    .waitFor();
  const cells = await page.getByTestId(`backtest-row-${id}`).locator('td').allTextContents();
  expect(cells[1]).toContain('gpt');
  expect(cells[1]).toContain('from the dashboard');
  expect(cells[2]).toBe('2026-06-01 → 2026-06-02');

  await link.click();
  await page.getByTestId('backtest-metrics').waitFor();
  expect(await page.getByTestId('backtest-summary').textContent()).toContain('Backtest gpt');
}, 60_000);

test('a bad request shows the API field errors and starts nothing', async () => {
  await page.goto(`${stack.url}/backtests`);
  await page.getByTestId(`backtest-row-${stored.id}`).waitFor();
  const before = await page.locator('[data-testid^="backtest-row-"]').count();
  const form = page.getByTestId('backtest-form');
  await form.locator('input[name=from]').fill('2026-06-05');
  await form.locator('input[name=to]').fill('2026-06-01');
  await form.locator('select[name=data]').selectOption('csv');
  await form.locator('input[name=folder]').fill('../etc');
  await form.getByRole('button', { name: 'Start backtest' }).click();
  const errors = page.getByTestId('backtest-form-errors');
  await errors.waitFor();
  const text = await errors.textContent();
  expect(text).toContain('data.folder:');
  expect(await page.getByTestId('run-progress').count()).toBe(0);
  expect(await page.locator('[data-testid^="backtest-row-"]').count()).toBe(before);
});
