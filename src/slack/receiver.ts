// A Bolt Receiver that lives inside Fastify: no second HTTP server, no Express. Routes (routes.ts) verify and parse
// the request, then hand the body here. Bolt's contract (integrations.md trap 7): answer HTTP when ack() is called,
// not when processEvent resolves, because listeners keep working after they ack (approve, post, update). Slack
// gives up after 3 s, so a watchdog answers if nobody acks in time.
// No maintained Fastify receiver exists for Bolt 4/5 on npm; this is the ~100 lines such a package would hold.
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { FastifyBaseLogger } from 'fastify';
import { postToResponseUrl } from './response-url.js';

export interface AckAnswer {
  status: number;
  /** Empty (Slack shows nothing), a string, or JSON (a slash-command reply, a modal's response_action). */
  body?: string | Record<string, unknown>;
}

export interface FastifyReceiverOptions {
  log: FastifyBaseLogger;
  /** Posts to a response_url (an interaction that failed before its ack still gets a sentence). */
  postResponse?: (url: string, message: Record<string, unknown>) => Promise<void>;
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
        if (answer(slowAnswer(body))) this.opts.log.warn({ type: body.type, ms: this.ackTimeoutMs }, 'slack request not acknowledged in time; answered for it');
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
          if (answer(failedAnswer(body))) {
            this.opts.log.error({ err: message, type: body.type }, 'slack request failed before acknowledgement');
            const url = body.type === 'block_actions' && typeof body.response_url === 'string' ? body.response_url : null;
            if (url) {
              void (this.opts.postResponse ?? postToResponseUrl)(url, { response_type: 'ephemeral', replace_original: false, text: FAILED_TEXT }).catch((e: unknown) =>
                this.opts.log.warn({ err: (e as Error).message }, 'slack: could not tell the clicker about the failure'),
              );
            }
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

export const FAILED_TEXT = ':warning: m365-guide could not handle that: something failed on our side before it started. Nothing was changed; try again, and tell your admin if it keeps failing (the service log has the details).';
const SLOW_TEXT = ':hourglass_flowing_sand: Still working on it; the answer will appear here.';

// What Slack shows depends on the kind of request: a slash command displays the body of a 200 (a non-200 is only
// "failed with the error http_service_error"); a modal submission shows `errors` next to an input block; a button
// click shows nothing of the HTTP answer, so its sentence goes to the response_url instead.
// https://docs.slack.dev/interactivity/implementing-slash-commands#responding_to_commands,
// https://docs.slack.dev/surfaces/modals#displaying_errors
function failedAnswer(body: Record<string, unknown>): AckAnswer {
  if (typeof body.command === 'string') return { status: 200, body: { response_type: 'ephemeral', text: FAILED_TEXT } };
  if (body.type === 'view_submission') {
    const blocks = ((body.view as { blocks?: Array<{ type?: string; block_id?: string }> } | undefined)?.blocks ?? []).filter((b) => b.type === 'input' && b.block_id);
    if (blocks[0]) return { status: 200, body: { response_action: 'errors', errors: { [blocks[0].block_id!]: FAILED_TEXT.replace(/^:warning: /, '').slice(0, 150) } } };
  }
  if (body.type === 'block_actions') return { status: 200 };
  return { status: 500, body: { code: 'internal_error', message: 'The Slack request failed on our side; try again.' } };
}

function slowAnswer(body: Record<string, unknown>): AckAnswer {
  return typeof body.command === 'string' ? { status: 200, body: { response_type: 'ephemeral', text: SLOW_TEXT } } : { status: 200 };
}
