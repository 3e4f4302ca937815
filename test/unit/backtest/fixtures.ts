/**
 * Hand-made market data for the backtest tests: the core tests' seeded random walk, laid on NSE
 * trading days from Monday 2026-06-01, one walk per symbol, and a backtest spec around it.
 */
import { parseBacktestSpec, type BacktestSpec, type BacktestSpecInput } from '../../../backtest/spec';
import { isTradingDay } from '../../../core/calendar';
import { DAY_MS, istDateKey, istTime } from '../../../core/time';
import { type Candle } from '../../../core/types';
import { DEFAULT_ACCOUNTS } from '../../../contracts/account';
import { randomWalkSessions } from '../core/strategies/market-fixture';
import { type FakeReply, type RecordedRequest } from '../../../llm/fake-server';

/** The first `count` NSE trading days from `from` (IST dates). */
export function tradingDays(from: string, count: number): string[] {
  const days: string[] = [];
  for (let t = istTime(from, 12, 0); days.length < count; t += DAY_MS)
    if (isTradingDay(istDateKey(t))) days.push(istDateKey(t));
  return days;
}

/** `sessions` sessions of 5-minute bars per symbol on trading days from 2026-06-01 (seed per symbol). */
export function walkBars(
  symbols: readonly string[],
  sessions: number,
  seeds: readonly number[] = [34, 35, 36],
): Map<string, Candle[]> {
  const days = tradingDays('2026-06-01', sessions);
  return new Map(
    symbols.map((symbol, i) => {
      const walk = randomWalkSessions(seeds[i % seeds.length], sessions);
      const bars = walk.map((b, k) => {
        const session = Math.floor(k / 75);
        const shift = istTime(days[session]!, 0, 0) - istTime('2026-06-01', 0, 0) - session * DAY_MS;
        return { ...b, time: b.time + shift };
      });
      return [symbol, bars];
    }),
  );
}

/** A rules backtest of the default `claude` account over the walk's trading days. */
export function specOver(
  bars: ReadonlyMap<string, readonly Candle[]>,
  extra: Partial<BacktestSpecInput> = {},
): BacktestSpec {
  const times = [...bars.values()].flat().map((b) => b.time);
  return parseBacktestSpec({
    account: { ...DEFAULT_ACCOUNTS[0], stocks: [...bars.keys()], strategies: ['vwap', 'ema', 'rsi', 'smc'] },
    capital: 600_000,
    from: istDateKey(Math.min(...times)),
    to: istDateKey(Math.max(...times)),
    data: 'test walk',
    ...extra,
  });
}

/** A scripted model for the fake LLM server: buys 10 RELIANCE at the 10:00 cycle (stop 5 below the last price), holds otherwise. */
export function buysRelianceAtTen(request: RecordedRequest): FakeReply {
  const usage = { prompt_tokens: 1_000, completion_tokens: 50, cost: 0.0002 };
  const prompt = String((request.body?.messages as { content?: string }[] | undefined)?.[1]?.content ?? '');
  const price = Number(/\nRELIANCE (\d+(\.\d+)?)/.exec(prompt)?.[1]);
  if (/ at 10:00 IST/.test(prompt) && request.body?.messages?.length === 2)
    return {
      type: 'tool_calls',
      usage,
      calls: [
        {
          name: 'buy_stock',
          arguments: { symbol: 'RELIANCE', quantity: 10, strategy: 'vwap', stop_loss: price - 5, reason: 'test entry' },
        },
      ],
    };
  return { type: 'text', content: 'No convincing signal: holding.', usage };
}
