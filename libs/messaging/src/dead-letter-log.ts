import type { DeadLetter } from './poison-message';

/**
 * The messages this process's consumers dead-lettered since it started, counted by topic: what
 * QA asks after a run (a live airport day should leave none). The letters themselves are on the
 * dead-letter topics.
 */
export class DeadLetterLog {
  private readonly byTopic = new Map<string, number>();
  private readonly listeners = new Set<(letter: DeadLetter) => void>();

  record(letter: DeadLetter): void {
    this.byTopic.set(letter.topic, (this.byTopic.get(letter.topic) ?? 0) + 1);
    for (const listener of this.listeners) listener(letter);
  }

  /** Calls `listener` with each letter recorded from now on (metrics); returns the way to stop. */
  listen(listener: (letter: DeadLetter) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  counts(): { readonly total: number; readonly byTopic: Readonly<Record<string, number>> } {
    const byTopic = Object.fromEntries([...this.byTopic].sort(([a], [b]) => a.localeCompare(b)));
    return { total: Object.values(byTopic).reduce((sum, n) => sum + n, 0), byTopic };
  }
}
