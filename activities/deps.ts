import { type Broker } from '../broker/broker';
import { type Repositories } from '../db/repositories';
import { type ChatClient, type Decider } from '../llm';
import { type Logger } from '../platform/logger';
import { type AccountRef, type MarketClockSpec } from './types';

/** The market's clock as the activities see it. */
export interface MarketClock {
  /** The market's current time (epoch ms). */
  now(signal?: AbortSignal): Promise<number>;
  /**
   * Moves a simulated market forward to at least `t` (in step with the other accounts trading it)
   * and returns its time; a live market just reports now.
   */
  advanceTo(t: number, participant?: string): Promise<number>;
}

/** Everything the activities need, wired once per worker (workers/) and faked in tests. */
export interface ActivityDeps {
  readonly repos: Repositories;
  readonly broker: Broker;
  readonly market: MarketClock;
  readonly clockSpec: MarketClockSpec;
  /** The decider for an account: the governed LLM decider, or the rules decider without an LLM key. */
  readonly deciderFor: (account: AccountRef) => Decider;
  /** What decides for an account, in words (`anthropic/claude-3.5-sonnet` or `rules`). */
  readonly deciderLabel: (account: AccountRef) => string;
  readonly log: Logger;
  /** Wall clock (epoch ms). */
  readonly wallNow: () => number;
  /** LLM backtests: the model endpoint (absent without an API key: cached replies only) and ₹ per US$. */
  readonly backtestLlm?: { readonly upstream?: ChatClient; readonly usdInr: number };
  /** Backtests by CSV folder name read `<backtestCsvRoot>/<name>` (BACKTEST_CSV_ROOT; absent: none). */
  readonly backtestCsvRoot?: string;
}
