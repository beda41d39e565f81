// Waiting in tests without betting on the machine's speed: poll for a condition instead of sleeping a fixed time,
// and before asserting "nothing more happened", run the app until nothing is left to happen (no event waiting, no
// outbox row pending or claimed, retries included). A fixed sleep passes on a fast machine, times out on a loaded
// one, and can miss a late duplicate that a drained queue cannot.
import type { FastifyInstance } from 'fastify';

/** Polls `cond` until it holds; fails naming `what` after timeoutMs (generous: a loaded machine is slow, not wrong). */
export async function pollUntil(what: string, cond: () => boolean | Promise<boolean>, o: { timeoutMs?: number; everyMs?: number; between?: () => Promise<unknown> } = {}): Promise<void> {
  const until = Date.now() + (o.timeoutMs ?? 30_000);
  for (;;) {
    await o.between?.();
    if (await cond()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, o.everyMs ?? 25));
  }
}

/** True when the app's store holds no work: every event handled and every outbox row sent or dead. */
export async function isQuiet(app: FastifyInstance): Promise<boolean> {
  const store = app.m365.store;
  const [pending, processing, open] = await Promise.all([
    store.countEvents('pending'),
    store.countEvents('processing'),
    store.listOutbox({ states: ['pending', 'claimed'], limit: 1 }),
  ]);
  return pending === 0 && processing === 0 && open.length === 0;
}

/**
 * Runs the worker and outbox of `apps` (sharing a store or not) until none of them has anything left to do, retries
 * that are not due yet included. Use before asserting that nothing more happened.
 */
export async function quiesce(apps: FastifyInstance | FastifyInstance[], timeoutMs = 60_000): Promise<void> {
  const all = [apps].flat();
  await pollUntil('the worker and outbox to run dry', async () => (await Promise.all(all.map(isQuiet))).every(Boolean), {
    timeoutMs,
    everyMs: 50,
    between: () => Promise.all(all.map((a) => a.m365.drain())),
  });
}
