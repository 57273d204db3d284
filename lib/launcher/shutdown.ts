import exitHook from 'async-exit-hook';

/**
 * Clean-up steps run once, last added first, on Ctrl-C, SIGTERM, or when start-up fails. The
 * process waits for them (up to async-exit-hook's 10 s) before it exits.
 */
export class Shutdown {
  private readonly steps: (() => Promise<void>)[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly onStart: () => void = () => {}) {
    exitHook((done) => void this.run().then(() => done()));
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    if (!this.running) {
      this.onStart();
      const steps = [...this.steps].reverse();
      this.running = steps.reduce<Promise<void>>(
        (previous, step) => previous.then(() => step().catch(() => undefined)),
        Promise.resolve(),
      );
    }
    return this.running;
  }
}
