/**
 * Every timer the simulation arms goes through one TimerSet, so `dispose()` can clear them all and a test or
 * demo process exits instead of waiting on a stray checkpoint ticker.
 */
export type TimerHandle = ReturnType<typeof setTimeout>;

export class TimerSet {
  private readonly live = new Set<TimerHandle>();
  private closed = false;

  /** Runs `fn` once after `ms`. Returns undefined once the set is closed: nothing new may be armed then. */
  after(ms: number, fn: () => void): TimerHandle | undefined {
    if (this.closed) return undefined;
    const handle = setTimeout(() => {
      this.live.delete(handle);
      fn();
    }, ms);
    this.live.add(handle);
    return handle;
  }

  /** Runs `fn` every `ms` until cancelled. */
  every(ms: number, fn: () => void): TimerHandle | undefined {
    if (this.closed) return undefined;
    const handle = setInterval(fn, ms);
    this.live.add(handle);
    return handle;
  }

  cancel(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    // In Node, clearTimeout and clearInterval clear either kind of handle.
    clearTimeout(handle);
    this.live.delete(handle);
  }

  get size(): number {
    return this.live.size;
  }

  close(): void {
    this.closed = true;
    for (const handle of this.live) clearTimeout(handle);
    this.live.clear();
  }
}
