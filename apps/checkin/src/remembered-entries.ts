/**
 * What a process remembers of things that never change once known (a flight's row, the count
 * its check-ins last took), bounded: past `limit` entries the oldest is forgotten, and whoever
 * asks again looks it up.
 */
export class RememberedEntries<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }
}
