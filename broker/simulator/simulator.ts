/**
 * The simulator's state without HTTP: market, clock, exchange, faults and access switches. The
 * Express routes are thin over it, and tests may drive it in-process through `control`.
 */
import { createCalendar, isTradingDay, NSE_HOLIDAYS_2026, type HolidayList } from '../../core/calendar';
import { INSTRUMENTS, type Instrument } from '../../core/instruments';
import { istDateKey } from '../../core/time';
import { parseIstDateTime } from '../dhan/dates';
import { ClockBarrier } from './barrier';
import { clockState, RealtimeClock, SteppedClock, type ClockState, type MarketClock } from './clock';
import { Exchange, type ExchangeOptions } from './exchange/exchange';
import { FaultInjector } from './http/faults';
import { Market } from './market/market';
import { loadReplayFolder } from './market/replay';
import { type MarketSource } from './market/source';
import { SyntheticMarketSource } from './market/synthetic';
import { createSession } from './session';

export type MarketOptions =
  | {
      readonly kind: 'synthetic';
      /** PRNG seed (default 1): the same seed gives the same prices. */
      readonly seed?: number;
      /** Trading days of history before the start day (default 30). */
      readonly historyDays?: number;
      readonly basePrices?: Readonly<Record<string, number>>;
      readonly dailyVolatility?: number;
      readonly dailyVolume?: number;
      /** Holiday lists (default NSE 2026); other years close only on weekends. */
      readonly holidays?: readonly HolidayList[];
    }
  | {
      readonly kind: 'replay';
      /** Folder of `<SYMBOL>[_…].csv` files (e.g. ../shared/data/nse). */
      readonly folder: string;
    };

export type ClockOptions =
  | {
      readonly mode: 'stepped';
      /**
       * Start time: epoch ms, an ISO instant, or an IST `YYYY-MM-DD[ HH:MM]`. A bare date starts at
       * its 09:15 open (the next trading day's if it does not trade). Default: today's IST date for a
       * synthetic market; for a replay, the first day that has `historyDays` (≤ 5) days before it.
       */
      readonly start?: number | string;
      /** Minutes per step (default 5). */
      readonly stepMinutes?: number;
    }
  | {
      readonly mode: 'realtime';
      /** Added to the wall clock (e.g. to replay a past day at normal speed). */
      readonly offsetMs?: number;
    };

export interface SimulatorCoreOptions {
  /** The access token the simulator accepts (anything else gets DH-901). */
  readonly accessToken: string;
  readonly clientId: string;
  readonly instruments?: readonly Instrument[];
  readonly market?: MarketOptions;
  readonly clock?: ClockOptions;
  readonly exchange?: Omit<ExchangeOptions, 'clientId'>;
  /** Circuit band as a fraction of the previous close (default 0.1). */
  readonly bandPct?: number;
  /** Enforce Dhan's rate limits with 429 DH-904 (default true). */
  readonly rateLimits?: boolean;
  /** Seed of the fault-injection PRNG (default 7). */
  readonly faultSeed?: number;
  /** Wall clock for TRANSIT delays and rate limits (default `Date.now`). */
  readonly wallClock?: () => number;
  /** Wall ms after which a silent account no longer holds the shared clock back (default 30 s). */
  readonly barrierStaleMs?: number;
}

/** One handled request, for tests that count calls (headers and bodies are never kept). */
export interface RequestRecord {
  readonly method: string;
  /** Path relative to `/v2`. */
  readonly path: string;
  status?: number;
  /** `true` when the connection closed without an answer. */
  dropped?: boolean;
}

export class DhanSimulator {
  readonly market: Market;
  readonly clock: MarketClock;
  readonly exchange: Exchange;
  readonly faults: FaultInjector;
  readonly wallClock: () => number;
  /** Switches for the access errors: no data plan (DH-902), order from a non-whitelisted IP (DH-911). */
  readonly access = { dataPlan: true, staticIpWhitelisted: true };
  readonly requests: RequestRecord[] = [];
  readonly barrier: ClockBarrier;

  constructor(readonly options: SimulatorCoreOptions) {
    this.wallClock = options.wallClock ?? Date.now;
    this.barrier = new ClockBarrier(options.barrierStaleMs, this.wallClock);
    const instruments = options.instruments ?? INSTRUMENTS;
    const clockOptions = options.clock ?? { mode: 'stepped' };
    const marketOptions = options.market ?? { kind: 'synthetic' };
    const source = buildSource(marketOptions, instruments, clockOptions, this.wallClock);
    this.market = new Market(source, options.bandPct ?? 0.1);
    this.clock =
      clockOptions.mode === 'realtime'
        ? new RealtimeClock(clockOptions.offsetMs ?? 0, this.wallClock)
        : new SteppedClock(
            startOf(clockOptions.start, marketOptions.kind, source, this.market, this.wallClock),
            this.market.session,
            clockOptions.stepMinutes ?? 5,
          );
    this.exchange = new Exchange(
      this.market,
      { ...options.exchange, clientId: options.clientId },
      this.clock.now(),
      this.wallClock,
    );
    this.faults = new FaultInjector(options.faultSeed ?? 7);
  }

  /** Brings the exchange to the clock's time and returns that time. */
  sync(): number {
    const now = this.clock.now();
    this.exchange.sync(now);
    for (const wake of [...this.clockWaiters]) wake();
    return now;
  }

  /** Who waits for the clock to move (long-polling arrivals); each checks whether its time has come. */
  private readonly clockWaiters = new Set<() => void>();

  /**
   * Resolves once the clock has reached `time`, or after `waitMs` of wall time, whichever is first: an
   * account waiting at the barrier holds one request open instead of polling.
   */
  untilClockReaches(time: number, waitMs: number): Promise<void> {
    if (this.clock.now() >= time || waitMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.clockWaiters.delete(check);
        resolve();
      };
      const check = () => {
        if (this.clock.now() >= time) done();
      };
      const timer = setTimeout(done, waitMs);
      this.clockWaiters.add(check);
    });
  }

  clockState(): ClockState {
    return clockState(this.clock, this.market.session);
  }

  /** Advances a stepped clock by `steps` bars and processes what happened meanwhile. */
  advance(steps = 1): ClockState {
    this.stepped().advance(steps);
    this.sync();
    return this.clockState();
  }

  /**
   * An account is ready to trade the bar that closes at `time`: the stepped clock moves forward as far
   * as every active account has arrived (see `ClockBarrier`), never back.
   */
  arrive(participant: string, time: number): ClockState {
    const target = this.barrier.arrive(participant, time);
    if (Number.isFinite(target) && target > this.stepped().now()) this.setTime(target);
    return this.clockState();
  }

  /** Moves a stepped clock forward to `time` (epoch ms, ISO instant or IST date/time). */
  setTime(time: number | string): ClockState {
    const t = typeof time === 'number' ? time : parseTime(time);
    if (t === undefined) throw new RangeError(`not a time: ${String(time)}`);
    this.stepped().set(t);
    this.sync();
    return this.clockState();
  }

  private stepped(): SteppedClock {
    if (!(this.clock instanceof SteppedClock))
      throw new RangeError('the clock is in real-time mode; start the simulator with clock.mode "stepped" to step it');
    return this.clock;
  }
}

function parseTime(text: string): number | undefined {
  if (/T|Z|[+-]\d{2}:\d{2}$/.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : t;
  }
  return parseIstDateTime(text);
}

function buildSource(
  market: MarketOptions,
  instruments: readonly Instrument[],
  clock: ClockOptions,
  wallClock: () => number,
): MarketSource {
  if (market.kind === 'replay') return loadReplayFolder(market.folder, instruments);
  const calendar = createCalendar(market.holidays ?? [NSE_HOLIDAYS_2026]);
  const session = createSession((d) => isTradingDay(d, calendar));
  // The market must reach back `historyDays` before the clock's first instant (a shifted wall clock too).
  const start =
    clock.mode === 'realtime'
      ? wallClock() + (clock.offsetMs ?? 0)
      : clock.start !== undefined
        ? parseStart(clock.start)
        : wallClock();
  if (start === undefined)
    throw new RangeError(`clock.start is not a time: ${String((clock as { start?: unknown }).start)}`);
  const firstDay = session.tradingDaysBack(istDateKey(start), market.historyDays ?? 30);
  return new SyntheticMarketSource({
    seed: market.seed ?? 1,
    instruments,
    firstDay,
    calendar,
    basePrices: market.basePrices,
    dailyVolatility: market.dailyVolatility,
    dailyVolume: market.dailyVolume,
  });
}

function parseStart(start: number | string): number | undefined {
  return typeof start === 'number' ? start : parseTime(start);
}

/** Where a stepped clock starts (see `ClockOptions.start`). */
function startOf(
  start: number | string | undefined,
  kind: MarketOptions['kind'],
  source: MarketSource,
  market: Market,
  wallClock: () => number,
): number {
  const session = market.session;
  const openOnOrAfter = (day: string) =>
    session.isTradingDay(day) ? session.open(day) : session.open(session.nextTradingDay(day, 400) ?? day);
  if (start === undefined) {
    if (kind === 'replay') {
      // Leave a few days of history before the first simulated session (indicators need it).
      let day = source.firstDay;
      for (let i = 0; i < 5; i++) day = session.nextTradingDay(day) ?? day;
      return session.open(day);
    }
    return openOnOrAfter(istDateKey(wallClock()));
  }
  if (typeof start === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(start)) return openOnOrAfter(start);
  const t = parseStart(start);
  if (t === undefined) throw new RangeError(`clock.start is not a time: ${String(start)}`);
  return t;
}
