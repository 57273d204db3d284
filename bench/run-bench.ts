import exitHook from 'async-exit-hook';
import { Shutdown } from '../lib/launcher/shutdown';
import { log } from './log';

/**
 * Runs a bench that starts servers: `main` adds a clean-up step for each thing it starts, and the
 * steps run when it ends, fails or is interrupted (Ctrl-C). Then the process exits, with 1 when
 * `main` threw, else with `process.exitCode` (a bench sets it when what it measured failed).
 */
export async function runBench(main: (cleanup: Shutdown) => Promise<void>): Promise<never> {
  const cleanup = new Shutdown({
    onStart: (interrupted) => {
      if (interrupted) log('interrupted: cleaning up…');
    },
    onStepError: (what, error) =>
      console.error(`clean-up: ${what} failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  // async-exit-hook's default 10 s is too short to stop, in turn, what a bench starts: Next.js
  // servers (up to 8 s each), Chromium and PostgreSQL.
  exitHook.forceExitTimeout(60_000);

  let failed = false;
  try {
    await main(cleanup);
  } catch (error) {
    failed = true;
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await cleanup.run();
  }
  // Exit explicitly: a pool or timer left by a failed step must not keep the process (and the terminal) waiting.
  process.exit(failed ? 1 : (process.exitCode ?? 0));
}
