// A Bolt Receiver that lives inside Fastify: no second HTTP server, no Express. Routes (routes.ts) verify and parse
// the request, then hand the body here. Bolt's contract (integrations.md trap 7): answer HTTP when ack() is called,
// not when processEvent resolves, because listeners keep working after they ack (approve, post, update). Slack
// gives up after 3 s, so a watchdog answers if nobody acks in time.
// No maintained Fastify receiver exists for Bolt 4/5 on npm; this is the ~100 lines such a package would hold.
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { FastifyBaseLogger } from 'fastify';

export interface AckAnswer {
  status: number;
  /** Empty (Slack shows nothing), a string, or JSON (a slash-command reply, a modal's response_action). */
  body?: string | Record<string, unknown>;
}

export interface FastifyReceiverOptions {
  log: FastifyBaseLogger;
  /** Below Slack's 3 s so our answer still arrives in time (Bolt's own timer is 3,001 ms). */
  ackTimeoutMs?: number;
}

export class FastifyReceiver implements Receiver {
  private app: App | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly ackTimeoutMs: number;

  constructor(private readonly opts: FastifyReceiverOptions) {
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 2500;
  }

  init(app: App): void {
    this.app = app;
  }

  // Fastify owns the server: start and stop are no-ops, kept for the Receiver interface.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Resolves with what to answer Slack: at the first ack(), on an error before it, or from the watchdog. */
  dispatch(body: Record<string, unknown>, meta: { retryNum?: number; retryReason?: string } = {}): Promise<AckAnswer> {
    const app = this.app;
    if (!app) return Promise.resolve({ status: 503, body: { code: 'integration_off', message: 'The Slack app is not initialised yet.' } });
    return new Promise<AckAnswer>((resolve) => {
      let answered = false;
      const answer = (a: AckAnswer) => {
        if (answered) return false;
        answered = true;
        clearTimeout(watchdog);
        resolve(a);
        return true;
      };
      const watchdog = setTimeout(() => {
        if (answer({ status: 200 })) this.opts.log.warn({ type: body.type, ms: this.ackTimeoutMs }, 'slack request not acknowledged in time; answered empty 200');
      }, this.ackTimeoutMs);

      const event: ReceiverEvent = {
        body,
        // Idempotent: a second ack (a listener and a middleware both acking, a retry path) is a no-op, not a throw.
        ack: async (response?: unknown) => {
          if (response === undefined || response === null || response === '') answer({ status: 200 });
          else if (typeof response === 'string') answer({ status: 200, body: response });
          else answer({ status: 200, body: response as Record<string, unknown> });
        },
        ...(meta.retryNum !== undefined ? { retryNum: meta.retryNum } : {}),
        ...(meta.retryReason !== undefined ? { retryReason: meta.retryReason } : {}),
      };
      const work = app
        .processEvent(event)
        .then(() => {
          // Listeners are done; nobody acked (no listener matched): answer now rather than at the watchdog.
          answer({ status: 200 });
        })
        .catch((err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          if (answer({ status: 500, body: { code: 'internal_error', message: 'The Slack request failed on our side; try again.' } })) {
            this.opts.log.error({ err: message, type: body.type }, 'slack request failed before acknowledgement');
          } else {
            this.opts.log.error({ err: message, type: body.type }, 'slack listener failed after acknowledgement');
          }
        })
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
  }

  /** Waits for listeners still working after their ack (graceful shutdown, tests). */
  async idle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, Math.max(1, deadline - Date.now())))]);
    }
  }
}
