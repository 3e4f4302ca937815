/**
 * docker-compose.yml, validated without Docker (no engine or `docker compose` here): parsed with a
 * YAML-subset parser, then checked for pinned images, health checks, named volumes, ports, the
 * admin-tools schema / namespace / search-attribute jobs, a worker that scales, and desk services
 * whose environment the desk's own config loader accepts. Broken copies show the checks bite.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateCompose } from './validate';
import { parseYamlSubset, type YamlValue } from './yaml-subset';

const ROOT = resolve(__dirname, '../..');
const source = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');

type Services = Record<string, Record<string, YamlValue>>;
/** A fresh parse to break, and its services. */
function copy(): { doc: Record<string, YamlValue>; services: Services } {
  const doc = parseYamlSubset(source) as Record<string, YamlValue>;
  return { doc, services: doc.services as unknown as Services };
}

test('docker-compose.yml passes every check', () => {
  expect(validateCompose(parseYamlSubset(source), ROOT)).toEqual([]);
});

test('it has the services of a dev cluster, with one-shot setup jobs on temporalio/admin-tools', () => {
  const { services } = copy();
  expect(Object.keys(services).sort()).toEqual(
    [
      'api',
      'desk-setup',
      'dhan-sim',
      'postgresql',
      'temporal',
      'temporal-admin-tools',
      'temporal-create-namespace',
      'temporal-ui',
      'worker',
    ].sort(),
  );
  expect(services['temporal-admin-tools']!.image).toMatch(/^temporalio\/admin-tools:\d/);
  expect(services['temporal-create-namespace']!.image).toBe(services['temporal-admin-tools']!.image);
  expect(services.temporal!.depends_on).toEqual({
    'temporal-admin-tools': { condition: 'service_completed_successfully' },
  });
});

test('the Dockerfile builds from pinned Node 20 images and keeps local state out of the image', () => {
  const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
  expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20\.\d+\.\d+-/m);
  for (const from of dockerfile.match(/^FROM .*/gm) ?? []) expect(from).toMatch(/^FROM \$\{NODE_IMAGE\}/);
  const ignored = readFileSync(join(ROOT, 'docker/Dockerfile.dockerignore'), 'utf8').split('\n');
  expect(ignored).toEqual(expect.arrayContaining(['.env', '.data', 'node_modules', '.git']));
});

describe('a broken file is caught', () => {
  const cases: [string, (s: Services, doc: Record<string, YamlValue>) => void, RegExp][] = [
    ['an unpinned image', (s) => (s['temporal-ui']!.image = 'temporalio/ui:latest'), /not pinned/],
    ['the deprecated auto-setup image', (s) => (s.temporal!.image = 'temporalio/auto-setup:1.29.1'), /deprecated/],
    ['a worker with a fixed name', (s) => (s.worker!.container_name = 'worker'), /prevents --scale/],
    ['a worker with host ports', (s) => (s.worker!.ports = ['9000:9000']), /prevent --scale/],
    ['a server without a health check', (s) => delete s.api!.healthcheck, /api: no healthcheck/],
    ['an undeclared named volume', (_s, doc) => delete (doc.volumes as Services)['desk-data'], /not declared/],
    ['a host port used twice', (s) => (s['dhan-sim']!.ports = ['8000:8700']), /also used by/],
    [
      'a desk variable with a typo',
      (s) => ((s.worker!.environment as Record<string, string>).DATABSE_URL = 'x'),
      /DATABSE_URL is not a desk variable/,
    ],
    ['a wrong config value', (s) => ((s.api!.environment as Record<string, string>).API_PORT = 'eighty'), /API_PORT/],
    [
      'a database URL to no service',
      (s) => ((s.worker!.environment as Record<string, string>).DATABASE_URL = 'postgres://d:p@db:5432/desk'),
      /db, which is not a service/,
    ],
    [
      'a password without a default',
      (s) => ((s.temporal!.environment as Record<string, string>).POSTGRES_PWD = '${POSTGRES_PASSWORD}'),
      /has no default/,
    ],
    [
      'the schema job missing its password',
      (s) => delete (s['temporal-admin-tools']!.environment as Record<string, string>).SQL_PASSWORD,
      /needs SQL_PASSWORD/,
    ],
    [
      'a command naming a missing file',
      (s) => (s['desk-setup']!.command = ['node', '--import', 'tsx', 'docker/nothing.ts']),
      /does not exist/,
    ],
    [
      'a dependency on a missing service',
      (s) => (s.api!.depends_on = { db: { condition: 'service_healthy' } }),
      /unknown/,
    ],
  ];
  test.each(cases)('%s', (_name, breakIt, expected) => {
    const { doc, services } = copy();
    breakIt(services, doc);
    expect(validateCompose(doc, ROOT).join('\n')).toMatch(expected);
  });
});

describe('the YAML subset parser', () => {
  test('reads mappings, sequences, quotes, flow sequences and comments', () => {
    const parsed = parseYamlSubset(
      [
        'a: 1 # note',
        'b:',
        '  - "x: y"',
        "  - 'it''s'",
        '  - k: v',
        '    l: [p, "q r", 3]',
        'c:',
        'd: {}',
        'e: "#not a comment"',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      a: '1',
      b: ['x: y', "it's", { k: 'v', l: ['p', 'q r', '3'] }],
      c: '',
      d: {},
      e: '#not a comment',
    });
  });

  test.each([
    ['an anchor', 'a: &x 1'],
    ['a block scalar', 'a: |\n  text'],
    ['a tab', 'a:\n\tb: 1'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['a multi-line flow sequence', 'a: [1,\n  2]'],
  ])('refuses %s', (_name, yaml) => {
    expect(() => parseYamlSubset(yaml)).toThrow(/YAML subset/);
  });
});
