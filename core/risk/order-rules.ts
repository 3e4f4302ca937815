/**
 * Rules about the order itself and the exchange's limits: well-formed quantity and prices, an
 * allowed symbol, inside the price band, under the order-rate ceiling, not a duplicate.
 */
import { isOnTick } from '../ticks';
import { isPositive, PASS, reject, type RuleContext, type RuleOutcome } from './rule';

/** Quantity is a whole number of shares above 0. */
export function checkQuantity({ proposal }: RuleContext): RuleOutcome {
  const q = proposal.quantity;
  return Number.isInteger(q) && q > 0 ? PASS : reject(`quantity must be a whole number of shares above 0, got ${q}`);
}

/** Limit and trigger prices are present where the order type needs them and lie on the tick; a last price is known. */
export function checkOrderPrices({ proposal, market, tick }: RuleContext): RuleOutcome {
  const { orderType, price, triggerPrice } = proposal;
  if (!isPositive(market.lastPrice))
    return reject(`no valid last price for ${proposal.symbol}: cannot value the order`);
  if ((orderType === 'LIMIT' || orderType === 'STOP_LOSS') && !isPositive(price)) {
    return reject(`a ${orderType} order needs a limit price above 0`);
  }
  if ((orderType === 'STOP_LOSS' || orderType === 'STOP_LOSS_MARKET') && !isPositive(triggerPrice)) {
    return reject(`a ${orderType} order needs a trigger price above 0`);
  }
  for (const [name, value] of [
    ['price', price],
    ['trigger price', triggerPrice],
  ] as const) {
    if (value !== undefined && tick !== undefined && !isOnTick(value, tick)) {
      return reject(`${name} ${value} is not a multiple of the ₹${tick} tick`);
    }
  }
  return PASS;
}

/** The symbol is one of the account's stocks and a known instrument. */
export function checkSymbol({ proposal, account, tick }: RuleContext): RuleOutcome {
  if (!account.allowedSymbols.includes(proposal.symbol)) {
    return reject(`${proposal.symbol} is not one of this account's stocks (${account.allowedSymbols.join(', ')})`);
  }
  return tick === undefined ? reject(`${proposal.symbol} has no known tick size: unknown instrument`) : PASS;
}

/** Order requests in the last second stay under the desk ceiling (below the exchange 10/s). */
export function checkOrderRate({ account, market, maxOrdersPerSecond }: RuleContext): RuleOutcome {
  const lastSecond = account.recentOrderTimes.filter((t) => t > market.now - 1000 && t <= market.now).length;
  return lastSecond < maxOrdersPerSecond
    ? PASS
    : reject(
        `${lastSecond} order requests in the last second: the desk's ceiling is ${maxOrdersPerSecond}/s; retry shortly`,
      );
}

/** Every price of the order lies inside today's price band, when the band is known. */
export function checkCircuit({ proposal, market }: RuleContext): RuleOutcome {
  const band = market.circuit;
  if (!band) return PASS;
  const prices = [
    proposal.price,
    proposal.triggerPrice,
    proposal.orderType === 'MARKET' ? market.lastPrice : undefined,
  ];
  const outside = prices.find((p) => p !== undefined && (p < band.lower || p > band.upper));
  return outside === undefined
    ? PASS
    : reject(`price ${outside} is outside today's band ${band.lower}–${band.upper}; the exchange would reject it`);
}

/** No identical order (symbol, side, quantity) is already working. */
export function checkDuplicate({ proposal, account }: RuleContext): RuleOutcome {
  const twin = account.workingOrders.find(
    (o) => o.symbol === proposal.symbol && o.side === proposal.side && o.quantity === proposal.quantity,
  );
  return twin
    ? reject(
        `order ${twin.orderKey} (${twin.side} ${twin.quantity} ${twin.symbol}) is already working: not sending it twice`,
      )
    : PASS;
}
