/**
 * One queue per loaded PKCS#11 library: calls run one after another in the order
 * they were asked for. Many modules (eToken's among them) misbehave when one
 * application calls them from two threads at once, and pkcs11js runs its async
 * variants on libuv worker threads — so even async calls wait their turn here.
 * The event loop stays free: a long key generation holds the queue, not the UI.
 */
export class CallQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(work: () => T | Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(work);
    // The queue continues whatever the outcome; the caller sees the outcome.
    this.tail = result.then(
      () => this.done(),
      () => this.done(),
    );
    return result;
  }

  /** Calls waiting or running: used by tests and by finalize, which must not cut a call short. */
  get size(): number {
    return this.pending;
  }

  /** Resolves when everything asked for so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }

  private done(): void {
    this.pending -= 1;
  }
}
