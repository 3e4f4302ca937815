/**
 * `npm run replay-decisions -- --account claude --date 2026-06-01 [--model openai/gpt-4o] [--prompt-version trade-v1]`
 *
 * Re-asks the recorded prompts of an account's day (invocations table) of another model or prompt
 * version, trades nothing, and prints both sides' decisions cycle by cycle with the P&L each would
 * have made over the day's stored bars (candles table). Replies are cached like a backtest's: a
 * rerun asks the model nothing.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config';
import { createRepositories } from '../../db/repositories';
import { createChatClient } from '../../llm/client';
import { loadBars } from '../data';
import { openDeskDatabase } from '../desk-db';
import { cachingChatClient } from '../llm/cache';
import { parseBacktestSpec } from '../spec';
import { postgresResponseCache } from '../store';
import { replayDiffText } from './diff';
import { loadRecordedInvocations } from './recorded';
import { replayDecisions } from './replay';

const USAGE = `usage: npm run replay-decisions -- --account <id> --date YYYY-MM-DD [--model <id>] [--prompt-version <v>]

  --model            the model to ask instead (default: the recorded one)
  --prompt-version   the prompt template to build the prompts with (default: the recorded one)
  Needs the desk's database (npm start, or DATABASE_URL) and, for replies not cached yet, OPENROUTER_API_KEY.`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let o;
  try {
    o = parseArgs({
      options: {
        account: { type: 'string' },
        date: { type: 'string' },
        model: { type: 'string' },
        'prompt-version': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (o.help) return void console.log(USAGE);
  const config = loadConfig();
  const accountId = o.account ?? fail('--account is required');
  const date = o.date ?? fail('--date is required');
  const account = config.accounts.find((a) => a.id === accountId) ?? fail(`no account "${accountId}"`);
  const { db, note } = await openDeskDatabase(config);
  if (!db) fail(`the desk database is needed: ${note}`);
  try {
    const recorded = await loadRecordedInvocations(db.sequelize, accountId, date);
    if (recorded.length === 0) fail(`no recorded LLM decision of ${accountId} on ${date}`);
    const repos = createRepositories(db);
    const spec = parseBacktestSpec({
      account,
      capital: (config.trading.totalCapital * account.capitalSharePct) / 100,
      from: date,
      to: date,
      data: 'candles table',
    });
    const bars = await loadBars(
      { kind: 'candles', read: (symbol, from, to) => repos.candles.between(symbol, '5m', from, to) },
      spec.account.stocks,
      date,
      date,
    );
    const promptVersion = o['prompt-version'] ?? recorded[0]!.promptVersion;
    const upstream = config.llm.apiKey && createChatClient({ baseUrl: config.llm.baseUrl, apiKey: config.llm.apiKey });
    const client = cachingChatClient(postgresResponseCache(repos.llmCache), upstream || undefined, promptVersion);
    const result = await replayDecisions({
      spec,
      bars,
      recorded,
      model: o.model,
      promptVersion,
      client,
      usdInr: config.llm.usdInr,
    });
    console.log(
      replayDiffText(result, `Decision replay: ${accountId} on ${date}, nothing traded (bars: candles table)`),
    );
    console.log(`LLM replies: ${client.stats.hits} cached, ${client.stats.misses} asked`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
