import { defineConfig } from 'prisma/config';
import { loadEnv } from './lib/env';

// Used by the Prisma CLI (generate; migrate deploy on machines that can download the engine).
// Flowpilot's own commands apply migrations through the WebAssembly engine instead, see lib/db/migrations.ts.
const env = loadEnv();

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: env.DATABASE_URL ?? 'postgresql://localhost:5432/flowpilot' },
});
