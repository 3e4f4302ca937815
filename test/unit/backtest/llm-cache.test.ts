/**
 * An LLM backtest against the fake OpenAI-compatible server: every reply is cached by (model, prompt
 * version, request), so a rerun asks the model nothing and decides the same; the run's token and
 * rupee cap hands over to the rules decider once reached.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBacktest } from '../../../backtest/engine/run';
import {
  cachingChatClient,
  diskResponseCache,
  memoryResponseCache,
  responseCacheKey,
  type ResponseCache,
} from '../../../backtest/llm/cache';
import { backtestLlmDecider } from '../../../backtest/llm/decider';
import { type DeciderSpec } from '../../../backtest/spec';
import { Secret } from '../../../config/secret';
import { istClock } from '../../../core/time';
import { createChatClient, type InvocationRecord } from '../../../llm';
import { type FakeLlmServer, startFakeLlmServer } from '../../../llm/fake-server';
import { buysRelianceAtTen, specOver, walkBars } from './fixtures';

const MODEL = 'openai/gpt-4o-mini';
const bars = walkBars(['RELIANCE', 'INFY'], 1);
let server: FakeLlmServer;

beforeAll(async () => {
  server = await startFakeLlmServer();
  server.script('*', ...Array.from({ length: 500 }, () => buysRelianceAtTen));
});
afterAll(() => server.close());

const llmSpec = (
  extra: Partial<Extract<DeciderSpec, { kind: 'llm' }>> = {},
): Extract<DeciderSpec, { kind: 'llm' }> => ({
  kind: 'llm',
  model: MODEL,
  maxTokens: 10_000_000,
  maxInr: 10_000,
  whenExhausted: 'rules',
  ...extra,
});

async function llmRun(cache: ResponseCache, decider = llmSpec()) {
  const upstream = createChatClient({ baseUrl: server.baseUrl, apiKey: new Secret('test-key') });
  const client = cachingChatClient(cache, upstream, 'trade-v1');
  const llm = backtestLlmDecider(decider, client, 84);
  const records: InvocationRecord[] = [];
  const run = await runBacktest({
    spec: specOver(bars, { decider }),
    bars,
    decider: {
      kind: 'llm',
      decide: async (context) => {
        const decision = await llm.decider.decide(context);
        records.push(...decision.records);
        return decision;
      },
    },
  });
  return { run, records, stats: client.stats, spent: llm.spent() };
}

test('the first run asks the model once per cycle; a rerun asks nothing and places the same orders', async () => {
  const cache = memoryResponseCache();
  const before = server.requests.length;
  const first = await llmRun(cache);
  const asked = server.requests.length - before;
  // The decider runs at 09:20 … 15:10 (the 15:15 square-off and later cycles only flatten).
  expect(asked).toBe(71);
  expect(first.stats).toEqual({ hits: 0, misses: 71 });
  expect(cache.size()).toBe(71);
  const bought = first.run.orders.find((o) => o.source === 'llm');
  expect(bought).toMatchObject({ symbol: 'RELIANCE', side: 'BUY', quantity: 10 });
  expect(istClock(bought!.time)).toBe('10:00');
  expect(first.run.invocations).toHaveLength(71);
  expect(first.spent).toEqual({ tokens: 71 * 1_050, inr: expect.closeTo(71 * 0.0002 * 84, 9) });

  const second = await llmRun(cache);
  expect(server.requests.length - before).toBe(71);
  expect(second.stats).toEqual({ hits: 71, misses: 0 });
  expect(second.run.orders).toEqual(first.run.orders);
  expect(second.spent).toEqual(first.spent);
});

test('the cap hands over to the rules decider once the next call would cross it, the same way on every run', async () => {
  const cache = memoryResponseCache();
  // Each call is reserved at (prompt tokens + 800 output) at gpt-4o-mini's list price and costs ₹0.0168:
  // a ₹0.2 cap allows only the first few.
  const capped = llmSpec({ maxInr: 0.2 });
  const first = await llmRun(cache, capped);
  const llmCalls = first.records.filter((r) => r.decider === 'llm').length;
  const fallbacks = first.records.filter((r) => r.decider === 'fallback');
  expect(llmCalls).toBeGreaterThan(0);
  expect(llmCalls).toBeLessThan(20);
  expect(fallbacks.length).toBe(71 - llmCalls);
  expect(fallbacks[0]!.budget?.reason).toMatch(/exhausted/);
  expect(first.spent.inr).toBeLessThanOrEqual(0.2);
  const again = await llmRun(cache, capped);
  expect(again.stats.misses).toBe(0);
  expect(again.records.map((r) => r.decider)).toEqual(first.records.map((r) => r.decider));
});

test('without an API key a cached reply still answers, and a missing one fails the run by name', async () => {
  const client = cachingChatClient(memoryResponseCache(), undefined, 'trade-v1');
  await expect(client.complete({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(
    /no cached reply for this openai\/gpt-4o-mini prompt and no OPENROUTER_API_KEY/,
  );
});

test('the key is the model, the prompt version and the request; key order does not matter', () => {
  const request = {
    model: MODEL,
    messages: [{ role: 'user' as const, content: 'x' }],
    maxTokens: 800,
    temperature: 0.2,
  };
  const key = responseCacheKey(MODEL, 'trade-v1', request);
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  expect(
    responseCacheKey(MODEL, 'trade-v1', { temperature: 0.2, maxTokens: 800, messages: request.messages, model: MODEL }),
  ).toBe(key);
  expect(responseCacheKey('openai/gpt-4o', 'trade-v1', request)).not.toBe(key);
  expect(responseCacheKey(MODEL, 'trade-v2', request)).not.toBe(key);
  expect(responseCacheKey(MODEL, 'trade-v1', { ...request, messages: [{ role: 'user', content: 'y' }] })).not.toBe(key);
  expect(responseCacheKey(MODEL, 'trade-v1', { ...request, temperature: 0 })).not.toBe(key);
});

test('the disk cache keeps replies across processes, one file each', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bt-llm-'));
  try {
    const response = { id: 'r1', object: 'chat.completion', created: 0, model: MODEL, choices: [] } as never;
    await diskResponseCache(dir).put('ab12', { model: MODEL, promptVersion: 'trade-v1', response });
    expect(await diskResponseCache(dir).get('ab12')).toEqual(response);
    expect(await diskResponseCache(dir).get('ab13')).toBeUndefined();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
