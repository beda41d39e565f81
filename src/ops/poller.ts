// A background loop that runs `tick` until stopped: again at once while there was work, after `intervalMs` when
// there was none or it failed. stop() waits for the tick in progress, so shutdown never cuts a send in half.
import type { FastifyBaseLogger as Logger } from 'fastify';

export interface Poller {
  start(): void;
  stop(): Promise<void>;
  /** One tick now (tests and shutdown drains use it); returns how many items it handled. */
  runOnce(): Promise<number>;
  /** Ends the idle wait now, so work just enqueued is picked up without waiting a whole interval. */
  wake(): void;
  readonly running: boolean;
}

export function createPoller(opts: { name: string; intervalMs: number; tick: () => Promise<number>; log: Logger }): Poller {
  let running = false;
  let current: Promise<unknown> = Promise.resolve();
  let wake: (() => void) | null = null;
  let chain: Promise<number> = Promise.resolve(0);

  // Ticks never overlap, whether they come from the loop or from runOnce().
  const runOnce = (): Promise<number> => {
    chain = chain.then(opts.tick, opts.tick);
    return chain;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(t);
        wake = null;
        resolve();
      };
    });

  async function loop(): Promise<void> {
    while (running) {
      let handled = 0;
      try {
        handled = await runOnce();
      } catch (err) {
        opts.log.error({ loop: opts.name, err: (err as Error).message }, 'background loop failed; retrying');
      }
      if (running && handled === 0) await sleep(opts.intervalMs);
    }
  }

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      current = loop();
    },
    async stop() {
      running = false;
      wake?.();
      await current;
      await chain.catch(() => 0);
    },
    runOnce,
    wake() {
      wake?.();
    },
  };
}
