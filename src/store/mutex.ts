// A FIFO mutex: PGlite has one connection, so a transaction must own it from BEGIN to COMMIT. Any statement from
// another caller that slipped in between would become part of (and roll back with) somebody else's transaction.
export interface Mutex {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void>;
}

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const result = tail.then(fn);
      tail = result.catch(() => undefined);
      return result;
    },
    async idle() {
      await tail;
    },
  };
}
