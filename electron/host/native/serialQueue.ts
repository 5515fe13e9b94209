/** Runs async work one piece at a time, in order: a DuckDB connection runs one statement at a time. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const next = this.tail.then(work, work).finally(() => this.pending--);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** True while some work runs or waits. */
  get busy(): boolean {
    return this.pending > 0;
  }
}
