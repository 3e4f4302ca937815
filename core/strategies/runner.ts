/**
 * Runs strategies against a feature engine, safely: a strategy that throws or returns a malformed
 * signal is reported as a {@link StrategyError} and the others still run (freqtrade's
 * `strategy_safe_wrapper`). The context object is reused, so a quiet bar allocates nothing.
 */
import { IstDayTracker } from '../candles/timeframes';
import { type FeatureEngine } from '../indicators/engine';
import { type Position, type Signal, type StrategyId, type Timeframe } from '../types';
import { NO_SIGNALS } from './signals';
import { type Strategy, type StrategyContext, type SymbolActivity } from './strategy';

// Bound once: tsx (esbuild) compiles every imported binding into a getter, far too slow per bar.
const noSignals = NO_SIGNALS;

/** What the ledger knows about the symbol at this bar. */
export interface SymbolState {
  readonly position?: Position;
  readonly activity?: SymbolActivity;
}

/** A strategy failed at one bar; the cycle goes on without its signals. */
export class StrategyError extends Error {
  constructor(
    readonly strategy: StrategyId,
    readonly symbol: string,
    readonly time: number,
    detail: string,
  ) {
    super(`strategy '${strategy}' on ${symbol} at ${new Date(time).toISOString()}: ${detail}`);
    this.name = 'StrategyError';
  }
}

/** The context handed to strategies: the engine's frames plus the caller's position. */
class EngineContext implements StrategyContext {
  time = NaN;
  minuteOfDay = NaN;
  position: Position | undefined;
  activity: SymbolActivity | undefined;

  constructor(
    private readonly engine: FeatureEngine,
    readonly tickSize: number,
  ) {}

  get symbol(): string {
    return this.engine.symbol;
  }

  get session() {
    return this.engine.session;
  }

  frame(tf: Timeframe) {
    return this.engine.frame(tf);
  }
}

/** Why a signal cannot be used, or undefined when it is well formed. */
export function signalProblem(signal: Signal, ctx: StrategyContext, id: StrategyId): string | undefined {
  if (signal.strategy !== id || signal.symbol !== ctx.symbol) return 'signal names another strategy or symbol';
  if (signal.time !== ctx.time) return `signal time ${signal.time} is not the market time ${ctx.time}`;
  const prices = [signal.entry, signal.stop, signal.target ?? signal.entry];
  if (!prices.every((x) => Number.isFinite(x) && x > 0)) return 'entry, stop and target must be positive numbers';
  if (!(signal.strength >= 0 && signal.strength <= 1)) return `strength ${signal.strength} is outside 0..1`;
  if (signal.kind === 'exit') return undefined;
  const d = signal.side === 'BUY' ? 1 : -1;
  if (!(d * (signal.entry - signal.stop) > 0)) return 'the stop is not on the losing side of the entry';
  if (signal.target !== undefined && !(d * (signal.target - signal.entry) > 0))
    return 'the target is not on the winning side';
  return undefined;
}

export class StrategyRunner {
  /** Failures since the caller last drained them (most recent 100). */
  readonly errors: StrategyError[] = [];
  private readonly ctx: EngineContext;
  private readonly day = new IstDayTracker();

  constructor(
    readonly engine: FeatureEngine,
    readonly strategies: readonly Strategy[],
    tickSize: number,
  ) {
    this.ctx = new EngineContext(engine, tickSize);
  }

  /** Signals of every strategy at the engine's current market time. */
  evaluate(state: SymbolState = {}): readonly Signal[] {
    const ctx = this.ctx;
    ctx.time = this.engine.time;
    this.day.enter(ctx.time);
    ctx.minuteOfDay = this.day.minuteOf(ctx.time);
    ctx.position = state.position;
    ctx.activity = state.activity;
    let out: Signal[] | undefined;
    for (let i = 0; i < this.strategies.length; i++) {
      const strategy = this.strategies[i]!;
      let produced: readonly Signal[];
      try {
        produced = strategy.evaluate(ctx);
      } catch (error) {
        this.fail(strategy.id, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        continue;
      }
      for (let k = 0; k < produced.length; k++) {
        const signal = produced[k]!;
        const problem = signalProblem(signal, ctx, strategy.id);
        if (problem) this.fail(strategy.id, problem);
        else (out ??= []).push(signal);
      }
    }
    return out ?? noSignals;
  }

  private fail(id: StrategyId, detail: string): void {
    this.errors.push(new StrategyError(id, this.ctx.symbol, this.ctx.time, detail));
    if (this.errors.length > 100) this.errors.shift();
  }
}
