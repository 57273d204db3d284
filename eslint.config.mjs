import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/**
 * The layers of lib/, lowest first (ARCHITECTURE.md). A folder may import folders of lower
 * layers only: never its own layer's neighbours, never one above. Entry code (app/, scripts/,
 * bench/) and tests sit on top and may import anything.
 */
const layers = [
  ['os', 'time', 'errors', 'i18n', 'query'],
  ['http', 'db'],
  ['security', 'bitrix24', 'people', 'system'],
  ['auth', 'metrics'],
  ['flows', 'users', 'demo-portal', 'findings', 'dashboards'],
  ['portals', 'ai', 'alerts', 'simulation'],
  ['sync', 'copilot'],
  ['jobs'],
  ['receivers', 'launcher', 'actions'],
];
const layerZones = layers.flatMap((folders, rank) =>
  folders.map((folder) => ({
    target: `./lib/${folder}`,
    from: layers
      .slice(rank)
      .flat()
      .filter((other) => other !== folder)
      .map((other) => `./lib/${other}`),
    message: `lib/${folder} is in layer ${rank + 1}: it may import only lower layers (ARCHITECTURE.md).`,
  })),
);
// UI code runs in the browser too: it never reaches the database, secrets or server processes.
const componentZone = {
  target: './components',
  from: ['./lib/db', './lib/security', './lib/launcher', './lib/jobs', './lib/receivers', './lib/env.ts'],
  message:
    'Components do not read the database, secrets or the environment; a page or an action hands them what they show.',
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'lib/db/generated/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // lib/env.ts is the single reader of the environment, so config is validated in one place.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts.' },
      ],
    },
  },
  {
    files: ['lib/env.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/testing/**'],
    rules: {
      'import/no-restricted-paths': ['error', { zones: [...layerZones, componentZone] }],
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
];

export default config;
