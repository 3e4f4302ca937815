/**
 * Input tokens of a cycle prompt for each default account (target: ≤ 2,500 for a 3-stock account).
 *
 * Builds realistic contexts from the real NSE 5-minute bars in ../shared/data/nse (read at run
 * time, never copied into the repo): the core feature engine computes the indicators up to the
 * cycle time, each account holds one position bought earlier that day, and has five recent
 * decisions. Two cases per account:
 * - typical: one entry signal this bar;
 * - busy: every strategy signals on every stock (an upper bound).
 *
 * Counts the full request input (messages + the four tool schemas, with OpenAI's per-message and
 * function-definition overheads) with gpt-tokenizer's chat-completion counter: cl100k (GPT-4
 * Turbo's tokenizer) and o200k (GPT-4o) for comparison.
 * Anthropic's tokenizer is not public; expect Claude's count to be of the same order.
 *
 * Run: npx tsx bench/prompt.ts [cycle date YYYY-MM-DD] [HH:MM IST]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ChatCompletionRequest } from 'gpt-tokenizer/GptEncoding';
import { countChatCompletionTokens as countCl100k } from 'gpt-tokenizer/model/gpt-4-turbo';
import { countChatCompletionTokens as countO200k } from 'gpt-tokenizer/model/gpt-4o';
import { allocatedCapital } from '../config';
import { type AccountSpec, DEFAULT_ACCOUNTS } from '../contracts/account';
import { FeatureEngine, symbolSnapshot } from '../core/indicators';
import { positionSize } from '../core/sizing';
import { roundToTick, tickSizeOf } from '../core/ticks';
import { istClock, istTime, MINUTE_MS } from '../core/time';
import { type Candle, type Position, type Signal } from '../core/types';
import { marketView, type DecisionContext, type SymbolView } from '../llm/context';
import { indicatorsForPrompt } from '../llm/indicator-view';
import { buildPrompt } from '../llm/prompt';
import { toolDefinitions } from '../llm/tools';

const DATA_DIR = resolve(__dirname, '../../shared/data/nse');
const TOTAL_CAPITAL = 1_000_000;
const [cycleDate = '2026-06-10', cycleClock = '11:00'] = process.argv.slice(2);
const [hour, minute] = cycleClock.split(':').map(Number) as [number, number];
const NOW = istTime(cycleDate, hour, minute);

/** Yahoo-style file: 3 header lines, then Datetime(UTC, bar start),Close,High,Low,Open,Volume. */
function loadBars(symbol: string): Candle[] {
  const tick = tickSizeOf(symbol) ?? 0.05;
  const text = readFileSync(resolve(DATA_DIR, `${symbol}_5min.csv`), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(3)
    .map((line) => {
      const [time, close, high, low, open, volume] = line.split(',');
      const price = (v: string | undefined) => roundToTick(Number(v), tick);
      return {
        time: Date.parse(String(time)),
        open: price(open),
        high: price(high),
        low: price(low),
        close: price(close),
        volume: Number(volume),
      };
    });
}

/** Bars closed by the cycle time (a 5-minute bar closes 5 minutes after its start). */
function closedBars(symbol: string): Candle[] {
  return loadBars(symbol).filter((bar) => bar.time + 5 * MINUTE_MS <= NOW);
}

const REASONS: Record<string, string> = {
  vwap: 'Close crossed above session VWAP on 1.7x relative volume, bar closed in its upper half',
  ema: 'EMA9 crossed above EMA21 on 5m; last 15m bar has EMA9 above EMA21 and price above VWAP',
  rsi: 'RSI(14) crossed back above 30 from oversold; 15m close above EMA50, target session VWAP',
  smc: 'Sell-side liquidity sweep below PDL then bullish CHoCH; entry in discount of the 15m range',
};

/** A long entry signal at the last close, stop 1.5 ATR below (at least 0.2 %), target 2 R. */
function entrySignal(
  symbol: string,
  strategy: AccountSpec['strategies'][number],
  last: Candle,
  atr: number,
  strength: number,
): Signal {
  const tick = tickSizeOf(symbol) ?? 0.05;
  const risk = Math.max(1.5 * atr, last.close * 0.002);
  return {
    symbol,
    strategy,
    timeframe: '5m',
    kind: 'entry',
    side: 'BUY',
    strength,
    entry: last.close,
    stop: roundToTick(last.close - risk, tick),
    target: roundToTick(last.close + 2 * risk, tick),
    reason: REASONS[strategy] ?? 'signal',
    time: NOW,
  };
}

function buildContext(account: AccountSpec, busy: boolean): DecisionContext {
  const capital = allocatedCapital({ trading: { totalCapital: TOTAL_CAPITAL } }, account);
  const symbols: SymbolView[] = account.stocks.map((symbol, index) => {
    const bars = closedBars(symbol);
    const engine = new FeatureEngine(symbol);
    for (const bar of bars) engine.push(bar);
    const snapshot = symbolSnapshot(engine);
    const last = bars[bars.length - 1]!;
    const atr = snapshot.frames['5m']?.atr14 ?? last.close * 0.002;
    const strategies = busy ? account.strategies : index === 1 ? account.strategies.slice(0, 1) : [];
    return {
      symbol,
      lastPrice: last.close,
      indicators: indicatorsForPrompt(snapshot, account.strategies),
      signals: strategies.map((s, i) => entrySignal(symbol, s, last, atr, 0.72 - 0.1 * i)),
    };
  });

  // One position, bought 45 minutes earlier at that bar's close with a 0.4 % stop, sized by the core sizer.
  const held = symbols[0]!;
  const tick = tickSizeOf(held.symbol) ?? 0.05;
  const entryBar = closedBars(held.symbol)
    .filter((b) => b.time + 50 * MINUTE_MS <= NOW)
    .pop()!;
  const stopLoss = roundToTick(entryBar.close * 0.996, tick);
  const sized = positionSize({
    side: 'BUY',
    entry: entryBar.close,
    stop: stopLoss,
    tickSize: tick,
    capital,
    equity: capital,
    riskPerTradePct: account.risk.riskPerTradePct,
    leverage: account.risk.intradayLeverage,
    maxOpenPositions: account.risk.maxOpenPositions,
  });
  const quantity = sized.ok ? sized.quantity : 1;
  const position: Position = {
    symbol: held.symbol,
    quantity,
    avgPrice: entryBar.close,
    stopLoss,
    takeProfit: roundToTick(entryBar.close * 1.008, tick),
    strategy: account.strategies[0],
    openedAt: entryBar.time + 5 * MINUTE_MS,
  };
  const unrealised = (held.lastPrice - position.avgPrice) * quantity;
  const cash = capital - position.avgPrice * quantity - 184.4;
  const decisionTimes = [55, 45, 30, 20, 10].map((m) => NOW - m * MINUTE_MS);
  return {
    accountId: account.id,
    cycleKey: `${account.id}-${cycleDate}-${cycleClock.replace(':', '')}`,
    market: marketView(NOW),
    account: { stocks: account.stocks, strategies: account.strategies, capital },
    symbols,
    portfolio: {
      cash,
      equity: cash + held.lastPrice * quantity,
      realisedPnl: -184.4,
      unrealisedPnl: unrealised,
      positions: [position],
    },
    risk: { state: 'ACTIVE', lossBudgetLeft: 0.1 * capital - 184.4 + Math.min(0, unrealised), limits: account.risk },
    recentDecisions: decisionTimes.map((time, i) =>
      i === 1
        ? {
            time,
            action: `BUY ${held.symbol} ${quantity} (${account.strategies[0]})`,
            outcome: `filled @${position.avgPrice}`,
          }
        : { time, action: 'HOLD', outcome: i === 0 ? 'no convincing signal' : 'no new signal' },
    ),
  };
}

function count(context: DecisionContext) {
  const { messages } = buildPrompt(context);
  const tools = toolDefinitions(context.account);
  const request = {
    messages: messages.map((m) => ({ role: m.role, content: String(m.content) })),
    functions: tools.map((t) => t.function),
  } as unknown as ChatCompletionRequest;
  const cl100k = countCl100k?.(request) ?? NaN;
  const o200k = countO200k?.(request) ?? NaN;
  const signals = context.symbols.reduce((n, s) => n + s.signals.length, 0);
  return { cl100k, o200k, signals, userChars: String(messages[1]?.content).length };
}

console.log(`Cycle prompt input tokens at ${cycleDate} ${istClock(NOW)} IST (messages + 4 tool schemas)`);
console.log('account  stocks                case     signals  user chars  cl100k (GPT-4 Turbo)  o200k (GPT-4o)');
for (const account of DEFAULT_ACCOUNTS) {
  for (const busy of [false, true]) {
    const c = count(buildContext(account, busy));
    console.log(
      `${account.id.padEnd(8)} ${account.stocks.join('/').padEnd(21)} ${(busy ? 'busy' : 'typical').padEnd(8)} ` +
        `${String(c.signals).padStart(7)}  ${String(c.userChars).padStart(10)}  ${String(c.cl100k).padStart(20)}  ${String(c.o200k).padStart(14)}`,
    );
  }
}
if (process.env.SHOW_PROMPT) {
  const context = buildContext(DEFAULT_ACCOUNTS[0]!, false);
  console.log(`\n${String(buildPrompt(context).messages[1]?.content)}`);
}
