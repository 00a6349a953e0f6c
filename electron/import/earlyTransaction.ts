/**
 * A transaction that starts before all its work is known. It is fed items while the caller is
 * still producing them (DuckDB loads one file on its own thread while JS reads and scans the next
 * on the other core), then either finished, once every item is in, or abandoned (rolled back)
 * when the caller finds it cannot go on. Its body takes the items in order through next(i), as
 * it would if it had been given all of them at the start, so an early transaction does exactly
 * what a late one would, only sooner.
 */
import type { SqlEngine } from '../../shared/engine.js';

/** What next() throws once the transaction is abandoned: its body stops and everything is rolled back. */
class Abandoned extends Error {}

export class EarlyTransaction<T, R> {
  private readonly items: T[] = [];
  private finished = false;
  private abandoned = false;
  /** Resolves the body's wait for the next item, finish or abandon. */
  private wake: (() => void) | null = null;
  private result: Promise<R> | null = null;
  private settled: Promise<void> = Promise.resolve();
  /** Resolves when the body first asks for an item (its own first statements are done), or it ends. */
  private readyNow: () => void = () => undefined;
  readonly ready: Promise<void> = new Promise<void>((resolve) => (this.readyNow = resolve));
  /** The body's own failure (not an abandon), once it has failed. */
  failure: unknown = null;

  constructor(
    private readonly engine: SqlEngine,
    private readonly body: (next: (i: number) => Promise<T | null>) => Promise<R>,
  ) {}

  /** How many items it has been given. */
  get fed(): number {
    return this.items.length;
  }

  /** Started, and neither abandoned nor failed. */
  get live(): boolean {
    return this.result !== null && !this.abandoned && this.failure === null;
  }

  /** Hand over the next items, starting the transaction with the first; ignored once abandoned. */
  feed(items: readonly T[]): void {
    if (this.abandoned || this.finished || items.length === 0) return;
    this.items.push(...items);
    if (!this.result) {
      this.result = this.engine.transaction(() => this.body((i) => this.next(i)));
      this.settled = this.result.then(
        () => undefined,
        (err: unknown) => {
          if (!(err instanceof Abandoned)) this.failure = err;
        },
      );
      void this.settled.then(this.readyNow);
    }
    this.poke();
  }

  /** Roll back (after the statement running now) and wait until the engine is free. Safe to call at any time, more than once. */
  async abandon(): Promise<void> {
    if (!this.finished) this.abandoned = true;
    this.poke();
    // One never started has nothing to be ready for: a feed after it is ignored, and its caller must not wait.
    this.readyNow();
    await this.settled;
  }

  /** No more items: the body ends and the transaction commits; its result, or its error. */
  finish(): Promise<R> {
    if (!this.result || this.abandoned) throw new Error('finish() of a transaction not started or abandoned');
    this.finished = true;
    this.poke();
    return this.result;
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async next(i: number): Promise<T | null> {
    this.readyNow();
    for (;;) {
      if (this.abandoned) throw new Abandoned();
      if (i < this.items.length) return this.items[i]!;
      if (this.finished) return null;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
