/**
 * This process's consumers' offset commits (kafkajs's COMMIT_OFFSETS, emitted once the
 * coordinator has taken them), for a wait that ends at the next one or at a deadline.
 */
export class OffsetCommits {
  private readonly waiting = new Set<() => void>();

  committed(): void {
    for (const wake of [...this.waiting]) wake();
  }

  nextOrAfter(ms: number): { readonly next: Promise<void>; cancel(): void } {
    let resolve: () => void = () => undefined;
    const next = new Promise<void>((r) => {
      resolve = r;
    });
    const wake = () => {
      clearTimeout(timer);
      this.waiting.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    this.waiting.add(wake);
    return { next, cancel: wake };
  }
}
