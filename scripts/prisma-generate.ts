// Runs `prisma generate` so that it works without internet: the CLI otherwise downloads the
// native schema engine first, which generate does not need. See README, "Database".
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { childEnvironment } from '../lib/env';

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');

const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  stdio: 'inherit',
  env: childEnvironment({ PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' }),
});
process.exit(result.status ?? 1);
