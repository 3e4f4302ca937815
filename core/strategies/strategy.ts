/**
 * The strategy contract. A strategy is a pure decision over a read-only context: it holds no state
 * between calls (every stateful feature lives in the engine), so the same object serves every symbol,
 * the backtester and the live cycle.
 */
import { type FrameView } from '../indicators/frame';
import { type FrameNeeds } from '../indicators/needs';
import { type SessionLevels } from '../indicators/smc/liquidity';
import { type Position, type Signal, type StrategyId, type Timeframe } from '../types';

/** Session facts a strategy may read (NaN = not known yet). */
export interface SessionView extends SessionLevels {
  /** Today's high, low and range so far. */
  readonly high: number;
  readonly low: number;
  readonly range: number;
  /** Mean session range of the previous sessions. */
  readonly averageRange: number;
}

/** Bookkeeping from the ledger that re-entry rules need; optional. */
export interface SymbolActivity {
  /** Entries already taken in this symbol today. */
  readonly entriesToday: number;
  /** When the last position in this symbol was stopped out today (epoch ms). */
  readonly lastStopOutTime?: number;
}

/** Everything a strategy sees when it decides for one symbol at one market time. */
export interface StrategyContext {
  readonly symbol: string;
  /** Market time: the close of the newest closed base bar (epoch ms). */
  readonly time: number;
  /** Minutes since IST midnight of `time` (09:30 is 570). */
  readonly minuteOfDay: number;
  readonly tickSize: number;
  /** Closed bars and indicators of a timeframe; throws for a timeframe the engine does not build. */
  frame(tf: Timeframe): FrameView;
  readonly session: SessionView;
  /** The open position in this symbol, if any (its `strategy` says who opened it). */
  readonly position: Position | undefined;
  readonly activity: SymbolActivity | undefined;
}

export interface Strategy<P extends object = object> {
  readonly id: StrategyId;
  /** Frozen, validated parameters. */
  readonly params: Readonly<P>;
  /** Frames the engine must build (the signal frame first). */
  readonly timeframes: readonly Timeframe[];
  /** EMA periods the strategy reads. */
  readonly emaPeriods: readonly number[];
  /** Closed 5-minute bars to fold in before its signals can be trusted. */
  readonly warmupBars: number;
  /**
   * Indicators it reads on each of its frames, so a backtest computes nothing else. Optional: a
   * strategy without it gets every indicator on its frames. Reading one it did not list gives NaN
   * (an EMA throws), so the rule never fires: the registry's tests compare with a full engine.
   */
  readonly indicators?: FrameNeeds;
  /**
   * Entry signals when flat; exit signals for a position this strategy opened. Called at every closed
   * base bar; returns an empty array when nothing fires.
   */
  evaluate(ctx: StrategyContext): readonly Signal[];
}
