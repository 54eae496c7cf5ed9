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

/** An Int32 FIFO ring buffer that grows. */
export class IntQueue {
  private data: Int32Array;
  private head = 0;
  private count = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      for (let i = 0; i < this.count; i++)
        next[i] = this.data[(this.head + i) % this.data.length] as number;
      this.data = next;
      this.head = 0;
    }
    this.data[(this.head + this.count) % this.data.length] = value;
    this.count++;
  }

  shift(): number {
    const value = this.data[this.head] as number;
    this.head = (this.head + 1) % this.data.length;
    this.count--;
    return value;
  }
}

/** A Float64 FIFO ring buffer that grows. */
export class FloatQueue {
  private data: Float64Array;
  private head = 0;
  private count = 0;

  constructor(capacity = 64) {
    this.data = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      for (let i = 0; i < this.count; i++)
        next[i] = this.data[(this.head + i) % this.data.length] as number;
      this.data = next;
      this.head = 0;
    }
    this.data[(this.head + this.count) % this.data.length] = value;
    this.count++;
  }

  shift(): number {
    const value = this.data[this.head] as number;
    this.head = (this.head + 1) % this.data.length;
    this.count--;
    return value;
  }
}
