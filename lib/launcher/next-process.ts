import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { childEnvironment } from '@/lib/env';
import { isBuildCurrent, sourceFingerprint, writeBuildStamp } from './build-stamp';

const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');

function runToEnd(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${what} failed (${signal ?? `exit code ${code}`}).`)),
    );
  });
}

/**
 * Runs `next build` and records what it built from; `track` sees the child, to stop it on shutdown.
 * `typesChecked`: the caller has just run tsc over these sources, so the build skips its own check.
 * `output`: where the build's output goes instead of this process's (for a build beside other work).
 */
export async function buildApp(
  root: string,
  track: (child: ChildProcess) => void = () => {},
  options: { typesChecked?: boolean; output?: (chunk: Buffer) => void } = {},
): Promise<void> {
  const fingerprint = await sourceFingerprint(root);
  const { output } = options;
  const child = spawn(process.execPath, [nextBin, 'build'], {
    cwd: root,
    stdio: output ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: childEnvironment({
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      FLOWPILOT_TYPES_CHECKED: options.typesChecked ? '1' : undefined,
    }),
  });
  if (output) {
    child.stdout?.on('data', output);
    child.stderr?.on('data', output);
  }
  track(child);
  await runToEnd(child, 'next build');
  await writeBuildStamp(root, fingerprint);
}

/** Builds when the sources changed since the last build; returns whether it built. */
export async function ensureBuilt(root: string, track?: (child: ChildProcess) => void): Promise<boolean> {
  if (await isBuildCurrent(root)) return false;
  await buildApp(root, track);
  return true;
}

export type NextServerOptions = {
  root: string;
  mode: 'production' | 'development';
  port: number;
  host: string;
  /** Settings the launcher provides: the database, the auth secret, the app's address. */
  env: Record<string, string | undefined>;
};

/** Starts the app's web server (scripts/next-server.ts, Next.js in production or development mode) as a child process. */
export function startNextServer(options: NextServerOptions): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/next-server.ts', options.mode, String(options.port), options.host],
    {
      cwd: options.root,
      stdio: 'inherit',
      env: childEnvironment({
        ...options.env,
        NODE_ENV: options.mode,
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(options.port),
      }),
    },
  );
}
