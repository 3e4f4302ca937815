/**
 * Rules about the account's state and the trading day: risk state, market hours, the daily loss
 * limit, the square-off time and the entry window.
 */
import { calendarCovers, isTradingDay } from '../calendar';
import { istClock, istDateKey } from '../time';
import { PASS, reject, rupees, type RuleContext, type RuleOutcome } from './rule';
import { dailyLossBreached } from './state';

const DESK_SOURCES: readonly string[] = ['squareoff', 'risk'];

/** HALTED passes only the desk flatten orders; REDUCING passes only reducing orders. */
export function checkRiskState({ proposal, account, effect }: RuleContext): RuleOutcome {
  if (account.riskState === 'HALTED' && !(effect === 'reduce' && DESK_SOURCES.includes(proposal.source))) {
    return reject('account is HALTED: only the desk\'s own flatten orders (source "squareoff" or "risk") may pass');
  }
  if (account.riskState === 'REDUCING' && effect !== 'reduce') {
    return reject('account is REDUCING: only orders that shrink an open position may pass');
  }
  return PASS;
}

/** The market is open: a covered year, a trading day, 09:15–15:30 IST. */
export function checkMarketHours({ market, phase, calendar }: RuleContext): RuleOutcome {
  if (!calendarCovers(market.now, calendar)) {
    const year = istDateKey(market.now).slice(0, 4);
    return reject(`no NSE holiday list loaded for ${year}: load one before trading that year`);
  }
  if (!isTradingDay(market.now, calendar)) {
    return reject(`${istDateKey(market.now)} is not an NSE trading day (weekend or holiday)`);
  }
  return phase === 'closed' ? reject(`market is closed at ${istClock(market.now)} IST (open 09:15–15:30)`) : PASS;
}

/** Entries stop once today's loss reaches the daily limit. */
export function checkDailyLoss({ account }: RuleContext): RuleOutcome {
  const { equity, startOfDayEquity, limits } = account;
  if (!dailyLossBreached(equity, startOfDayEquity, limits.dailyLossLimitPct)) return PASS;
  const limit = (limits.dailyLossLimitPct / 100) * startOfDayEquity;
  return reject(
    `today's loss ${rupees(startOfDayEquity - equity)} reached the limit ${rupees(limit)} (${limits.dailyLossLimitPct}% of start-of-day equity): no new entries; flatten`,
  );
}

/** From 15:15 on, no entries. */
export function checkSquareOff({ phase }: RuleContext): RuleOutcome {
  return phase === 'square-off'
    ? reject('after the 15:15 square-off time only orders that reduce a position may pass')
    : PASS;
}

/** Entries only between 09:30 and 14:45. */
export function checkEntryWindow({ phase, market }: RuleContext): RuleOutcome {
  if (phase === 'opening') return reject(`no new entries before 09:30 (now ${istClock(market.now)} IST)`);
  if (phase === 'no-new-entries') return reject(`no new entries after 14:45 (now ${istClock(market.now)} IST)`);
  return PASS;
}
