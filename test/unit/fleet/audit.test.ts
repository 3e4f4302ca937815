/**
 * The order audit that judges the fault suite and the scale-out run: it must see an order placed
 * twice, an order the desk lost track of, and an order that never left the desk.
 */
import { type BrokerOrder, compareOrderBooks, type RecordedOrder } from '../../../scripts/fleet/audit';

const row = (key: string, brokerId: string | null, quantity = 10, status = 'TRADED'): RecordedOrder => ({
  correlation_id: key,
  broker_order_id: brokerId,
  quantity,
  status,
  rejection_reason: status === 'EXPIRED' ? 'valid until passed before it was sent' : null,
});
const order = (key: string, orderId: string, quantity = 10): BrokerOrder => ({ correlationId: key, orderId, quantity });

test('matching books: nothing duplicated, nothing lost', () => {
  const audit = compareOrderBooks([order('k1', '1'), order('k2', '2')], [row('k1', '1'), row('k2', '2')]);
  expect(audit).toEqual({ atBroker: 2, recorded: 2, duplicates: [], lost: [], unsent: [] });
});

test('a correlation id twice at the broker is a duplicate', () => {
  const audit = compareOrderBooks([order('k1', '1'), order('k1', '7')], [row('k1', '1')]);
  expect(audit.duplicates).toEqual(['k1']);
});

test('a broker order without its row, with another broker id or another quantity is lost', () => {
  const audit = compareOrderBooks(
    [order('k1', '1'), order('k2', '2'), order('k3', '3', 5), order('k4', '4')],
    [row('k2', '9'), row('k3', '3'), row('k4', null)],
  );
  expect(audit.lost).toEqual(['k1', 'k2', 'k3', 'k4']);
});

test('a recorded order the broker never saw is listed with its status and reason', () => {
  const audit = compareOrderBooks([], [row('k1', null, 10, 'EXPIRED')]);
  expect(audit.unsent).toEqual([
    { correlationId: 'k1', status: 'EXPIRED', reason: 'valid until passed before it was sent' },
  ]);
});
