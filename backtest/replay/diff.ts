/** The side-by-side text of a decision replay, as `npm run replay-decisions` prints it. */
import { istClock } from '../../core/time';
import { computeMetrics } from '../metrics';
import { type ReplayResult, type SideDecision } from './replay';

const COLUMN = 58;

function cell(side: SideDecision): string[] {
  if (side.calls.length === 0) return ['(hold)'];
  const proposals = side.proposals.length ? `→ ${side.proposals.join(', ')}` : '→ no order';
  return [...side.calls, proposals];
}

const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
const rupees = (n: number) =>
  `${n < 0 ? '-' : ''}₹${Math.abs(n).toLocaleString('en-IN', { maximumFractionDigits: 2 })}`;

/** Cycles where either side did something, side by side (`≠` where they differ), then the P&L of each. */
export function replayDiffText(result: ReplayResult, title: string): string {
  const lines = [
    title,
    `${'time'.padEnd(6)}${`recorded: ${result.recordedModel}`.padEnd(COLUMN)} | replayed: ${result.replayModel} (${result.replayPromptVersion})`,
  ];
  let differ = 0;
  for (const row of result.rows) {
    const left = cell(row.recorded);
    const right = cell(row.replayed);
    if (left[0] === '(hold)' && right[0] === '(hold)') continue;
    const same = left.join('\n') === right.join('\n');
    if (!same) differ++;
    for (let i = 0; i < Math.max(left.length, right.length); i++)
      lines.push(
        `${i === 0 ? istClock(row.marketTime).padEnd(6) : ' '.repeat(6)}${cut(left[i] ?? '', COLUMN).padEnd(COLUMN)} | ${cut(right[i] ?? '', COLUMN)}${i === 0 && !same ? '   ≠' : ''}`,
      );
  }
  const pnl = (run: ReplayResult['recorded']) => computeMetrics({ capital: run.spec.capital, ...run }).netPnl;
  const recorded = pnl(result.recorded);
  const replayed = pnl(result.replayed);
  const faithful = result.rows.filter((r) => r.samePrompt).length;
  lines.push(
    `${result.rows.length} cycles decided, ${differ} with different decisions; prompts rebuilt as recorded: ${faithful}/${result.rows.length}`,
    `P&L (net of charges)  recorded ${rupees(recorded)} over ${result.recorded.orders.length} orders   replayed ${rupees(replayed)} over ${result.replayed.orders.length} orders   difference ${rupees(replayed - recorded)}`,
  );
  return lines.join('\n');
}
