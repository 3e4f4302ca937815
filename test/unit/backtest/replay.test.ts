/**
 * Decision replay against the fake LLM server: a day decided by one model (recorded as live records
 * it), replayed against another model that holds throughout. The recorded side reproduces the day's
 * orders and P&L from the recorded replies alone; the other model is asked the recorded prompts; the
 * diff shows where they differ and the P&L each made.
 */
import { runBacktest, type BacktestRun } from '../../../backtest/engine/run';
import { computeMetrics } from '../../../backtest/metrics';
import { replayDiffText } from '../../../backtest/replay/diff';
import { replayDecisions, type RecordedInvocation } from '../../../backtest/replay/replay';
import { Secret } from '../../../config/secret';
import { istClock } from '../../../core/time';
import { createChatClient, createLlmDecider } from '../../../llm';
import { type FakeLlmServer, type FakeReply, startFakeLlmServer } from '../../../llm/fake-server';
import { buysRelianceAtTen, specOver, walkBars } from './fixtures';

const LIVE_MODEL = 'anthropic/claude-3.5-sonnet';
const OTHER_MODEL = 'openai/gpt-4o';
const bars = walkBars(['RELIANCE', 'INFY'], 1);
const spec = specOver(bars);
const usage = { prompt_tokens: 1_000, completion_tokens: 50, cost: 0.0002 };
let server: FakeLlmServer;
let live: BacktestRun;
let recorded: RecordedInvocation[];

const client = () => createChatClient({ baseUrl: server.baseUrl, apiKey: new Secret('test-key') });

beforeAll(async () => {
  server = await startFakeLlmServer();
  server.script(LIVE_MODEL, ...Array.from({ length: 200 }, () => buysRelianceAtTen));
  server.script(
    OTHER_MODEL,
    ...Array.from({ length: 200 }, () => ({ type: 'text', content: 'Flat.', usage }) as FakeReply),
  );
  // "Live": the day decided by the live model, its invocations recorded as the desk records them.
  live = await runBacktest({
    spec,
    bars,
    decider: createLlmDecider({ client: client(), model: LIVE_MODEL, usdInr: 84 }),
  });
  recorded = live.invocations.map((r) => ({
    marketTime: r.marketTime,
    model: r.model!,
    promptVersion: r.promptVersion!,
    messages: r.messages,
    responses: r.responses as RecordedInvocation['responses'],
  }));
});
afterAll(() => server.close());

test('the recorded side reproduces the live day from the recorded replies alone, asking no model', async () => {
  const before = server.requests.filter((r) => r.body?.model === LIVE_MODEL).length;
  const result = await replayDecisions({ spec, bars, recorded, model: OTHER_MODEL, client: client(), usdInr: 84 });
  expect(server.requests.filter((r) => r.body?.model === LIVE_MODEL).length).toBe(before);
  expect(result.recorded.orders).toEqual(live.orders);
  expect(result.rows.every((r) => r.samePrompt)).toBe(true);
  expect(result.rows).toHaveLength(recorded.length);
});

test('the other model is asked the recorded prompts; the diff shows where it differs and both P&Ls', async () => {
  const before = server.requests.length;
  const result = await replayDecisions({ spec, bars, recorded, model: OTHER_MODEL, client: client(), usdInr: 84 });
  const asked = server.requests.slice(before);
  expect(asked).toHaveLength(recorded.length);
  expect(asked.every((r) => r.body?.model === OTHER_MODEL)).toBe(true);
  // The same system and user messages as recorded, cycle by cycle.
  expect(asked.map((r) => JSON.stringify(r.body?.messages))).toEqual(
    recorded.map((r) => JSON.stringify(r.messages.slice(0, 2))),
  );

  const differing = result.rows.filter((r) => JSON.stringify(r.recorded) !== JSON.stringify(r.replayed));
  expect(differing.map((r) => istClock(r.marketTime))).toEqual(['10:00']);
  expect(differing[0]!.recorded.proposals).toEqual(['BUY 10 RELIANCE']);
  expect(differing[0]!.replayed).toEqual({ calls: [], proposals: [] });
  expect(result.replayed.orders).toEqual([]);

  const livePnl = computeMetrics({ capital: spec.capital, ...live }).netPnl;
  expect(livePnl).not.toBe(0);
  const text = replayDiffText(result, 'replay');
  const line = text.split('\n').find((l) => l.startsWith('10:00'));
  expect(line).toMatch(/buy_stock\(.*\|\s+\(hold\)\s+≠$/);
  const money = (n: number) =>
    `${n < 0 ? '-' : ''}₹${Math.abs(n).toLocaleString('en-IN', { maximumFractionDigits: 2 })}`;
  expect(text).toContain(`recorded ${money(livePnl)} over 2 orders`);
  expect(text).toContain(`replayed ₹0 over 0 orders`);
  expect(text).toContain(
    `1 with different decisions; prompts rebuilt as recorded: ${recorded.length}/${recorded.length}`,
  );
});
