import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { allocatedCapital, ConfigError, loadConfig, readEnv } from '../../../config';
import { CONFIG_TABLE_END, CONFIG_TABLE_START, renderConfigTable, renderEnvExample } from '../../../config/env-docs';

/** Loads with only the given variables (never the developer's own environment). */
const load = (env: Record<string, string>) => loadConfig(env);

function problemsOf(env: Record<string, string>): string {
  try {
    load(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  const config = load({});

  test('paper trading on the simulator with the two seed accounts', () => {
    expect(config.trading).toEqual({
      mode: 'paper',
      marketData: 'simulator',
      totalCapital: 1_000_000,
      simulatedTickMs: 15_000,
      paperSlippageBps: 1,
    });
    expect(config.simulator).toEqual({ port: 8700, seed: 1 });
    expect(config.llm).toMatchObject({
      budget: { dailyTokens: 400_000, dailyInr: 200, whenExhausted: 'rules' },
      usdInr: 84,
    });
    expect(config.api).toMatchObject({ host: '127.0.0.1', port: 8000, readsPublic: false });
    expect(config.temporal).toMatchObject({ namespace: 'default', taskQueue: 'trading', devPort: 7233, uiPort: 8233 });
    expect(config.database.url).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.llm.apiKey).toBeUndefined();
    expect(config.accounts.map((a) => [a.id, a.model, a.capitalSharePct, a.stocks, a.strategies])).toEqual([
      ['claude', 'anthropic/claude-3.5-sonnet', 60, ['RELIANCE', 'TCS', 'INFY'], ['vwap', 'ema']],
      ['gpt', 'openai/gpt-4-turbo', 40, ['HDFCBANK', 'ICICIBANK'], ['rsi', 'smc']],
    ]);
  });

  test('allocated capital follows the share: 60 % and 40 % of ₹10,00,000', () => {
    expect(config.accounts.map((a) => allocatedCapital(config, a))).toEqual([600_000, 400_000]);
  });

  test('risk limits default to the seed: 2 % per trade, 3 positions, 10 % daily loss', () => {
    expect(config.accounts[0]?.risk).toEqual({
      riskPerTradePct: 2,
      maxOpenPositions: 3,
      maxPositionsPerSymbol: 1,
      dailyLossLimitPct: 10,
      intradayLeverage: 1,
    });
  });
});

describe('a wrong value stops start-up naming the variable, the value and what is allowed', () => {
  test.each([
    ['TRADING_MODE', 'livee', 'paper | live'],
    ['MARKET_DATA', 'yahoo', 'simulator | dhan'],
    ['API_PORT', 'eighty', 'a TCP port'],
    ['API_PORT', '70000', 'a TCP port'],
    ['TOTAL_CAPITAL', '-5', 'a positive number of rupees'],
    ['LOG_LEVEL', 'loud', 'fatal | error'],
    ['TEMPORAL_ADDRESS', 'http://localhost', 'host:port'],
    ['DATABASE_URL', 'mysql://x', 'postgres://'],
    ['API_READS_PUBLIC', 'yes', 'true | false'],
  ])('%s=%s', (name, value, allowed) => {
    const message = problemsOf({ [name]: value });
    const line = message.split('\n').find((l) => l.includes(`${name}=`));
    expect(line).toBeDefined();
    expect(line).toContain(allowed);
    if (name !== 'DATABASE_URL') expect(line).toContain(JSON.stringify(value));
  });

  test('every wrong variable is reported at once', () => {
    const message = problemsOf({ TRADING_MODE: 'x', API_PORT: 'y', TOTAL_CAPITAL: 'z' });
    expect(message).toMatch(/TRADING_MODE=/);
    expect(message).toMatch(/API_PORT=/);
    expect(message).toMatch(/TOTAL_CAPITAL=/);
  });

  test('a secret is masked in the message', () => {
    const token = 'short-tok';
    const message = problemsOf({ DHAN_ACCESS_TOKEN: token, DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(message).not.toContain(token);
    expect(message).not.toContain('hunter2');
    expect(message).toMatch(/DHAN_ACCESS_TOKEN=.*\*\*\*\*/);
  });
});

describe('accounts', () => {
  const base = { id: 'solo', model: 'm/x', capitalSharePct: 50, stocks: ['TCS'], strategies: ['rsi'] };

  test('ACCOUNTS replaces the defaults', () => {
    const config = load({ ACCOUNTS: JSON.stringify([base]), TOTAL_CAPITAL: '200000' });
    expect(config.accounts.map((a) => a.id)).toEqual(['solo']);
    expect(allocatedCapital(config, config.accounts[0]!)).toBe(100_000);
  });

  test.each([
    ['not JSON', '[{', 'not valid JSON'],
    ['an unknown stock', JSON.stringify([{ ...base, stocks: ['TESLA'] }]), 'ACCOUNTS[0.stocks.0]'],
    ['an unknown strategy', JSON.stringify([{ ...base, strategies: ['magic'] }]), 'ACCOUNTS[0.strategies.0]'],
    ['shares above 100 %', JSON.stringify([base, { ...base, id: 'two', capitalSharePct: 60 }]), 'at most 100'],
    ['duplicate ids', JSON.stringify([base, { ...base, capitalSharePct: 10 }]), 'unique'],
    ['an id too long for a correlation id', JSON.stringify([{ ...base, id: 'averyverylongid' }]), 'at most 12'],
    ['a risk limit out of range', JSON.stringify([{ ...base, risk: { riskPerTradePct: 50 } }]), 'riskPerTradePct'],
    ['an unknown field', JSON.stringify([{ ...base, leverage: 10 }]), 'leverage'],
  ])('%s is refused', (_what, json, expected) => {
    expect(problemsOf({ ACCOUNTS: json })).toContain(expected);
  });

  test('ACCOUNT_<ID>_MODEL overrides one model', () => {
    const config = load({ ACCOUNT_GPT_MODEL: 'openai/gpt-4o' });
    expect(config.accounts.find((a) => a.id === 'gpt')?.model).toBe('openai/gpt-4o');
    expect(config.accounts.find((a) => a.id === 'claude')?.model).toBe('anthropic/claude-3.5-sonnet');
  });

  test('an override for an account that does not exist is an error', () => {
    expect(problemsOf({ ACCOUNT_NOPE_MODEL: 'x/y' })).toContain('ACCOUNT_NOPE_MODEL="x/y": no account has id "nope"');
  });
});

describe('live trading needs two explicit switches and is never reachable from a test', () => {
  test('live without credentials or confirmation names all three missing variables', () => {
    const message = problemsOf({ TRADING_MODE: 'live' });
    expect(message).toMatch(/DHAN_CLIENT_ID=\(unset\): required when TRADING_MODE=live/);
    expect(message).toMatch(/DHAN_ACCESS_TOKEN=\(unset\): required when TRADING_MODE=live/);
    expect(message).toMatch(/LIVE_TRADING_CONFIRM=\(unset\): must be I_ACCEPT_REAL_MONEY_RISK/);
  });

  test('a wrong confirmation phrase is refused', () => {
    const message = problemsOf({
      TRADING_MODE: 'live',
      DHAN_CLIENT_ID: '1000000001',
      DHAN_ACCESS_TOKEN: 'x'.repeat(40),
      LIVE_TRADING_CONFIRM: 'yes',
    });
    expect(message).toContain('LIVE_TRADING_CONFIRM="yes": allowed: I_ACCEPT_REAL_MONEY_RISK');
  });

  test('even with every switch set, live is refused under a test runner', () => {
    const message = problemsOf({
      TRADING_MODE: 'live',
      DHAN_CLIENT_ID: '1000000001',
      DHAN_ACCESS_TOKEN: 'x'.repeat(40),
      LIVE_TRADING_CONFIRM: 'I_ACCEPT_REAL_MONEY_RISK',
    });
    expect(message).toContain('TRADING_MODE="live": live trading is refused under tests');
  });

  test('Dhan market data needs Dhan credentials', () => {
    expect(problemsOf({ MARKET_DATA: 'dhan' })).toMatch(/DHAN_CLIENT_ID=\(unset\): required when MARKET_DATA=dhan/);
  });
});

describe('secrets', () => {
  test('a secret never prints, stringifies or inspects to its value', () => {
    const token = 'tok-abcdefghijklmnopqrstuvwxyz';
    const config = load({
      DHAN_CLIENT_ID: '1000000001',
      DHAN_ACCESS_TOKEN: token,
      OPENROUTER_API_KEY: 'sk-test-123456',
    });
    const views = [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      String(config.dhan.accessToken),
      `${config.llm.apiKey}`,
    ];
    for (const view of views) {
      expect(view).not.toContain(token);
      expect(view).not.toContain('sk-test-123456');
    }
    expect(config.dhan.accessToken?.reveal()).toBe(token);
  });
});

describe('.env', () => {
  test('values come from .env, and the real environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'API_PORT=9100\nTOTAL_CAPITAL=500000\n');
    const config = loadConfig(readEnv({ TOTAL_CAPITAL: '750000' }, file));
    expect(config.api.port).toBe(9100);
    expect(config.trading.totalCapital).toBe(750_000);
  });

  test('a missing .env is fine', () => {
    expect(readEnv({ A: '1' }, '/nonexistent/.env')).toEqual({ A: '1' });
  });

  test('.env.example and the README table are generated from the variable table and up to date', () => {
    const root = resolve(__dirname, '../../..');
    expect(readFileSync(join(root, '.env.example'), 'utf8')).toBe(renderEnvExample());
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(
      readme.indexOf(CONFIG_TABLE_START) + CONFIG_TABLE_START.length,
      readme.indexOf(CONFIG_TABLE_END),
    );
    expect(table.trim()).toBe(renderConfigTable());
  });
});
