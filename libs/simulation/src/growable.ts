/** A Float64Array that grows: values recorded during a run, without boxing. */
export class GrowableFloat64 {
  private data: Float64Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.count++] = value;
  }

  /** A sorted copy of the values. */
  sorted(): Float64Array {
    return this.data.slice(0, this.count).sort();
  }
}

type NumberArray = Int32Array | Float64Array;

/** A FIFO ring buffer over a typed array, that grows: queues without boxing. */
class RingQueue<A extends NumberArray> {
  private data: A;
  private head = 0;
  private count = 0;

  constructor(
    private readonly make: (size: number) => A,
    capacity: number,
  ) {
    this.data = make(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.data.length) {
      const next = this.make(this.data.length * 2);
      for (let i = 0; i < this.count; i++)
        next[i] = this.data[(this.head + i) % this.data.length] as number;
      this.data = next;
      this.head = 0;
    }
    this.data[(this.head + this.count) % this.data.length] = value;
    this.count++;
  }

  /** The first value, without taking it; undefined when empty. */
  peek(): number | undefined {
    return this.count === 0 ? undefined : this.data[this.head];
  }

  shift(): number {
    const value = this.data[this.head] as number;
    this.head = (this.head + 1) % this.data.length;
    this.count--;
    return value;
  }
}

/** Entity ids and event kinds waiting in line. */
export class IntQueue extends RingQueue<Int32Array> {
  constructor(capacity = 64) {
    super((n) => new Int32Array(n), capacity);
  }
}

/** Arrival times waiting in line. */
export class FloatQueue extends RingQueue<Float64Array> {
  constructor(capacity = 64) {
    super((n) => new Float64Array(n), capacity);
  }
}
