import { workflowUrl } from '../../../api/control/temporal-links';
import { configPatchBody } from '../../../api/schemas/accounts';
import { toJson } from '../../../api/schemas/json';
import { manualTradeBody } from '../../../api/schemas/trades';

describe('toJson', () => {
  test('turns Dates into ISO strings at any depth and leaves the rest alone', () => {
    const record = {
      at: new Date('2026-06-19T05:30:00Z'),
      n: 1.5,
      none: null,
      list: [{ t: new Date(0) }, 'x'],
      nested: { deeper: { when: new Date('2026-01-01T00:00:00.123Z') } },
    };
    expect(toJson(record)).toEqual({
      at: '2026-06-19T05:30:00.000Z',
      n: 1.5,
      none: null,
      list: [{ t: '1970-01-01T00:00:00.000Z' }, 'x'],
      nested: { deeper: { when: '2026-01-01T00:00:00.123Z' } },
    });
  });
});

describe('workflowUrl', () => {
  test('builds the Web UI page of a run, encoding ids, with or without a run id', () => {
    expect(workflowUrl('http://localhost:8233/', 'default', 'account-claude', 'r-1')).toBe(
      'http://localhost:8233/namespaces/default/workflows/account-claude/r-1',
    );
    expect(workflowUrl('http://ui', 'ns', 'cycle-a-2026-06-19T04:00:00Z', null)).toBe(
      'http://ui/namespaces/ns/workflows/cycle-a-2026-06-19T04%3A00%3A00Z',
    );
    expect(workflowUrl(undefined, 'ns', 'w', 'r')).toBeNull();
  });
});

describe('request schemas', () => {
  test('a config patch keeps only what it names (no risk defaults creep in) and must name something', () => {
    expect(configPatchBody.parse({ risk: { maxOpenPositions: 2 } })).toEqual({ risk: { maxOpenPositions: 2 } });
    expect(configPatchBody.safeParse({}).success).toBe(false);
    expect(configPatchBody.safeParse({ risk: { maxOpenPositions: 11 } }).success).toBe(false);
  });

  test('a manual trade fills defaults and checks the prices its order type needs', () => {
    const base = { accountId: 'a1', symbol: 'TCS', side: 'SELL', quantity: 3 };
    expect(manualTradeBody.parse(base)).toEqual({
      ...base,
      orderType: 'MARKET',
      product: 'INTRADAY',
      reason: 'manual trade through the API',
    });
    expect(manualTradeBody.safeParse({ ...base, orderType: 'LIMIT', price: 3500 }).success).toBe(true);
    const stop = manualTradeBody.safeParse({ ...base, orderType: 'STOP_LOSS', price: 3500 });
    expect(stop.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['triggerPrice', 'required for STOP_LOSS'],
    ]);
  });
});
