/**
 * Decision replay: "what would another model (or prompt version) have done on that day?"
 *
 * The day is backtested twice over the same bars, from the cycle the account first decided at, with
 * the live LLM decider both times: once answered by the replies recorded in the invocations table
 * (what the account did), once by another model or prompt version (what it would have done). With
 * the recorded prompt version, the other model is sent each cycle's recorded prompt exactly; with
 * another version the prompt is built from the replay's own state. Nothing is traded; both runs
 * share the risk gate, fills, costs and square-off of the backtest, so the difference in P&L is the
 * difference in decisions. `samePrompt` tells whether the recorded side's prompt, rebuilt from the
 * bars, matches the recorded one, i.e. whether the replay saw what live saw.
 */
import { type ChatCompletion } from 'openai/resources/chat/completions';
import { createLlmDecider } from '../../llm/decide';
import { type Decider } from '../../llm/decider';
import { type ChatClient, type ChatRequest } from '../../llm/client';
import { type Candle } from '../../core/types';
import { runBacktest, type BacktestRun } from '../engine/run';
import { type BacktestSpec } from '../spec';

/** One recorded LLM invocation of the day (a row of the invocations table). */
export interface RecordedInvocation {
  /** Market time of its cycle. */
  readonly marketTime: number;
  readonly model: string;
  readonly promptVersion: string;
  /** The transcript as sent (system, user, then assistant and tool turns). */
  readonly messages: readonly unknown[];
  /** The model's replies, one per step of the tool loop. */
  readonly responses: readonly ChatCompletion[];
}

/** What one side decided at one cycle. */
export interface SideDecision {
  /** Tool calls as `name(arguments)`, in order. */
  readonly calls: readonly string[];
  /** Order proposals handed to the risk gate, as `BUY 10 RELIANCE`. */
  readonly proposals: readonly string[];
}

export interface ReplayRow {
  readonly marketTime: number;
  readonly recorded: SideDecision;
  readonly replayed: SideDecision;
  /** The prompt rebuilt from the bars (recorded prompt version) equals the recorded one: a faithful replay. */
  readonly samePrompt: boolean;
}

export interface ReplayResult {
  readonly rows: readonly ReplayRow[];
  readonly recorded: BacktestRun;
  readonly replayed: BacktestRun;
  readonly recordedModel: string;
  readonly replayModel: string;
  readonly replayPromptVersion: string;
}

export interface ReplayInput {
  /** The account and the day (`from` = `to`), rules of the backtest. */
  readonly spec: BacktestSpec;
  readonly bars: ReadonlyMap<string, readonly Candle[]>;
  /** The day's recorded invocations (at least one). */
  readonly recorded: readonly RecordedInvocation[];
  /** The model and prompt version to ask instead (default: the recorded ones). */
  readonly model?: string;
  readonly promptVersion?: string;
  /** The endpoint that answers the replay (e.g. a caching client over OpenRouter). */
  readonly client: ChatClient;
  readonly usdInr: number;
}

/** A chat client that answers each cycle with the replies recorded for it (an empty reply if none). */
function recordedClient(byTime: ReadonlyMap<number, RecordedInvocation>, cycle: { time: number; step: number }) {
  const client: ChatClient = {
    complete: () => {
      const response = byTime.get(cycle.time)?.responses[cycle.step++];
      return Promise.resolve(response ?? ({ id: 'none', choices: [] } as unknown as ChatCompletion));
    },
  };
  return client;
}

/** The system and user messages a cycle's transcript starts with: its prompt. */
const promptMessages = (messages: readonly unknown[]) =>
  messages.filter((m) => ['system', 'user'].includes((m as { role?: string }).role ?? '')).slice(0, 2);

/** A chat client that sends the cycle's recorded prompt in place of the one built for it. */
function recordedPromptClient(
  inner: ChatClient,
  byTime: ReadonlyMap<number, RecordedInvocation>,
  cycle: { time: number },
): ChatClient {
  return {
    complete: (request, signal) => {
      const stored = byTime.get(cycle.time);
      if (!stored) return inner.complete(request, signal);
      const prompt = promptMessages(stored.messages) as ChatRequest['messages'];
      return inner.complete({ ...request, messages: [...prompt, ...request.messages.slice(prompt.length)] }, signal);
    },
  };
}

const promptOf = (messages: readonly unknown[]) => JSON.stringify(promptMessages(messages));

/** Wraps a decider to note what it decided at each cycle, and the prompt it sent. */
function noting(decider: Decider, onCycle?: (time: number) => void) {
  const decisions = new Map<number, SideDecision & { prompt: string }>();
  const wrapped: Decider = {
    kind: decider.kind,
    async decide(context, signal) {
      onCycle?.(context.market.now);
      const decision = await decider.decide(context, signal);
      const last = decision.records.at(-1);
      decisions.set(context.market.now, {
        calls: (last?.toolCalls ?? []).map((c) => `${c.name}(${c.arguments})`),
        proposals: decision.proposals.map((p) => `${p.side} ${p.quantity} ${p.symbol}`),
        prompt: promptOf(last?.messages ?? []),
      });
      return decision;
    },
  };
  return { decider: wrapped, decisions };
}

/** Replays the day of `input` (see the module comment). */
export async function replayDecisions(input: ReplayInput): Promise<ReplayResult> {
  const first = input.recorded[0];
  if (!first) throw new RangeError('no recorded LLM invocation to replay');
  const byTime = new Map(input.recorded.map((r) => [r.marketTime, r]));
  const model = input.model ?? first.model;
  const promptVersion = input.promptVersion ?? first.promptVersion;
  const firstCycleAt = Math.min(...byTime.keys());

  const cycle = { time: 0, step: 0 };
  const recordedSide = noting(
    createLlmDecider({
      client: recordedClient(byTime, cycle),
      model: first.model,
      promptVersion: first.promptVersion,
      usdInr: input.usdInr,
    }),
    (time) => Object.assign(cycle, { time, step: 0 }),
  );
  const replayCycle = { time: 0 };
  const client =
    promptVersion === first.promptVersion ? recordedPromptClient(input.client, byTime, replayCycle) : input.client;
  const replayedSide = noting(
    createLlmDecider({ client, model, promptVersion, usdInr: input.usdInr, maxTokens: 800 }),
    (time) => (replayCycle.time = time),
  );
  const run = (decider: Decider) => runBacktest({ spec: input.spec, bars: input.bars, decider, firstCycleAt });
  const recorded = await run(recordedSide.decider);
  const replayed = await run(replayedSide.decider);

  const none = { calls: [], proposals: [], prompt: '' };
  const times = [...new Set([...recordedSide.decisions.keys(), ...replayedSide.decisions.keys()])].sort(
    (a, b) => a - b,
  );
  const rows = times.map((marketTime) => {
    const r = recordedSide.decisions.get(marketTime) ?? none;
    const p = replayedSide.decisions.get(marketTime) ?? none;
    const stored = byTime.get(marketTime);
    return {
      marketTime,
      recorded: { calls: r.calls, proposals: r.proposals },
      replayed: { calls: p.calls, proposals: p.proposals },
      samePrompt: stored !== undefined && promptOf(stored.messages) === r.prompt,
    };
  });
  return {
    rows,
    recorded,
    replayed,
    recordedModel: first.model,
    replayModel: model,
    replayPromptVersion: promptVersion,
  };
}
