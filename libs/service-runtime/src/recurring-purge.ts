/**
 * A purge a service runs every so often while it is up (delivered outbox rows, forgotten event
 * ids): never two at once, a failure logged and retried at the next turn, and the one under way
 * awaited on stop, so that the database does not close beneath it.
 */
export class RecurringPurge {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly purge: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.purge()
        .then(
          () => undefined,
          (error: unknown) => {
            this.onError(error);
          },
        )
        .finally(() => {
          this.running = undefined;
        });
    }, this.everyMs);
    // A purge never keeps the process alive by itself.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
