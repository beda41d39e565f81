// POST /webhooks/zendesk: verify on the raw bytes, parse, dedupe, store, answer. The slow work happens in the
// worker, so Zendesk gets its 200 in milliseconds (it times out after ~12 s and retries).
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../errors.js';
import type { OverloadGuard } from '../ops/overload.js';
import type { Store } from '../store/types.js';
import type { Metrics } from './context.js';
import { parseZendeskEvent, PayloadError } from './parse-event.js';
import { verifyZendeskSignature } from './verify-signature.js';

export const WEBHOOK_BODY_LIMIT = 256 * 1024;

export interface WebhookOptions {
  secrets: readonly string[];
  store: Store;
  now: () => Date;
  metrics: Metrics;
  /** Wakes the worker so an event does not wait for the next poll. */
  notify: () => void;
  overload: OverloadGuard;
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function zendeskWebhookRoutes(app: FastifyInstance, o: WebhookOptions): Promise<void> {
  // Scoped to this plugin: the rest of the app keeps Fastify's normal JSON parser.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

  // Before the body is read: a refused delivery costs us nothing and Zendesk retries it.
  app.addHook('onRequest', async (_req, reply) => {
    const verdict = o.overload.check();
    if (verdict.overloaded) {
      o.metrics.inc('overload_rejections_total');
      return reply
        .code(503)
        .header('retry-after', String(verdict.retryAfterS))
        .send(errorBody('overloaded', `The service is overloaded (${verdict.reason}); retry after ${verdict.retryAfterS} s.`));
    }
  });

  app.post('/webhooks/zendesk', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (o.secrets.length === 0) {
      return reply.code(503).send(errorBody('integration_off', 'The Zendesk webhook is off: set ZENDESK_WEBHOOK_SECRET to the webhook signing secret.'));
    }
    const verdict = verifyZendeskSignature({
      rawBody: raw,
      signature: header(req.headers['x-zendesk-webhook-signature']),
      timestamp: header(req.headers['x-zendesk-webhook-signature-timestamp']),
      secrets: o.secrets,
      now: o.now(),
    });
    if (!verdict.ok) {
      o.metrics.inc('events_rejected_total', { reason: verdict.code });
      req.log.warn({ reason: verdict.code, webhookId: header(req.headers['x-zendesk-webhook-id']) }, 'webhook rejected');
      const message =
        verdict.code === 'timestamp_out_of_window'
          ? 'The signature timestamp is missing, malformed or more than 5 minutes away from our clock.'
          : verdict.code === 'signature_missing'
            ? 'The X-Zendesk-Webhook-Signature and -Timestamp headers are required.'
            : 'The signature does not match: check that ZENDESK_WEBHOOK_SECRET is this webhook\'s signing secret.';
      return reply.code(401).send(errorBody(verdict.code, message));
    }
    let parsed;
    try {
      parsed = parseZendeskEvent(JSON.parse(raw.toString('utf8')), raw, header(req.headers['x-zendesk-webhook-invocation-id']));
    } catch (err) {
      o.metrics.inc('events_rejected_total', { reason: 'payload_invalid' });
      const message = err instanceof PayloadError ? err.message : 'The body is not valid JSON.';
      return reply.code(400).send(errorBody('payload_invalid', message));
    }
    const { actorId, ...event } = parsed;
    const fresh = await o.store.insertEvent({ ...event, payload: { ...(event.payload as object), actorId } }, o.now());
    o.metrics.inc(fresh ? 'events_received_total' : 'events_deduplicated_total', { source: 'webhook' });
    req.log.info({ ticketId: event.ticketId, eventKey: event.key, type: event.type, duplicate: !fresh }, 'webhook accepted');
    if (fresh) o.notify();
    return reply.code(200).send({ ok: true, duplicate: !fresh });
  });
}
