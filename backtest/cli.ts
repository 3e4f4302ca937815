/**
 * `npm run backtest -- --account claude --from 2026-05-20 --to 2026-06-19 --data ../shared/data/nse`
 *
 * Replays an account's sessions through the live cycle's functions, prints the summary, writes the
 * trades CSV, the equity and drawdown PNG and an HTML report, and stores the result in Postgres
 * (listed by `GET /api/backtests`) when the desk's database is reachable. `--help` lists the options.
 */
import { Presets, SingleBar } from 'cli-progress';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DhanBroker } from '../broker/dhan/dhan-broker';
import { DhanClient } from '../broker/dhan/client';
import { type BacktestData } from '../activities/backtest';
import { type Config, ConfigError, loadConfig } from '../config';
import { type AccountSpec } from '../contracts/account';
import { istDateKey } from '../core/time';
import { type Database } from '../db';
import { createRepositories } from '../db/repositories';
import { createChatClient } from '../llm/client';
import { type CsvFormat, type OhlcvField } from './data/csv';
import { type DataSource, describeSource } from './data';
import { openDeskDatabase } from './desk-db';
import { runBacktestJob } from './job';
import { diskResponseCache, type ResponseCache } from './llm/cache';
import { runBacktestWorkflow } from './cli-workflow';
import { type BacktestSpec, parseBacktestSpec } from './spec';
import { postgresResponseCache } from './store';

const USAGE = `usage: npm run backtest -- --account <id> --from YYYY-MM-DD --to YYYY-MM-DD --data <source> [options]

  --data <folder>        a folder of OHLCV CSV files, <SYMBOL>.csv or <SYMBOL>_*.csv (e.g. ../shared/data/nse)
         simulator       the built-in simulator's synthetic market (--seed, default SIMULATOR_SEED)
         dhan            Dhan historical candles (DHAN_CLIENT_ID, DHAN_ACCESS_TOKEN), cached in DATA_DIR/dhan-candles
         db              the desk's candles table (what the live cycles decided on)
  --decider rules|llm    default rules; llm uses the account's model (or --model) through OpenRouter,
                         every reply cached (Postgres, else DATA_DIR/llm-cache): a rerun costs nothing
  --model <id>  --prompt-version <v>  --max-llm-inr <₹, default 500>  --max-llm-tokens <n, default 2000000>
  --stocks A,B  --strategies vwap,ema  --capital <₹>   override the account's
  --analysis stream|window   stream (default, fast) or the live cycle's 21-day window at every cycle (slow, exact)
  --columns time=Date,open=O,…  --tz UTC|IST|+05:30  --stamp start|end   CSV layout (default: auto, naive times IST)
  --seed <n>  --sim-start YYYY-MM-DD   the synthetic market (default: its clock starts on --from)
  --out <dir>            report folder (default DATA_DIR/backtests/<run>)
  --name <text>  --no-save (do not store in Postgres)
  --workflow             run it as the desk's Temporal workflow on its workers (TEMPORAL_ADDRESS; default the
                         dev server of \`npm start\`) and follow its progress; the result is always stored`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function options() {
  try {
    return parseArgs({
      options: {
        account: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        data: { type: 'string' },
        decider: { type: 'string', default: 'rules' },
        model: { type: 'string' },
        'prompt-version': { type: 'string' },
        'max-llm-inr': { type: 'string' },
        'max-llm-tokens': { type: 'string' },
        stocks: { type: 'string' },
        strategies: { type: 'string' },
        capital: { type: 'string' },
        analysis: { type: 'string' },
        columns: { type: 'string' },
        tz: { type: 'string' },
        stamp: { type: 'string' },
        seed: { type: 'string' },
        'sim-start': { type: 'string' },
        out: { type: 'string' },
        name: { type: 'string' },
        'no-save': { type: 'boolean', default: false },
        workflow: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

type Options = ReturnType<typeof options>;

const list = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));

/** `time=Datetime,open=Open` (or `volume=5`, a column index). */
function csvFormat(o: Options): CsvFormat {
  const columns: Partial<Record<OhlcvField, string | number>> = {};
  for (const pair of list(o.columns) ?? []) {
    const [field, column] = pair.split('=');
    if (!field || column === undefined) fail(`--columns: "${pair}" is not field=column`);
    columns[field as OhlcvField] = /^\d+$/.test(column) ? Number(column) : column;
  }
  if (o.stamp !== undefined && o.stamp !== 'start' && o.stamp !== 'end') fail('--stamp must be start or end');
  return { columns, timeZone: o.tz, stamp: o.stamp as CsvFormat['stamp'] };
}

function dataSource(o: Options, config: Config, db: Database | undefined): DataSource {
  const data = o.data ?? fail('--data is required');
  if (data === 'simulator')
    return { kind: 'simulator', seed: number(o.seed) ?? config.simulator.seed, start: o['sim-start'] };
  if (data === 'db') {
    if (!db) fail('--data db needs the desk database (run `npm start`, or set DATABASE_URL)');
    const candles = createRepositories(db).candles;
    return { kind: 'candles', read: (symbol, from, to) => candles.between(symbol, '5m', from, to) };
  }
  if (data === 'dhan') {
    const { clientId, accessToken, baseUrl } = config.dhan;
    if (!clientId || !accessToken) fail('--data dhan needs DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN');
    const broker = new DhanBroker(new DhanClient({ baseUrl, clientId, accessToken }), { now: Date.now });
    return {
      kind: 'dhan',
      fetch: (symbol, from, to) => broker.candles(symbol, '5m', from, to),
      cacheDir: join(config.dataDir, 'dhan-candles'),
      now: Date.now(),
    };
  }
  return { kind: 'csv', folder: data, format: csvFormat(o) };
}

/** `--data` as the worker reads it (the workflow's input is plain data; the worker opens the source). */
function workflowData(o: Options, config: Config): BacktestData {
  const data = o.data ?? fail('--data is required');
  if (data === 'simulator')
    return { kind: 'simulator', seed: number(o.seed) ?? config.simulator.seed, start: o['sim-start'] };
  if (data === 'db') return { kind: 'candles' };
  if (data === 'dhan') return { kind: 'dhan', cacheDir: join(config.dataDir, 'dhan-candles') };
  return { kind: 'csv', folder: resolve(data), format: csvFormat(o) };
}

/** The spec the options ask for over `data` (in words), with the account's settings as defaults. */
function specFrom(o: Options, config: Config, account: AccountSpec, data: string): BacktestSpec {
  return parseBacktestSpec({
    name: o.name,
    account: {
      ...account,
      stocks: list(o.stocks) ?? account.stocks,
      strategies: list(o.strategies) ?? account.strategies,
    },
    capital: number(o.capital) ?? (config.trading.totalCapital * account.capitalSharePct) / 100,
    from: o.from ?? fail('--from is required'),
    to: o.to ?? fail('--to is required'),
    decider:
      o.decider === 'llm'
        ? {
            kind: 'llm',
            model: o.model ?? account.model,
            promptVersion: o['prompt-version'],
            maxInr: number(o['max-llm-inr']),
            maxTokens: number(o['max-llm-tokens']),
          }
        : o.decider === 'rules'
          ? { kind: 'rules' }
          : fail('--decider must be rules or llm'),
    analysis: o.analysis,
    data,
  });
}

function progressBar(): SingleBar | undefined {
  if (!process.stderr.isTTY) return undefined;
  return new SingleBar(
    {
      format: 'backtest {bar} {percentage}% | {value}/{total} cycles | {day} | ETA {eta_formatted}',
      stream: process.stderr,
      etaBuffer: 50,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
}

/**
 * `--workflow`: the same spec, validated here first, run by the desk's workers as the backtest
 * workflow; the bar follows the workflow's heartbeats.
 */
async function viaWorkflow(o: Options, config: Config, account: AccountSpec): Promise<void> {
  if (o['no-save']) fail('--no-save does not apply to --workflow (the workflow stores its result)');
  const data = workflowData(o, config);
  const spec = specFrom(o, config, account, o.data!);
  const workflowId = `backtest-cli-${spec.account.id}-${Date.now().toString(36)}`;
  const bar = progressBar();
  bar?.start(1, 0, { day: spec.from });
  const result = await runBacktestWorkflow(config, {
    workflowId,
    spec,
    data,
    outDir: resolve(o.out ?? join(config.dataDir, 'backtests', workflowId)),
    onProgress: (p) => {
      bar?.setTotal(p.total ?? 1);
      bar?.update(p.done, { day: p.marketTime ? istDateKey(Date.parse(p.marketTime)) : spec.from });
    },
    onNoWorker: (queue) =>
      console.error(`No worker polls the task queue "${queue}" yet: the backtest starts when one does (npm start).`),
  }).finally(() => bar?.stop());
  console.log(result.summary);
  if (result.report) console.log(`  Report: ${result.report}`);
  console.log(
    `  Stored as backtest ${result.backtestId} (GET /api/backtests/${result.backtestId}); workflow ${workflowId}`,
  );
}

async function main(): Promise<void> {
  const o = options();
  if (o.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const accountId = o.account ?? fail('--account is required');
  const account = config.accounts.find((a) => a.id === accountId);
  if (!account) fail(`no account "${accountId}" (configured: ${config.accounts.map((a) => a.id).join(', ')})`);
  if (o.workflow) return viaWorkflow(o, config, account);
  const { db, note } = o['no-save'] && o.data !== 'db' ? { note: '--no-save' } : await openDeskDatabase(config);
  try {
    const source = dataSource(o, config, db);
    const spec = specFrom(o, config, account, describeSource(source));
    const runKey = `cli-${spec.account.id}-${Date.now().toString(36)}`;
    const cache: ResponseCache = db
      ? postgresResponseCache(createRepositories(db).llmCache)
      : diskResponseCache(join(config.dataDir, 'llm-cache'));
    const upstream = config.llm.apiKey && createChatClient({ baseUrl: config.llm.baseUrl, apiKey: config.llm.apiKey });
    const bar = progressBar();
    bar?.start(1, 0, { day: spec.from });
    const result = await runBacktestJob(spec, source, runKey, {
      store: db && !o['no-save'] ? createRepositories(db).backtests : undefined,
      llm: { upstream: upstream || undefined, cache, usdInr: config.llm.usdInr },
      outDir: resolve(o.out ?? join(config.dataDir, 'backtests', runKey)),
      now: Date.now,
      onProgress: (p) => {
        bar?.setTotal(p.total);
        bar?.update(p.done, { day: istDateKey(p.marketTime) });
      },
    }).finally(() => bar?.stop());
    console.log(result.summary);
    if (result.files)
      console.log(
        `  Report: ${result.files.html}\n  Chart:  ${result.files.chartPng}\n  Trades: ${result.files.tradesCsv}`,
      );
    console.log(
      result.id !== undefined
        ? `  Stored as backtest ${result.id} (GET /api/backtests/${result.id})`
        : `  Not stored in Postgres: ${note ?? 'no database'}`,
    );
    for (const w of result.run.warnings.slice(0, 5)) console.log(`  warning: ${w}`);
  } finally {
    await db?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
