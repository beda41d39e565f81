// Try it classifies in a small worker-thread pool (piscina): one 512 KiB paste used to cost 0.2–0.9 s of CPU on the
// event loop, and eight at once pushed webhook latency to 1.5 s (issue 12). The worker also renders the answer's
// HTML (try-it-view.ts): escaping and marking 100 KiB of text is milliseconds the event loop need not spend. A full
// queue answers "busy" at once instead of queueing work nobody will wait for.
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { TryItAnswer, TryItTask } from './try-it-worker.js';

export interface TryItPool {
  /** The form read and rendered; null when the pool's queue is full: the page says "busy, try again". */
  read(task: TryItTask): Promise<TryItAnswer | null>;
  close(): Promise<void>;
}

export const TRY_IT_QUEUE = 8;

function workerFile(): string {
  // Running from src/ (tsx, vitest) the worker needs the tsx bootstrap; the build runs the compiled file.
  const dev = import.meta.url.endsWith('.ts');
  return fileURLToPath(new URL(dev ? './try-it-worker.dev.mjs' : './try-it-worker.js', import.meta.url));
}

/** `nice`: added to the worker threads' nice value (TRY_IT_NICE; 19, the lowest priority Linux has, by default). */
export function createTryItPool(threads: number, nice: number): TryItPool {
  const pool = new Piscina<TryItTask, TryItAnswer>({
    filename: workerFile(),
    minThreads: 0,
    maxThreads: threads,
    maxQueue: TRY_IT_QUEUE,
    // A thread idle for a minute is stopped: Try it is used now and then, the memory is better spent elsewhere.
    idleTimeout: 60_000,
    // On a small machine the worker thread and the event loop share the cores: at the lowest scheduling priority
    // (nice 19, via piscina's optional @napi-rs/nice) the kernel runs Try it only on CPU the webhook leaves idle.
    // Measured by `npm run bench -- try-it-load`. Where the addon is missing the thread simply runs at normal priority.
    niceIncrement: nice,
  });
  return {
    async read(task) {
      if (pool.queueSize >= TRY_IT_QUEUE) return null;
      return pool.run(task);
    },
    close: () => pool.close(),
  };
}
