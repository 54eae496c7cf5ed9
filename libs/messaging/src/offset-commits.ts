/** Offsets one commit carried: per topic, the next offset to read of each partition. */
export interface CommittedTopicOffsets {
  readonly topic: string;
  readonly partitions: readonly { readonly partition: number; readonly offset: string }[];
}

/**
 * This process's consumers' offset commits (kafkajs's COMMIT_OFFSETS, emitted once the
 * coordinator has taken them): what each group has committed here and which partitions its
 * member holds (GROUP_JOIN), so that only the others' progress needs the broker; and a wait that
 * ends at the next commit or at a deadline.
 */
export class OffsetCommits {
  private readonly waiting = new Set<() => void>();
  /** Per group, `topic/partition` to the highest offset this process committed for it. */
  private readonly byGroup = new Map<string, Map<string, number>>();
  /** Per group, the `topic/partition`s its member here was assigned at its last join. */
  private readonly held = new Map<string, ReadonlySet<string>>();

  /** The group's member here joined with these partitions, or holds none (`{}`: rebalancing, stopped). */
  assigned(group: string, assignment: Readonly<Record<string, readonly number[]>>): void {
    this.held.set(
      group,
      new Set(
        Object.entries(assignment).flatMap(([topic, partitions]) =>
          partitions.map((partition) => `${topic}/${partition}`),
        ),
      ),
    );
  }

  /** Whether the group's member here holds the partition: its next commits will come here. */
  holds(group: string, topicPartition: string): boolean {
    return this.held.get(group)?.has(topicPartition) ?? false;
  }

  committed(group: string, topics: readonly CommittedTopicOffsets[]): void {
    let offsets = this.byGroup.get(group);
    if (offsets === undefined) {
      offsets = new Map<string, number>();
      this.byGroup.set(group, offsets);
    }
    for (const { topic, partitions } of topics) {
      for (const { partition, offset } of partitions) {
        const key = `${topic}/${partition}`;
        // A committed offset only moves on; a late answer of an older commit changes nothing.
        offsets.set(key, Math.max(offsets.get(key) ?? -1, Number(offset)));
      }
    }
    for (const wake of [...this.waiting]) wake();
  }

  /** The offset this process last committed for a group's partition (`topic/partition`), or -1. */
  committedHere(group: string, topicPartition: string): number {
    return this.byGroup.get(group)?.get(topicPartition) ?? -1;
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
