/**
 * The dashboard end to end: the built app, served by the real API, driven in headless Chromium against
 * a running desk (real Postgres, the Temporal dev server, a worker, the Dhan simulator) whose two
 * default accounts tick every half second of wall time. Takes screenshots: into the README's
 * docs/screenshots/ with UPDATE_SCREENSHOTS=1, else into a temporary folder (a test run leaves the
 * working tree clean).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { accountWorkflowId, statusQuery } from '../../contracts/workflows';
import { istTime } from '../../core/time';
import { API_KEY, type DashboardStack, startDashboardStack, TEMPORAL_UI } from './stack';

const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? resolve(__dirname, '../../docs/screenshots')
    : mkdtempSync(join(tmpdir(), 'dashboard-screenshots-'));
/** The simulated trading day (the test desk's simulator starts on it). */
const DAY = '2026-06-01';
const VIEWPORT = { width: 1440, height: 960 };

let stack: DashboardStack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startDashboardStack({ accounts: ['claude', 'gpt'], tickSeconds: 0.5 });
  context = await stack.browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark' });
  page = await context.newPage();
  // Under jest's 30 s per test, so a stuck step reports its locator rather than a bare timeout.
  page.setDefaultTimeout(20_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

async function eventually(condition: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The API key this browser keeps for the dashboard's origin. */
const keptKey = async () =>
  (await context.storageState()).origins
    .find((o) => o.origin === stack.url)
    ?.localStorage.find((entry) => entry.name === 'desk.apiKey')?.value;

/** The number in an element (a table cell). */
const numberIn = async (testId: string) => Number(await page.getByTestId(testId).textContent());

/** An element whose whole text is `text`. */
const showing = (testId: string, text: string) =>
  page.locator(`[data-testid="${testId}"]`, { hasText: new RegExp(`^${text}$`) });

/** Cycle ids the "Latest cycles" feed shows right now. */
const feedCycleIds = async (p: Page) =>
  (await p
    .locator('[data-testid="latest-cycle"]')
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-cycle-id'))))) as number[];

test('a wrong API key is refused with a clear message; the right one opens the desk and is remembered', async () => {
  await page.goto(stack.url);
  await page.getByLabel('API key').fill('not-the-desk-key');
  await page.getByRole('button', { name: 'Connect' }).click();
  const error = page.getByTestId('key-error');
  await error.waitFor();
  expect(await error.textContent()).toContain('The API key is wrong.');
  expect(await keptKey()).toBeUndefined();

  await page.getByLabel('API key').fill(API_KEY);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByTestId('leaderboard').waitFor();
  expect(await keptKey()).toBe(API_KEY);

  // Entered once: a reload goes straight to the desk.
  await page.reload();
  await page.getByTestId('leaderboard').waitFor();
  expect(await page.getByLabel('API key').count()).toBe(0);
});

test('the leaderboard shows both default accounts, PAPER mode and healthy services', async () => {
  const claude = page.getByTestId('leaderboard-row-claude');
  const gpt = page.getByTestId('leaderboard-row-gpt');
  await claude.waitFor();
  await gpt.waitFor();
  expect(await claude.textContent()).toContain('Claude 3.5 Sonnet');
  expect(await claude.textContent()).toContain('anthropic/claude-3.5-sonnet');
  expect(await gpt.textContent()).toContain('GPT-4 Turbo');
  expect(await gpt.textContent()).toContain('openai/gpt-4-turbo');
  // 60 % and 40 % of the desk's capital.
  const capital = stack.desk.config.trading.totalCapital;
  const inr = (x: number) => new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 }).format(x);
  expect(await claude.textContent()).toContain(inr(capital * 0.6));
  expect(await gpt.textContent()).toContain(inr(capital * 0.4));

  expect(await page.getByTestId('trading-mode').textContent()).toBe('PAPER');
  await page.locator('[data-testid="health-postgres"].light-ok').waitFor();
  await page.locator('[data-testid="health-temporal"].light-ok').waitFor();
  await page.locator('[data-testid="health-live"].light-ok').waitFor();
});

test('a new cycle appears live, pushed by the event stream, without reloading the page', async () => {
  let navigations = 0;
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);
  const before = Math.max(0, ...(await feedCycleIds(page)));
  const cyclesShown = await numberIn('cycles-claude');

  let fresh: number[] = [];
  await eventually(async () => (fresh = (await feedCycleIds(page)).filter((id) => id > before)).length > 0);
  // The cycle the page shows is one the worker recorded.
  const [row] = await stack.desk.db.sequelize.query<{ account_id: string }>(
    'SELECT account_id FROM cycles WHERE id = :id',
    { replacements: { id: fresh[0] }, type: 'SELECT' as never },
  );
  expect(['claude', 'gpt']).toContain(row?.account_id);
  // The leaderboard's count follows too.
  await eventually(async () => (await numberIn('cycles-claude')) > cyclesShown);
  expect(navigations).toBe(0);
  page.removeAllListeners('framenavigated');
});

test("pausing an account from its page pauses its workflow (the workflow's status query says so)", async () => {
  await page.getByRole('link', { name: 'claude', exact: true }).first().click();
  await page.waitForURL(`${stack.url}/accounts/claude`);
  await showing('account-status', 'running').waitFor();

  await page.getByTestId('control-pause').click();
  await showing('account-status', 'paused').waitFor();
  const handle = stack.desk.client.workflow.getHandle(accountWorkflowId('claude'));
  expect((await handle.query(statusQuery)).status).toBe('paused');

  await page.getByTestId('control-resume').click();
  await showing('account-status', 'running').waitFor();
  expect((await handle.query(statusQuery)).status).toBe('running');
});

test('stop and kill ask for confirmation first, and cancelling changes nothing', async () => {
  await page.getByTestId('control-kill').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain('can never be started again');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.getByTestId('control-stop').click();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const handle = stack.desk.client.workflow.getHandle(accountWorkflowId('claude'));
  expect((await handle.query(statusQuery)).status).toBe('running');
});

test('the account page shows its books, decision feed with a Temporal link, and refuses bad risk limits', async () => {
  await page.getByTestId('cycle-card').first().waitFor();
  const link = page.getByTestId('temporal-link').first();
  await link.waitFor();
  expect(await link.getAttribute('href')).toMatch(
    new RegExp(`^${TEMPORAL_UI}/namespaces/${stack.desk.namespace}/workflows/cycle-claude-`),
  );
  await page.getByTestId('invocation').first().waitFor();
  await page.getByTestId('account-summary').waitFor();

  // The API validates: a 12-position limit is refused with the field's reason, and nothing changes.
  await page.getByLabel('Max open positions').fill('12');
  await page.getByRole('button', { name: 'Save limits' }).click();
  const error = page.getByTestId('risk-form').getByRole('alert');
  await error.waitFor();
  expect(await error.textContent()).toMatch(/10/);
  const handle = stack.desk.client.workflow.getHandle(accountWorkflowId('claude'));
  expect((await handle.query(statusQuery)).spec.risk.maxOpenPositions).toBe(3);

  await page.getByLabel('Max open positions').fill('4');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await page.getByText('Applied by the running workflow.').waitFor();
  expect((await handle.query(statusQuery)).spec.risk.maxOpenPositions).toBe(4);
});

test('a trade shows up live on the account page: its fill with charges, the position, the order', async () => {
  // New entries open at 09:30 IST on the simulated day.
  const handle = stack.desk.client.workflow.getHandle(accountWorkflowId('claude'));
  await eventually(async () => ((await handle.query(statusQuery)).lastCycle?.marketTime ?? 0) >= istTime(DAY, 9, 35));
  const trade = await fetch(`${stack.url}/api/trades/execute`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${API_KEY}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': 'e2e-trade-0001',
    },
    body: JSON.stringify({
      accountId: 'claude',
      symbol: 'RELIANCE',
      side: 'BUY',
      quantity: 20,
      stopLoss: 1300,
      reason: 'e2e',
    }),
  });
  expect(trade.status).toBe(200);
  const { result } = (await trade.json()) as { result: { verdict: string; orderKey: string } };
  expect(result.verdict).not.toBe('reject');

  const fill = page.getByTestId('fills').locator('tbody tr', { hasText: 'RELIANCE' }).first();
  await fill.waitFor();
  expect(await fill.textContent()).toMatch(/RELIANCE\s*BUY\s*20/);
  await page.getByTestId('positions').getByRole('cell', { name: 'RELIANCE' }).waitFor();
  // The order's own row follows its broker status (placed NEW, then TRADED on reconciliation).
  await page.getByTestId('orders').locator('tr', { hasText: 'e2e' }).getByText('TRADED').waitFor();

  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENSHOTS, 'account.png') });
});

test('the symbol page charts candles with indicators and RSI', async () => {
  await page.getByRole('link', { name: 'RELIANCE' }).first().click();
  await page.waitForURL(`${stack.url}/symbols/RELIANCE`);
  const chart = page.getByTestId('candle-chart');
  await chart.waitFor();
  // lightweight-charts draws into canvases: the price pane, the RSI pane, their scales and the time axis.
  await eventually(async () => (await chart.locator('canvas').count()) >= 4);
  expect(await page.locator('.facts').textContent()).toMatch(/RSI 14\d/);
  await page.getByText(/^[1-9]\d* fills on this chart$/).waitFor();

  await page.getByRole('button', { name: '15m', exact: true }).click();
  await page.waitForURL(`${stack.url}/symbols/RELIANCE?tf=15m`);
  await page.getByRole('heading', { name: 'RELIANCE · 15m' }).waitFor();
  await page.getByRole('button', { name: '5m', exact: true }).click();
  await page.getByRole('heading', { name: 'RELIANCE · 5m' }).waitFor();
  // The chart paints on the next animation frames.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  await page.screenshot({ path: join(SCREENSHOTS, 'symbol.png') });
});

test('back on the arena, the trade counts in the leaderboard', async () => {
  await page.getByRole('link', { name: 'Arena' }).click();
  await page.waitForURL(`${stack.url}/`);
  // "round trips / filled orders": the manual order filled.
  const filledOrders = async () =>
    Number(/\/\s*(\d+)/.exec((await page.getByTestId('trades-claude').textContent()) ?? '')?.[1]);
  await eventually(async () => (await filledOrders()) >= 1);
  await page.getByTestId('arena-chart').locator('canvas').first().waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'leaderboard.png') });
});

test('an unreachable API is reported, and the page recovers when it answers again', async () => {
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  const banner = page.getByTestId('unreachable');
  await banner.waitFor({ timeout: 15_000 });
  expect(await banner.textContent()).toContain('The API is unreachable');
  await page.unroute('**/api/**');
  await banner.waitFor({ state: 'hidden', timeout: 15_000 });
});
