import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { type z } from 'zod';
import { type AccountSpec, accountSpecsSchema, DEFAULT_ACCOUNTS } from '../contracts/account';
import { maskSecret, Secret } from './secret';
import { ACCOUNT_MODEL_OVERRIDE, type VariableName, VARIABLES } from './variables';

export { Secret } from './secret';

export type TradingMode = 'paper' | 'live';

/** The desk's whole configuration, parsed and checked once per process. */
export interface Config {
  readonly dataDir: string;
  readonly database: { readonly url?: Secret; readonly embeddedPort: number };
  readonly temporal: {
    /** Unset: the dev stack starts a local dev server on `devPort`. */
    readonly address?: string;
    readonly namespace: string;
    readonly taskQueue: string;
    readonly devPort: number;
    readonly uiPort: number;
    readonly uiUrl?: string;
    readonly cliPath?: string;
    /** Prebuilt workflow bundle for workers. */
    readonly workflowBundlePath?: string;
  };
  readonly dhan: { readonly clientId?: string; readonly accessToken?: Secret; readonly baseUrl: string };
  readonly llm: {
    readonly apiKey?: Secret;
    readonly baseUrl: string;
    readonly budget: {
      readonly dailyTokens: number;
      readonly dailyInr: number;
      readonly whenExhausted: 'rules' | 'hold';
    };
    readonly usdInr: number;
  };
  readonly trading: {
    readonly mode: TradingMode;
    readonly marketData: 'simulator' | 'dhan';
    readonly totalCapital: number;
    /** Wall milliseconds between cycles in simulator mode. */
    readonly simulatedTickMs: number;
    /** Slippage of the paper broker's market-like fills (MARKET_DATA=dhan), basis points. */
    readonly paperSlippageBps: number;
  };
  readonly simulator: {
    readonly port: number;
    /** Where `npm run worker`/`npm run api` find a simulator run elsewhere; unset = 127.0.0.1:port. */
    readonly url?: string;
    /** IST date the simulated market starts on; unset = the next trading day. */
    readonly start?: string;
    readonly seed: number;
    /** Folder of OHLCV CSVs to replay. */
    readonly dataDir?: string;
  };
  /** Backtests started through the API: the folder whose named sub-folders of CSVs they may read. */
  readonly backtest: { readonly csvRoot?: string };
  readonly api: {
    readonly host: string;
    readonly port: number;
    readonly key?: Secret;
    readonly readsPublic: boolean;
    /** Browser origins allowed by CORS; empty: no cross-origin calls. */
    readonly corsOrigins: readonly string[];
  };
  readonly logLevel: string;
  readonly accounts: readonly AccountSpec[];
}

/** One wrong value: which variable, what it held (masked if secret) and what is allowed. */
export interface ConfigProblem {
  readonly variable: string;
  readonly value: string | undefined;
  readonly allowed: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      'Invalid configuration (fix these variables in the environment or .env):\n' +
        problems
          .map((p) => `  - ${p.variable}=${p.value === undefined ? '(unset)' : JSON.stringify(p.value)}: ${p.allowed}`)
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads `.env` (if present) under the process environment: real environment variables win,
 * so CI and containers can override a developer's file.
 */
export function readEnv(env: Env = process.env, envFile = resolve('.env')): Env {
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {};
  return { ...fromFile, ...env };
}

/**
 * Parses and cross-checks the configuration. Throws a `ConfigError` listing every wrong value.
 *
 * @param env the variables to read, usually `readEnv()`.
 */
export function loadConfig(env: Env = readEnv()): Config {
  const problems: ConfigProblem[] = [];
  const shown = (name: string, raw: string | undefined, secret?: boolean) =>
    raw === undefined ? undefined : secret ? maskSecret(raw) : raw;

  function get<N extends VariableName>(name: N): z.infer<(typeof VARIABLES)[N]['schema']> | undefined {
    const spec = VARIABLES[name] as (typeof VARIABLES)[VariableName];
    const given = env[name];
    const raw = given === undefined || given.trim() === '' ? spec.default : given.trim();
    if (raw === undefined) return undefined;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      problems.push({ variable: name, value: shown(name, raw, spec.secret), allowed: `allowed: ${spec.allowed}` });
      return undefined;
    }
    return parsed.data as z.infer<(typeof VARIABLES)[N]['schema']>;
  }
  const secret = (value: string | undefined) => (value === undefined ? undefined : new Secret(value));

  const mode = get('TRADING_MODE') ?? 'paper';
  const marketData = get('MARKET_DATA') ?? 'simulator';
  const dhanClientId = get('DHAN_CLIENT_ID');
  const dhanToken = get('DHAN_ACCESS_TOKEN');
  const liveConfirm = get('LIVE_TRADING_CONFIRM');

  const needsDhan = (why: string) => {
    if (dhanClientId === undefined && !problems.some((p) => p.variable === 'DHAN_CLIENT_ID'))
      problems.push({ variable: 'DHAN_CLIENT_ID', value: undefined, allowed: `required when ${why}` });
    if (dhanToken === undefined && !problems.some((p) => p.variable === 'DHAN_ACCESS_TOKEN'))
      problems.push({ variable: 'DHAN_ACCESS_TOKEN', value: undefined, allowed: `required when ${why}` });
  };
  if (mode === 'live') {
    needsDhan('TRADING_MODE=live');
    if (liveConfirm === undefined && !problems.some((p) => p.variable === 'LIVE_TRADING_CONFIRM'))
      problems.push({
        variable: 'LIVE_TRADING_CONFIRM',
        value: undefined,
        allowed: `must be ${VARIABLES.LIVE_TRADING_CONFIRM.allowed} to trade real money (TRADING_MODE=live)`,
      });
    // Tests must never reach real money, whatever environment they pass in.
    const underTest = (e: Env) => e.JEST_WORKER_ID !== undefined || e.NODE_ENV === 'test';
    if (underTest(env) || underTest(process.env))
      problems.push({ variable: 'TRADING_MODE', value: 'live', allowed: 'live trading is refused under tests' });
  }
  if (marketData === 'dhan') needsDhan('MARKET_DATA=dhan');

  const accounts = parseAccounts(env, get('ACCOUNTS'), problems);

  const config: Config = {
    dataDir: resolve(get('DATA_DIR') ?? '.data'),
    database: { url: secret(get('DATABASE_URL')), embeddedPort: get('EMBEDDED_POSTGRES_PORT') ?? 54329 },
    temporal: {
      address: get('TEMPORAL_ADDRESS'),
      namespace: get('TEMPORAL_NAMESPACE') ?? 'default',
      taskQueue: get('TEMPORAL_TASK_QUEUE') ?? 'trading',
      devPort: get('TEMPORAL_DEV_PORT') ?? 7233,
      uiPort: get('TEMPORAL_UI_PORT') ?? 8233,
      uiUrl: get('TEMPORAL_UI_URL'),
      cliPath: get('TEMPORAL_CLI'),
      workflowBundlePath: get('WORKFLOW_BUNDLE_PATH'),
    },
    dhan: { clientId: dhanClientId, accessToken: secret(dhanToken), baseUrl: get('DHAN_BASE_URL') ?? '' },
    llm: {
      apiKey: secret(get('OPENROUTER_API_KEY')),
      baseUrl: get('OPENROUTER_BASE_URL') ?? '',
      budget: {
        dailyTokens: get('LLM_DAILY_TOKENS') ?? 400_000,
        dailyInr: get('LLM_DAILY_INR') ?? 200,
        whenExhausted: get('LLM_WHEN_EXHAUSTED') ?? 'rules',
      },
      usdInr: get('USD_INR') ?? 84,
    },
    trading: {
      mode,
      marketData,
      totalCapital: get('TOTAL_CAPITAL') ?? 1_000_000,
      simulatedTickMs: Math.round((get('TICK_SECONDS') ?? 15) * 1000),
      paperSlippageBps: get('PAPER_SLIPPAGE_BPS') ?? 1,
    },
    simulator: {
      port: get('DHAN_SIMULATOR_PORT') ?? 8700,
      url: get('DHAN_SIMULATOR_URL'),
      start: get('SIMULATOR_START'),
      seed: get('SIMULATOR_SEED') ?? 1,
      dataDir: get('SIMULATOR_DATA'),
    },
    backtest: { csvRoot: get('BACKTEST_CSV_ROOT') },
    api: {
      host: get('API_HOST') ?? '127.0.0.1',
      port: get('API_PORT') ?? 8000,
      key: secret(get('API_KEY')),
      readsPublic: get('API_READS_PUBLIC') ?? false,
      corsOrigins: get('API_CORS_ORIGINS') ?? [],
    },
    logLevel: get('LOG_LEVEL') ?? 'info',
    accounts,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function parseAccounts(env: Env, json: string | undefined, problems: ConfigProblem[]): AccountSpec[] {
  let raw: unknown = DEFAULT_ACCOUNTS;
  if (json !== undefined) {
    try {
      raw = JSON.parse(json);
    } catch (e) {
      problems.push({ variable: 'ACCOUNTS', value: json, allowed: `not valid JSON (${(e as Error).message})` });
      return [];
    }
  }
  const overrides = Object.entries(env).flatMap(([name, value]) => {
    const match = ACCOUNT_MODEL_OVERRIDE.exec(name);
    return match?.[1] && value?.trim() ? [{ name, id: match[1].toLowerCase(), model: value.trim() }] : [];
  });
  if (Array.isArray(raw)) {
    raw = raw.map((a: unknown) => {
      const id = (a as { id?: unknown })?.id;
      const override = overrides.find((o) => o.id === id);
      return override ? { ...(a as object), model: override.model } : a;
    });
  }
  for (const o of overrides) {
    if (!Array.isArray(raw) || !raw.some((a: { id?: unknown }) => a?.id === o.id))
      problems.push({ variable: o.name, value: o.model, allowed: `no account has id "${o.id}"` });
  }
  const parsed = accountSpecsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.length ? `[${issue.path.join('.')}]` : '';
      const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k as PropertyKey], raw);
      problems.push({
        variable: `ACCOUNTS${path}`,
        value: value === undefined ? undefined : JSON.stringify(value),
        allowed: issue.message,
      });
    }
    return [];
  }
  return parsed.data;
}

/** The capital each account trades with, in rupees. */
export function allocatedCapital(
  config: { readonly trading: Pick<Config['trading'], 'totalCapital'> },
  account: Pick<AccountSpec, 'capitalSharePct'>,
): number {
  return Math.round(config.trading.totalCapital * account.capitalSharePct) / 100;
}
