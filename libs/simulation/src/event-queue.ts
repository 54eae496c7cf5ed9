/**
 * The future event list: a binary min-heap over (time, priority, sequence), so that events at
 * the same instant run in priority order and, at equal priority, in the order they were
 * scheduled: every run of the same model is identical. Slots live in typed arrays and the heap
 * moves only slot numbers, so a million pending events cost no garbage.
 */
export class EventQueue {
  private time: Float64Array;
  private priority: Int32Array;
  private sequence: Float64Array;
  private kind: Int32Array;
  private payload: Float64Array;
  private heap: Int32Array;
  private freeSlots: Int32Array;
  private freeCount: number;
  private size = 0;
  private nextSequence = 0;

  constructor(initialCapacity = 1024) {
    this.time = new Float64Array(initialCapacity);
    this.priority = new Int32Array(initialCapacity);
    this.sequence = new Float64Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.payload = new Float64Array(initialCapacity);
    this.heap = new Int32Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.freeSlots[i] = initialCapacity - 1 - i;
    this.freeCount = initialCapacity;
  }

  get length(): number {
    return this.size;
  }

  push(time: number, priority: number, kind: number, payload: number): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount] as number;
    this.time[slot] = time;
    this.priority[slot] = priority;
    this.sequence[slot] = this.nextSequence++;
    this.kind[slot] = kind;
    this.payload[slot] = payload;
    let i = this.size++;
    // sift up
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.heap[parent] as number;
      if (!this.before(slot, p)) break;
      this.heap[i] = p;
      i = parent;
    }
    this.heap[i] = slot;
  }

  /** Removes the first event; read it with the accessors before the next push or pop. */
  pop(): number {
    const top = this.heap[0] as number;
    const last = this.heap[--this.size] as number;
    let i = 0;
    // sift down
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      let child = left;
      if (right < this.size && this.before(this.heap[right] as number, this.heap[left] as number))
        child = right;
      const c = this.heap[child] as number;
      if (!this.before(c, last)) break;
      this.heap[i] = c;
      i = child;
    }
    this.heap[i] = last;
    this.freeSlots[this.freeCount++] = top;
    return top;
  }

  timeOf(slot: number): number {
    return this.time[slot] as number;
  }

  kindOf(slot: number): number {
    return this.kind[slot] as number;
  }

  payloadOf(slot: number): number {
    return this.payload[slot] as number;
  }

  peekTime(): number {
    return this.size === 0 ? Infinity : (this.time[this.heap[0] as number] as number);
  }

  private before(a: number, b: number): boolean {
    const ta = this.time[a] as number;
    const tb = this.time[b] as number;
    if (ta !== tb) return ta < tb;
    const pa = this.priority[a] as number;
    const pb = this.priority[b] as number;
    if (pa !== pb) return pa < pb;
    return (this.sequence[a] as number) < (this.sequence[b] as number);
  }

  private grow(): void {
    const old = this.time.length;
    const capacity = old * 2;
    const extend = <T extends Float64Array | Int32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.time = extend(this.time, (n) => new Float64Array(n));
    this.priority = extend(this.priority, (n) => new Int32Array(n));
    this.sequence = extend(this.sequence, (n) => new Float64Array(n));
    this.kind = extend(this.kind, (n) => new Int32Array(n));
    this.payload = extend(this.payload, (n) => new Float64Array(n));
    this.heap = extend(this.heap, (n) => new Int32Array(n));
    const free = new Int32Array(capacity);
    for (let i = 0; i < old; i++) free[i] = capacity - 1 - i;
    this.freeSlots = free;
    this.freeCount = old;
  }
}
