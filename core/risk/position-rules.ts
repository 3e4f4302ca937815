/**
 * Rules about positions: exits may not over-close, entries may not flip or short delivery, must
 * carry a stop on the right side, and must fit the position-count limits.
 */
import { stopSideProblem } from '../sizing';
import { heldQuantity, workingEntries, type AccountState } from './context';
import { isPositive, PASS, reject, type RuleContext, type RuleOutcome } from './rule';

/** An exit plus the exits already working may not close more than is held. */
export function checkOverClose({ effect, proposal, account }: RuleContext): RuleOutcome {
  if (effect !== 'reduce') return PASS;
  // Closing orders already working (a protective stop, an earlier exit) may fill too: together
  // they must not sell more than is held, or the account ends up short by accident.
  const working = account.workingOrders
    .filter((o) => o.symbol === proposal.symbol && o.side === proposal.side)
    .reduce((sum, o) => sum + o.quantity, 0);
  const held = Math.abs(heldQuantity(account, proposal.symbol));
  if (proposal.quantity + working <= held) return PASS;
  return reject(
    `${proposal.side} ${proposal.quantity} plus ${working} already working would close more than the ${held} held: cancel the working order(s) first`,
  );
}

/** One order may not close a position and open the other side. */
export function checkFlip({ effect, proposal, account }: RuleContext): RuleOutcome {
  if (effect !== 'flip') return PASS;
  const held = heldQuantity(account, proposal.symbol);
  return reject(
    `${proposal.side} ${proposal.quantity} would reverse the ${held}-share position: close it (${Math.abs(held)}) first, then enter`,
  );
}

/** Delivery (CNC) orders cannot sell short. */
export function checkDeliveryShort({ proposal }: RuleContext): RuleOutcome {
  return proposal.product === 'CNC' && proposal.side === 'SELL'
    ? reject('a delivery (CNC) order cannot sell shares the account does not hold; short only INTRADAY')
    : PASS;
}

/** Entries carry a protective stop on the loss side of the entry price. */
export function checkStopLoss({ proposal, reference }: RuleContext): RuleOutcome {
  if (!isPositive(proposal.stopLoss)) return reject('an entry must carry a protective stopLoss above 0');
  const problem = stopSideProblem(proposal.side, reference, proposal.stopLoss);
  return problem ? reject(problem) : PASS;
}

/** Symbols with an open position or a working entry order: the account's used slots. */
function usedSlots(account: AccountState): Set<string> {
  const open = account.positions.filter((p) => p.quantity !== 0).map((p) => p.symbol);
  return new Set([...open, ...workingEntries(account).map((o) => o.symbol)]);
}

/** A new symbol needs a free position slot (open plus pending entries). */
export function checkOpenPositions({ proposal, account }: RuleContext): RuleOutcome {
  const slots = usedSlots(account);
  const max = account.limits.maxOpenPositions;
  if (slots.has(proposal.symbol) || slots.size < max) return PASS;
  return reject(`${slots.size} positions are open or pending (${[...slots].join(', ')}); the limit is ${max}`);
}

/** Entries in one symbol (position entries plus pending ones) stay under the per-symbol limit. */
export function checkPositionsPerSymbol({ proposal, account }: RuleContext): RuleOutcome {
  const held = account.positions.filter((p) => p.symbol === proposal.symbol && p.quantity !== 0);
  const pending = workingEntries(account).filter((o) => o.symbol === proposal.symbol).length;
  const entries = held.reduce((sum, p) => sum + (p.entries ?? 1), 0) + pending;
  const max = account.limits.maxPositionsPerSymbol;
  return entries < max
    ? PASS
    : reject(`${proposal.symbol} already has ${entries} entr${entries === 1 ? 'y' : 'ies'}; the limit is ${max}`);
}
