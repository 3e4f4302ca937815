/**
 * Order identity and timing rules shared by the workflows (which derive keys) and the activities
 * (which place, look up and expire orders). Pure: safe in workflow code.
 */
import { istDateKey, istMinuteOfDay } from '../core/time';

/**
 * How long a decided order stays sendable (wall clock). A placement attempt after this sends
 * nothing, so a retry that comes late can never place a stale order; a row never sent by then is
 * closed as expired at the next reconciliation.
 */
export const ORDER_VALIDITY_MS = 120_000;

/** `YYMMDD` and `HHMM` of an instant in IST. */
function istStamp(t: number): { date: string; time: string } {
  const day = istDateKey(t);
  const minute = istMinuteOfDay(t);
  const hhmm = String(Math.floor(minute / 60) * 100 + (minute % 60)).padStart(4, '0');
  return { date: day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10), time: hhmm };
}

/**
 * The idempotency key of the `index`-th order a cycle decides, from business facts only:
 * `<account>-<YYMMDD>-<HHMM>-<index>`, e.g. `claude-260601-1035-0` (≤ 30 characters, Dhan's
 * correlation-id alphabet). It is the orders table's unique key and the broker's correlation id.
 */
export function orderKey(accountId: string, marketTime: number, index: number): string {
  const { date, time } = istStamp(marketTime);
  return `${accountId}-${date}-${time}-${index}`;
}

/** The key of a manual order: `<account>-m-<hash of the client's Idempotency-Key>`. */
export function manualOrderKey(accountId: string, idempotencyKey: string): string {
  return `${accountId}-m-${fnv1a(idempotencyKey)}`;
}

/** The cycle workflow id of an account's tick: `cycle-<account>-<YYYYMMDD>-<HHMM>` (IST). */
export function cycleWorkflowId(accountId: string, marketTime: number): string {
  const { date, time } = istStamp(marketTime);
  return `cycle-${accountId}-20${date}-${time}`;
}

/** The workflow id of a manual trade: `trade-<account>-<hash>`. */
export function manualTradeWorkflowId(accountId: string, idempotencyKey: string): string {
  return `trade-${accountId}-${fnv1a(idempotencyKey)}`;
}

/** 32-bit FNV-1a as 7 base-36 characters: deterministic, short, good enough to tell keys apart. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}
