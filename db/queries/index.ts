/**
 * Read-side queries of the API: plain objects out (numbers for money, Dates for times), explicit
 * column lists so the API keeps working while later migrations add columns. The workers' writes live
 * in db/repositories; the API writes only what it owns (new accounts, their configuration, and the
 * answers to idempotency keys).
 */
export * from './accounts';
export * from './backtests';
export * from './cycles';
export * from './events';
export * from './idempotency';
export * from './invocations';
export * from './leaderboard';
export * from './metrics';
export * from './orders';
export * from './portfolio';
export * from './risk-events';
export { type Page, type Paged } from './sql';
