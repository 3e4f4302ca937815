/**
 * The API's answers, typed from the very zod schemas that validate and document them (type-only
 * imports: nothing of the server ends up in the bundle).
 */
import type { z } from 'zod';
import type { accountDetailSchema, accountListSchema, controlResultSchema } from '../../../api/schemas/accounts';
import type {
  cycleDetailSchema,
  cycleListSchema,
  invocationListSchema,
  invocationSchema,
} from '../../../api/schemas/decisions';
import type {
  backtestListSchema,
  backtestRunSchema,
  backtestSchema,
  backtestStartedSchema,
  startBacktestBody,
} from '../../../api/schemas/backtests';
import type { seriesSchema } from '../../../api/schemas/market-data';
import type { performanceSchema, portfolioSchema } from '../../../api/schemas/portfolio';
import type { closedTradeListSchema, fillListSchema, leaderboardSchema } from '../../../api/schemas/results';
import type { systemStatusSchema } from '../../../api/schemas/system';
import type { tradeDetailSchema, tradeListSchema } from '../../../api/schemas/trades';

export type AccountList = z.output<typeof accountListSchema>;
export type Account = AccountList['items'][number];
export type AccountDetail = z.output<typeof accountDetailSchema>;
export type ControlResult = z.output<typeof controlResultSchema>;
export type Leaderboard = z.output<typeof leaderboardSchema>;
export type LeaderboardRow = Leaderboard['accounts'][number];
export type Performance = z.output<typeof performanceSchema>;
export type Portfolio = z.output<typeof portfolioSchema>;
export type SystemStatus = z.output<typeof systemStatusSchema>;
export type TradeList = z.output<typeof tradeListSchema>;
export type Trade = TradeList['items'][number];
export type TradeDetail = z.output<typeof tradeDetailSchema>;
export type FillList = z.output<typeof fillListSchema>;
export type Fill = FillList['items'][number];
export type ClosedTradeList = z.output<typeof closedTradeListSchema>;
export type CycleList = z.output<typeof cycleListSchema>;
export type Cycle = CycleList['items'][number];
export type CycleDetail = z.output<typeof cycleDetailSchema>;
export type InvocationList = z.output<typeof invocationListSchema>;
export type Invocation = z.output<typeof invocationSchema>;
export type IndicatorSeries = z.output<typeof seriesSchema>;
export type BacktestList = z.output<typeof backtestListSchema>;
export type BacktestSummary = BacktestList['items'][number];
export type Backtest = z.output<typeof backtestSchema>;
export type BacktestRun = z.output<typeof backtestRunSchema>;
export type BacktestStarted = z.output<typeof backtestStartedSchema>;
export type BacktestRequest = z.input<typeof startBacktestBody>;

/** `GET /api/health` (its schema is private to the route). */
export interface Health {
  readonly status: 'ok' | 'unavailable';
  readonly checks: Record<string, { ok: boolean; latencyMs: number }>;
  readonly mode: string;
  readonly marketData: string;
}

/** What `/api/events` pushes (the DeskEvent of the API document). */
export type DeskEventKind = 'cycle' | 'invocation' | 'order' | 'fill' | 'risk_event';
export interface DeskEvent {
  readonly id: number;
  readonly kind: DeskEventKind;
  readonly op: 'insert' | 'update';
  readonly accountId: string;
  readonly at: string;
  readonly data: unknown;
}

/** The error shape of every route. */
export interface ErrorBody {
  readonly error: { code: string; message: string; fields?: Record<string, string> };
}
