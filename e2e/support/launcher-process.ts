import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { childEnvironment } from '@/lib/env';

export type LauncherProcess = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/** Runs `npm start`'s entry (scripts/start.ts) as its own process, as a user would. */
export function runLauncher(env: Record<string, string | undefined>, logFile?: string): LauncherProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: process.cwd(),
    env: childEnvironment({ NODE_ENV: undefined, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log?.write(chunk);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      log?.end();
      return code;
    },
  };
}

/** Waits until the launcher prints a line matching `pattern`, or fails with its output. */
export async function waitForOutput(
  launcher: LauncherProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = launcher.output().match(pattern);
    if (match) return match;
    if (launcher.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`launcher did not print ${pattern} within ${timeoutMs} ms; output:\n${launcher.output()}`);
}
